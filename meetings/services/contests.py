"""Contested elections (000 §II): one ballot paper for several candidates to the seats of an
office, each unit choosing at most one candidate per seat, from its room or through the
secretariat (one ballot per unit whichever way it comes)."""

from django.db import transaction

from meetings import errors, room, rules, selectors
from meetings.errors import MeetingError
from meetings.models import (
    Attendance,
    Choice,
    Contest,
    ContestCandidate,
    Meeting,
    Resolution,
    ResolutionKind,
    ResolutionStatus,
)
from meetings.services.votes import _lock as lock_resolution
from meetings.services.votes import _record_result, vote_cast, voting_open


def candidates_of(contest: Contest) -> list[Resolution]:
    """The contest's candidacies in a fixed order (row locks are always taken in it)."""
    return list(
        Resolution.objects.filter(contest_entry__contest=contest)
        .select_related("candidate_user", "body", "meeting")
        .order_by("pk")
    )


@transaction.atomic
def contest_create(*, meeting: Meeting, office: str, seats: int, by) -> Contest:
    """Put every candidacy for ``office`` still a motion in this meeting on one ballot paper."""
    if seats < 1:
        raise MeetingError(errors.SEATS_REQUIRED)
    candidacies = list(
        Resolution.objects.filter(
            meeting=meeting,
            kind=ResolutionKind.ELECTION,
            office=office,
            status=ResolutionStatus.DRAFT,
            contest_entry__isnull=True,
        ).order_by("pk")
    )
    if len(candidacies) < 2:
        raise MeetingError(errors.TWO_CANDIDATES)
    contest = Contest.objects.create(meeting=meeting, office=office, seats=seats, created_by=by)
    ContestCandidate.objects.bulk_create(
        [ContestCandidate(contest=contest, resolution=r) for r in candidacies]
    )
    return contest


@transaction.atomic
def contest_open(*, contest: Contest, by) -> Contest:
    """Open the vote on every candidacy at once: one electorate, frozen now (000 §I)."""
    for candidacy in candidates_of(contest):
        voting_open(resolution=candidacy, by=by)
    return contest


def _check_picks(contest: Contest, candidacies, picks) -> set[int]:
    picks = {int(pk) for pk in picks}
    if not picks <= {c.pk for c in candidacies}:
        raise MeetingError(errors.CHOOSE_CANDIDATES)
    if len(picks) > contest.seats:
        raise MeetingError(errors.TOO_MANY_PICKS % {"seats": contest.seats})
    return picks


@transaction.atomic
def contest_vote_cast(*, contest: Contest, member, picks, by, cast_by_name: str = "") -> int:
    """Record a unit's ballot in a contested election: "for" each chosen candidate (one per
    seat at most), "abstain" for the others; refused whole, storing nothing, when any
    candidacy refuses it (closed, not in the electorate, suspended, already voted)."""
    candidacies = candidates_of(contest)
    picks = _check_picks(contest, candidacies, picks)
    for candidacy in candidacies:
        vote_cast(
            resolution=candidacy,
            member=member,
            choice=Choice.FOR if candidacy.pk in picks else Choice.ABSTAIN,
            by=by,
            cast_by_name=cast_by_name,
        )
    return len(picks)


@transaction.atomic
def room_contest_vote_cast(*, contest: Contest, member, picks, by) -> int:
    """Cast a unit's contested-election ballot from its room (representative or delegate,
    the unit checked in)."""
    actor = room.acting_as(by, contest.meeting, member)
    if actor is None:
        raise MeetingError(errors.NOT_REPRESENTATIVE)
    if not Attendance.objects.filter(meeting_id=contest.meeting_id, member=member).exists():
        raise MeetingError(errors.NOT_CHECKED_IN)
    return contest_vote_cast(contest=contest, member=member, picks=picks, by=by, cast_by_name=actor.name)


@transaction.atomic
def contest_close(*, contest: Contest, by) -> list[Resolution]:
    """Close every candidacy and record each result by the body's election rule; when more
    candidates reach it than there are seats, those with the most votes are elected and a tie
    for the last seat is refused (the vote is then reopened)."""
    candidacies = [lock_resolution(c) for c in candidates_of(contest)]
    if any(c.status != ResolutionStatus.VOTING for c in candidacies):
        raise MeetingError(errors.VOTING_NOT_OPEN)
    meeting = candidacies[0].meeting
    entitled = len(selectors.electorate(meeting)[0])
    tallies = {}
    for c in candidacies:
        counts = selectors.round_counts(c)
        present = c.electors.filter(round=c.round).count()
        result = rules.vote_result(
            votes_for=counts["for"],
            votes_against=counts["against"],
            votes_abstain=counts["abstain"],
            present=present,
            entitled=entitled,
            rule=selectors.rule_for(c),
        )
        tallies[c.pk] = (counts, present, result)
    reached = {pk: t[0]["for"] for pk, t in tallies.items() if t[2].passed}
    try:
        elected = rules.seats_filled(reached, contest.seats)
    except ValueError:
        raise MeetingError(errors.TIED) from None
    for c in candidacies:
        counts, present, _result = tallies[c.pk]
        _record_result(
            c,
            by=by,
            method="recorded",
            votes_for=counts["for"],
            votes_against=counts["against"],
            votes_abstain=counts["abstain"],
            present=present,
            entitled=entitled,
            outvoted=c.pk in reached and c.pk not in elected,
        )
    return candidacies
