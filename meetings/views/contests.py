"""Contested elections: the unit's ballot from its room, and the secretariat's desk (group the
candidates, open, enter a unit's ballot, close)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from meetings import selectors
from meetings.models import Contest
from meetings.room_forms import ContestBallotForm, ContestForm
from meetings.services import contests as services
from meetings.views.room import _room_answer, _unit_room
from meetings.views.votes import VOTING_CLOSED, VOTING_OPENED, vote_step

staff_required = role_required(Role.SECRETARIAT)


@login_required
@require_POST
def room_contest_vote(request, pk, member_pk, contest_pk):
    meeting, invitation, actor = _unit_room(request, pk, member_pk)
    contest = get_object_or_404(Contest, pk=contest_pk, meeting=meeting)
    return _room_answer(
        request,
        (meeting, invitation, actor),
        services.room_contest_vote_cast,
        _("Your unit's ballot is recorded."),
        contest=contest,
        member=invitation.member,
        picks=request.POST.getlist("pick"),
        by=request.user,
    )


def _chair(meeting):
    return reverse("meetings:chair", args=[meeting.pk])


@staff_required
@require_POST
def contest_create(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = ContestForm(request.POST)
    if form.is_valid():
        with refusal_reported(request, form):
            services.contest_create(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("The candidates are on one ballot paper."))
    if form.errors:
        return form_errors_reported(request, form, _chair(meeting))
    return redirect(_chair(meeting))


def _contest(meeting, contest_pk):
    return get_object_or_404(Contest.objects.select_related("meeting"), pk=contest_pk, meeting=meeting)


def _election(request, pk, contest_pk):
    meeting = selectors.meeting_for(request.user, pk)
    return {"contest": _contest(meeting, contest_pk)}, _chair(meeting)


contest_open = vote_step(services.contest_open, VOTING_OPENED, _election)
contest_close = vote_step(services.contest_close, VOTING_CLOSED, _election)


@staff_required
@require_POST
def contest_vote(request, pk, contest_pk):
    """The secretariat enters the ballot of a unit present in the room."""
    meeting = selectors.meeting_for(request.user, pk)
    contest = _contest(meeting, contest_pk)
    form = ContestBallotForm(request.POST, candidates=services.candidates_of(contest))
    if form.is_valid():
        member = form.cleaned_data["member"]
        with refusal_reported(request, form):
            services.contest_vote_cast(
                contest=contest, member=member, picks=form.cleaned_data["pick"], by=request.user
            )
            messages.success(request, _("Ballot of %(member)s recorded.") % {"member": member.name})
    if form.errors:
        return form_errors_reported(request, form, _chair(meeting))
    return redirect(_chair(meeting))
