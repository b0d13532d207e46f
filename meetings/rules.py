"""Pure rules of governance meetings: quorum, majorities, term limits, state machines.

No database access and no floats: fractions are compared with integer cross
multiplication (``3 * yes > 2 * base``), so exactly two thirds never passes a
"more than two thirds" rule through a rounding error (DESIGN.md, Governance meetings).
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from alliance.status import Moves
from meetings import errors
from meetings.errors import (
    ILLEGAL_ACTION_MOVE,
    ILLEGAL_MEETING_MOVE,
    ILLEGAL_MINUTES_MOVE,
    ILLEGAL_RESOLUTION_MOVE,
    MeetingError,
)
from meetings.models.bodies import Rule, RuleBase, describe_rule
from meetings.models.meetings import MeetingStatus
from meetings.models.minutes import MinutesStatus
from meetings.models.resolutions import ActionStatus, ResolutionStatus

# A body answers its rules (Body.quorum_rule(), pass_rule(), election_rule()), so ``Rule``
# and its wording live with the body; the pure functions below judge counts against them.
__all__ = ["Rule", "describe_rule"]


def meets(count: int, base: int, fraction: Fraction, *, strict: bool) -> bool:
    """Return whether ``count`` is more than (strict) or at least ``fraction`` of ``base``.

    A base of zero is never met: a meeting with nobody entitled cannot decide.
    """
    if count < 0 or base < 0:
        raise ValueError("counts cannot be negative")
    if base == 0:
        return False
    lhs = count * fraction.denominator
    rhs = fraction.numerator * base
    return lhs > rhs if strict else lhs >= rhs


def minimum_needed(base: int, fraction: Fraction, *, strict: bool) -> int:
    """Return the smallest count that meets the rule for ``base`` (1 when the base is empty)."""
    if base <= 0:
        return 1
    exact, remainder = divmod(fraction.numerator * base, fraction.denominator)
    if strict:
        return exact + 1
    return exact + (1 if remainder else 0)


@dataclass(frozen=True)
class QuorumState:
    present: int
    entitled: int
    needed: int
    met: bool

    @property
    def margin(self) -> int:
        """Units to spare above the minimum (>= 0 when met), or still missing (< 0)."""
        return self.present - self.needed


def quorum(present: int, entitled: int, fraction: Fraction, *, strict: bool) -> QuorumState:
    """Return whether ``present`` units make a quorum of ``entitled`` (000 §I: more than 2/3)."""
    return QuorumState(
        present=present,
        entitled=entitled,
        needed=minimum_needed(entitled, fraction, strict=strict),
        met=meets(present, entitled, fraction, strict=strict),
    )


@dataclass(frozen=True)
class VoteResult:
    votes_for: int
    votes_against: int
    votes_abstain: int
    present: int
    entitled: int
    rule: Rule
    passed: bool

    @property
    def base(self) -> int:
        return self.entitled if self.rule.base == RuleBase.ENTITLED else self.present


def vote_result(
    *, votes_for: int, votes_against: int, votes_abstain: int, present: int, entitled: int, rule: Rule
):
    """Judge a vote: the motion passes when the votes for meet the rule on its base
    (000 §I: more than 2/3 of units present; §II elections: 2/3 of all members)."""
    base = entitled if rule.base == RuleBase.ENTITLED else present
    return VoteResult(
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        present=present,
        entitled=entitled,
        rule=rule,
        passed=meets(votes_for, base, rule.fraction, strict=rule.strict),
    )


def seats_filled(reached: dict, seats: int) -> set:
    """Return the candidates elected to ``seats`` among those that ``reached`` the election
    rule ({candidate: votes for}): all of them when they fit, else those with the most votes.

    Raises ValueError when candidates tie for the last seat: no rule of the Charter breaks it.
    """
    if len(reached) <= seats:
        return set(reached)
    ranked = sorted(reached.items(), key=lambda item: item[1], reverse=True)
    if ranked[seats - 1][1] == ranked[seats][1]:
        raise ValueError("tie for the last seat")
    return {candidate for candidate, _votes in ranked[:seats]}


# --- term limits (000 §II) -------------------------------------------------------------


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return the same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(start: datetime.date, years: int) -> datetime.date:
    """Return the last day of a term of ``years`` starting on ``start``."""
    return add_years(start, years) - datetime.timedelta(days=1)


def consecutive_terms_before(
    terms: list[tuple[datetime.date, datetime.date | None]], *, new_start: datetime.date, gap_days: int
) -> int:
    """Count the person's terms in an unbroken run up to ``new_start``.

    ``terms`` are (start, end) of the elected terms the person held in the office
    (end None: still serving). A term follows the previous one without a break when
    it starts at most ``gap_days`` after it ended.
    """
    run = 0
    boundary = new_start
    for start, end in sorted(terms, key=lambda t: t[0], reverse=True):
        if start >= new_start:
            continue
        finished = end or boundary
        if (boundary - finished).days > gap_days:
            break
        run += 1
        boundary = start
    return run


def term_limit_problem(
    terms: list[tuple[datetime.date, datetime.date | None]],
    *,
    new_start: datetime.date,
    max_consecutive: int,
    gap_days: int,
) -> str:
    """Return why the person may not be elected again, or '' (000 §II: only one consecutive
    re-election, so someone who served two consecutive terms is not eligible)."""
    served = consecutive_terms_before(terms, new_start=new_start, gap_days=gap_days)
    if served >= max_consecutive:
        return str(errors.TERM_LIMIT_REACHED % {"count": served})
    return ""


# --- state machines --------------------------------------------------------------------

MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.DRAFT: frozenset({MeetingStatus.NOTICE_ISSUED, MeetingStatus.CANCELLED}),
    MeetingStatus.NOTICE_ISSUED: frozenset({MeetingStatus.IN_SESSION, MeetingStatus.CANCELLED}),
    MeetingStatus.IN_SESSION: frozenset({MeetingStatus.HELD}),
    MeetingStatus.HELD: frozenset({MeetingStatus.ARCHIVED}),
    MeetingStatus.ARCHIVED: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}

RESOLUTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ResolutionStatus.DRAFT: frozenset(
        {
            ResolutionStatus.VOTING,
            ResolutionStatus.PASSED,
            ResolutionStatus.REJECTED,
            ResolutionStatus.WITHDRAWN,
        }
    ),
    # Reopening a vote (an audited reset) keeps it in VOTING with a new round.
    ResolutionStatus.VOTING: frozenset(
        {
            ResolutionStatus.VOTING,
            ResolutionStatus.PASSED,
            ResolutionStatus.REJECTED,
            ResolutionStatus.WITHDRAWN,
        }
    ),
    ResolutionStatus.PASSED: frozenset(),
    ResolutionStatus.REJECTED: frozenset(),
    ResolutionStatus.WITHDRAWN: frozenset(),
}

MINUTES_TRANSITIONS: dict[str, frozenset[str]] = {
    MinutesStatus.DRAFT: frozenset({MinutesStatus.IN_REVIEW}),
    MinutesStatus.IN_REVIEW: frozenset({MinutesStatus.DRAFT, MinutesStatus.APPROVED}),
    MinutesStatus.APPROVED: frozenset({MinutesStatus.CIRCULATED}),
    MinutesStatus.CIRCULATED: frozenset({MinutesStatus.ARCHIVED}),
    MinutesStatus.ARCHIVED: frozenset(),
}

ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset(
        {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED}
    ),
    ActionStatus.IN_PROGRESS: frozenset(
        {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED, ActionStatus.OPEN}
    ),
    ActionStatus.DONE: frozenset({ActionStatus.IN_PROGRESS}),
    ActionStatus.CANCELLED: frozenset(),
}

MEETING_MOVES = Moves(MEETING_TRANSITIONS, error=MeetingError, refused=ILLEGAL_MEETING_MOVE)
RESOLUTION_MOVES = Moves(RESOLUTION_TRANSITIONS, error=MeetingError, refused=ILLEGAL_RESOLUTION_MOVE)
MINUTES_MOVES = Moves(MINUTES_TRANSITIONS, error=MeetingError, refused=ILLEGAL_MINUTES_MOVE)
# Action items keep their own history (ProgressUpdate, with the note), so only the table is shared.
ACTION_MOVES = Moves(ACTION_TRANSITIONS, error=MeetingError, refused=ILLEGAL_ACTION_MOVE)


def is_overdue(*, due_on: datetime.date, status: str, today: datetime.date) -> bool:
    """An action item is overdue when its due date has passed and it is neither done nor cancelled."""
    return due_on < today and status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def notice_days_short(*, issued: datetime.datetime, starts_at: datetime.datetime, min_days: int) -> int:
    """Return by how many days (rounded up) a notice misses the body's minimum notice period."""
    latest = starts_at - datetime.timedelta(days=min_days)
    if min_days <= 0 or issued <= latest:
        return 0
    late = issued - latest
    return late.days + (1 if late.seconds or late.microseconds else 0)
