"""Motions, votes and results (000 §I: more than 2/3 of units present), elections (000 §II)
and expulsions (001 §IV.7)."""

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.numbering import next_number
from meetings import errors, rules, selectors
from meetings.errors import MeetingError
from meetings.models import (
    Ballot,
    BallotCast,
    Choice,
    CountingMethod,
    Elector,
    Meeting,
    MeetingStatus,
    Resolution,
    ResolutionKind,
    ResolutionStatus,
    SecretTally,
    VoteReset,
)
from meetings.services.elections import candidate_problem
from meetings.services.offices import holding_from_election
from members.errors import MembershipError
from members.models import MemberStatus
from members.services import member_change_status


def _lock(resolution: Resolution) -> Resolution:
    return Resolution.objects.select_for_update().select_related("meeting", "body").get(pk=resolution.pk)


def _freeze_electorate(resolution: Resolution, present) -> None:
    """Record the round's electorate and, for a secret ballot, its three zeroed counters."""
    Elector.objects.bulk_create(
        [Elector(resolution=resolution, round=resolution.round, member_id=pk) for pk in sorted(present)],
        batch_size=500,
    )
    if resolution.secret:
        SecretTally.objects.bulk_create(
            [SecretTally(resolution=resolution, round=resolution.round, choice=c) for c in Choice.values],
            ignore_conflicts=True,
        )


@transaction.atomic
def voting_open(*, resolution: Resolution, by) -> Resolution:
    """Open the vote, freezing the electorate: the units present and entitled now (000 §I).

    Refused without quorum.
    """
    resolution = _lock(resolution)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=resolution.meeting_id)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise MeetingError(errors.NOT_IN_SESSION)
    if resolution.kind == ResolutionKind.ELECTION:
        problem = candidate_problem(
            office=resolution.office,
            candidate_user=resolution.candidate_user,
            start=timezone.localdate(meeting.starts_at),
        )
        if problem:
            raise MeetingError(problem)
    if not selectors.quorum_state(meeting).met:
        raise MeetingError(errors.NO_QUORUM)
    present = selectors.electorate(meeting)[1]
    resolution.move(ResolutionStatus.VOTING, by=by, voting_opened_at=timezone.now())
    _freeze_electorate(resolution, present)
    return resolution


@transaction.atomic
def vote_cast(*, resolution: Resolution, member, choice: str, by, cast_by_name: str = "") -> BallotCast:
    """Record one unit's vote (one per unit and round, by its representative or delegate).

    For a secret ballot the choice only adds to the round's counters, apart from the
    record of who voted.
    """
    resolution = _lock(resolution)
    if resolution.status != ResolutionStatus.VOTING:
        raise MeetingError(errors.VOTING_NOT_OPEN)
    if choice not in Choice.values:
        raise MeetingError(errors.CHOOSE_VOTE)
    if member.status != MemberStatus.ACTIVE:
        raise MeetingError(errors.NO_VOTING_RIGHTS)
    if not Elector.objects.filter(resolution=resolution, round=resolution.round, member=member).exists():
        raise MeetingError(errors.NOT_PRESENT)
    if BallotCast.objects.filter(resolution=resolution, round=resolution.round, member=member).exists():
        raise MeetingError(errors.ALREADY_VOTED)
    cast = BallotCast.objects.create(
        resolution=resolution,
        round=resolution.round,
        member=member,
        cast_by_name=cast_by_name.strip(),
        recorded_by=by,
    )
    if resolution.secret:
        _count_secretly(resolution, choice)
    else:
        Ballot.objects.create(resolution=resolution, round=resolution.round, choice=choice, member=member)
    return cast


def _count_secretly(resolution: Resolution, choice: str) -> None:
    """Add a secret choice to its counter, touching all three counters of the round in one
    statement so that no row written by this vote differs by which choice it was.

    The caller holds the resolution's row lock, so the increments are serialised.
    """
    counters = SecretTally.objects.filter(resolution=resolution, round=resolution.round)
    increment = F("count") + Case(When(choice=choice, then=Value(1)), default=Value(0))
    if not counters.update(count=increment):
        # A vote opened before counters existed: create them now, still under the lock.
        SecretTally.objects.bulk_create(
            [SecretTally(resolution=resolution, round=resolution.round, choice=c) for c in Choice.values],
            ignore_conflicts=True,
        )
        counters.update(count=increment)


@transaction.atomic
def vote_reopen(*, resolution: Resolution, reason: str, by) -> VoteReset:
    """Reset a vote that must be taken again: the round's ballots are voided (kept, not
    deleted), the reset is recorded with its reason, and a new round opens."""
    resolution = _lock(resolution)
    if not reason.strip():
        raise MeetingError(errors.REOPEN_REASON_REQUIRED)
    if resolution.status != ResolutionStatus.VOTING:
        raise MeetingError(errors.REOPEN_ONLY_VOTING)
    meeting = Meeting.objects.select_related("body").get(pk=resolution.meeting_id)
    if not selectors.quorum_state(meeting).met:
        raise MeetingError(errors.NO_QUORUM)
    voided = sum(selectors.round_counts(resolution).values())
    reset = VoteReset.objects.create(
        resolution=resolution,
        voided_round=resolution.round,
        ballots_voided=voided,
        reason=reason.strip(),
        reset_by=by,
    )
    resolution.move(
        ResolutionStatus.VOTING,
        by=by,
        comment=_("Vote reopened: %(reason)s") % {"reason": reason.strip()},
        round=resolution.round + 1,
        voting_opened_at=timezone.now(),
    )
    _freeze_electorate(resolution, selectors.electorate(meeting)[1])
    return reset


@transaction.atomic
def voting_close(*, resolution: Resolution, by) -> Resolution:
    """Close the vote and record the result by the body's rule, with the counts."""
    resolution = _lock(resolution)
    if resolution.status != ResolutionStatus.VOTING:
        raise MeetingError(errors.VOTING_NOT_OPEN)
    counts = selectors.round_counts(resolution)
    present = Elector.objects.filter(resolution=resolution, round=resolution.round).count()
    entitled, _present_now = selectors.electorate(resolution.meeting)
    return _record_result(
        resolution,
        by=by,
        method=CountingMethod.RECORDED,
        votes_for=counts.get(Choice.FOR, 0),
        votes_against=counts.get(Choice.AGAINST, 0),
        votes_abstain=counts.get(Choice.ABSTAIN, 0),
        present=present,
        entitled=len(entitled),
    )


@transaction.atomic
def paper_result_record(
    *, resolution: Resolution, votes_for: int, votes_against: int, votes_abstain: int, by
) -> Resolution:
    """Record the counted totals of a paper ballot (offline meetings) instead of per-unit votes."""
    resolution = _lock(resolution)
    meeting = Meeting.objects.select_related("body").get(pk=resolution.meeting_id)
    if resolution.status not in (ResolutionStatus.DRAFT, ResolutionStatus.VOTING):
        raise MeetingError(errors.RESULT_RECORDED)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise MeetingError(errors.NOT_IN_SESSION)
    if min(votes_for, votes_against, votes_abstain) < 0:
        raise MeetingError(errors.NEGATIVE_COUNTS)
    quorum = selectors.quorum_state(meeting)
    if not quorum.met:
        raise MeetingError(errors.NO_QUORUM)
    if resolution.status == ResolutionStatus.VOTING:
        present = Elector.objects.filter(resolution=resolution, round=resolution.round).count()
        if BallotCast.objects.filter(resolution=resolution, round=resolution.round).exists():
            raise MeetingError(errors.VOTES_PER_UNIT)
    else:
        present = quorum.present
    if votes_for + votes_against + votes_abstain > present:
        raise MeetingError(
            errors.TOO_MANY_BALLOTS % {"total": votes_for + votes_against + votes_abstain, "present": present}
        )
    return _record_result(
        resolution,
        by=by,
        method=CountingMethod.PAPER,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        present=present,
        entitled=quorum.entitled,
    )


def _record_result(
    resolution, *, by, method, votes_for, votes_against, votes_abstain, present, entitled, outvoted=False
):
    """Judge and record a result. ``outvoted``: a candidate who reached the election rule in a
    contested election but lost the seats to candidates with more votes is not elected."""
    rule = selectors.rule_for(resolution)
    result = rules.vote_result(
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        present=present,
        entitled=entitled,
        rule=rule,
    )
    passed = result.passed and not outvoted
    to_status = ResolutionStatus.PASSED if passed else ResolutionStatus.REJECTED
    comment = _("%(for)d for, %(against)d against, %(abstain)d abstentions; rule: %(rule)s") % {
        "for": votes_for,
        "against": votes_against,
        "abstain": votes_abstain,
        "rule": rule.describe(),
    }
    if outvoted:
        comment += " " + _("(the seats went to candidates with more votes)")
    if passed:
        year = timezone.localdate(resolution.meeting.starts_at).year
        code = resolution.body.code
        resolution.number = f"{code}-{year}-{next_number(f'resolution-{code}', year):02d}"
    resolution.move(
        to_status,
        by=by,
        comment=comment,
        counting_method=method,
        **rule.as_recorded(),
        entitled_count=entitled,
        present_count=present,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        decided_at=timezone.now(),
        decided_by=by,
    )
    if passed:
        _apply(resolution, by=by)
    return resolution


def _apply(resolution: Resolution, *, by) -> None:
    """Carry out what a passed resolution decides (inside the same transaction)."""
    if resolution.kind == ResolutionKind.EXPULSION:
        try:
            member_change_status(
                member=resolution.subject_member,
                to_status=MemberStatus.EXPELLED,
                reason=resolution.text or resolution.title,
                by=by,
                resolution_reference=resolution.number,
            )
        except MembershipError as exc:
            raise MeetingError(str(exc)) from exc
    elif resolution.kind == ResolutionKind.ELECTION:
        holding_from_election(resolution=resolution, by=by)


@transaction.atomic
def resolution_withdraw(*, resolution: Resolution, reason: str, by) -> Resolution:
    resolution = _lock(resolution)
    if not reason.strip():
        raise MeetingError(errors.WITHDRAW_REASON_REQUIRED)
    resolution.move(ResolutionStatus.WITHDRAWN, by=by, comment=reason)
    return resolution
