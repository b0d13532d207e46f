"""Minutes pages: the secretariat drafts and circulates; reviewers approve; members read."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.pdf import render_pdf
from alliance.roles import Role, has_role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import selectors, services
from meetings.forms import CorrectionForm, MinutesActionForm, MinutesTextForm
from meetings.models import Meeting
from meetings.services.minutes import reviewer_capacity
from members.selectors import represented_members

staff_required = role_required(Role.SECRETARIAT)


@staff_required
@require_POST
def minutes_draft(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    with refusal_reported(request):
        minutes = services.minutes_draft(meeting=meeting, by=request.user)
        messages.success(request, _("Minutes drafted from the meeting."))
        return redirect("meetings:minutes_detail", minutes.pk)
    return redirect("meetings:meeting_detail", meeting.pk)


@staff_required
def minutes_detail(request, pk):
    minutes = selectors.minutes_for(request.user, pk)
    if request.method == "POST":
        form = MinutesTextForm(request.POST)
        target = reverse("meetings:minutes_detail", args=[minutes.pk])
        if form.is_valid():
            with refusal_reported(request, form):
                services.minutes_edit(minutes=minutes, text=form.cleaned_data["text"], by=request.user)
                messages.success(request, _("Minutes saved."))
        if form.errors:
            return form_errors_reported(request, form, target)
        return redirect(target)
    context = {
        "minutes": minutes,
        "form": MinutesTextForm(initial={"text": minutes.text}),
        "action_form": MinutesActionForm(),
        "correction_form": CorrectionForm(),
        "recipients": minutes.recipients.select_related("member", "read_by"),
        "can_review": bool(reviewer_capacity(request.user)),
        "versions": minutes.meeting.minutes.order_by("-version"),
    }
    return render(request, "meetings/minutes_detail.html", context)


ACTIONS = {
    "submit": (services.minutes_submit, gettext_lazy("Minutes sent for review.")),
    "return": (services.minutes_return, gettext_lazy("Minutes returned to the drafter.")),
    "approve": (services.minutes_approve, gettext_lazy("Minutes approved.")),
    "circulate": (
        services.minutes_circulate,
        gettext_lazy("Minutes circulated to the attendees; their emails are queued."),
    ),
    "archive": (services.minutes_archive, gettext_lazy("Minutes archived with the notice and materials.")),
}


@staff_required
@require_POST
def minutes_action(request, pk):
    minutes = selectors.minutes_for(request.user, pk)
    form = MinutesActionForm(request.POST)
    target = reverse("meetings:minutes_detail", args=[minutes.pk])
    if form.is_valid():
        action = form.cleaned_data["action"]
        service, message = ACTIONS[action]
        kwargs = {"minutes": minutes, "by": request.user}
        if action in ("return", "approve"):
            kwargs["comment"] = form.cleaned_data["comment"]
        with refusal_reported(request, form):
            service(**kwargs)
            messages.success(request, message)
    if form.errors:
        return form_errors_reported(request, form, target)
    return redirect(target)


@staff_required
@require_POST
def minutes_correct(request, pk):
    minutes = selectors.minutes_for(request.user, pk)
    form = CorrectionForm(request.POST)
    target = reverse("meetings:minutes_detail", args=[minutes.pk])
    if form.is_valid():
        with refusal_reported(request, form):
            new = services.minutes_correct(minutes=minutes, note=form.cleaned_data["note"], by=request.user)
            messages.success(request, _("A corrected version is drafted."))
            return redirect("meetings:minutes_detail", new.pk)
    return form_errors_reported(request, form, target)


@role_required(Role.SECRETARIAT, Role.MEMBER)
def minutes_read(request, pk):
    """Members read circulated minutes; the read receipt is a POST from this page (a GET, such as
    a link on another site, records nothing)."""
    minutes = selectors.readable_minutes_for(request.user, pk)
    receipts = (
        minutes.recipients.filter(member__in=represented_members(request.user))
        if has_role(request.user, Role.MEMBER)
        else minutes.recipients.none()
    )
    if request.method == "POST":
        if receipts.exists():
            services.minutes_mark_read(
                minutes=minutes, user=request.user, members=represented_members(request.user)
            )
            messages.success(request, _("Marked as read."))
        return redirect("meetings:minutes_read", minutes.pk)
    read_at = [receipt.read_at for receipt in receipts]
    return render(
        request,
        "meetings/minutes_read.html",
        {
            "minutes": minutes,
            "is_recipient": bool(read_at),
            "unread": any(when is None for when in read_at),
            "read_at": max((when for when in read_at if when), default=None),
        },
    )


@role_required(Role.SECRETARIAT, Role.MEMBER)
def minutes_pdf(request, pk):
    minutes = selectors.readable_minutes_for(request.user, pk)
    pdf = render_pdf("meetings/pdf/minutes.html", {"minutes": minutes})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="minutes-{minutes.meeting_id}-v{minutes.version}.pdf"'
    )
    return response
