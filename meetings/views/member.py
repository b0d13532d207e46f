"""The members' view: meetings a member is invited to, answers, circulated minutes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import selectors, services
from meetings.forms import AnswerForm
from meetings.models import Invitation, MeetingStatus
from meetings.room import ROOM_STATUSES
from members.selectors import represented_members

member_required = role_required(Role.MEMBER)


@member_required
def my_meetings(request):
    members = represented_members(request.user)
    invitations = (
        Invitation.objects.filter(member__in=members)
        .exclude(meeting__status=MeetingStatus.DRAFT)
        .select_related("meeting", "meeting__body", "member")
        .prefetch_related("meeting__agenda_items")
        .order_by("-meeting__starts_at")[:100]
    )
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "invitations": invitations,
            "minutes": selectors.minutes_for_member(request.user)[:100],
            "form": AnswerForm(),
            "answerable": MeetingStatus.NOTICE_ISSUED,
            "room_statuses": ROOM_STATUSES,
        },
    )


@member_required
@require_POST
def invitation_answer(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.filter(member__in=represented_members(request.user)).select_related("meeting"),
        pk=pk,
    )
    form = AnswerForm(request.POST)
    target = reverse("meetings:my_meetings")
    if form.is_valid():
        with refusal_reported(request, form):
            services.invitation_answer(invitation=invitation, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your answer is recorded."))
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)
