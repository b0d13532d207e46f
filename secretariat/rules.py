"""Pure rules of the secretariat: workflows, numbering, briefing periods, participation. No database."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from alliance.status import Moves
from members.models import MemberStatus
from secretariat.errors import ILLEGAL_MOVE, SecretariatError
from secretariat.models import ActivityStatus, DocumentStatus, FlagKind

# Document workflow (004 三.1): draft → department head review → Secretary-General or
# deputy approval → numbered and issued → archived. Reviewers may send it back.
DOCUMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.DRAFT: frozenset({DocumentStatus.IN_REVIEW}),
    DocumentStatus.IN_REVIEW: frozenset({DocumentStatus.REVIEWED, DocumentStatus.DRAFT}),
    DocumentStatus.REVIEWED: frozenset({DocumentStatus.APPROVED, DocumentStatus.DRAFT}),
    DocumentStatus.APPROVED: frozenset({DocumentStatus.ISSUED}),
    DocumentStatus.ISSUED: frozenset({DocumentStatus.ARCHIVED}),
    DocumentStatus.ARCHIVED: frozenset(),
}

# Activity workflow (004 三.3): plan → approval → preparation → held → summary → archived.
ACTIVITY_TRANSITIONS: dict[str, frozenset[str]] = {
    ActivityStatus.PLANNED: frozenset({ActivityStatus.APPROVED, ActivityStatus.CANCELLED}),
    ActivityStatus.APPROVED: frozenset({ActivityStatus.PREPARING, ActivityStatus.CANCELLED}),
    ActivityStatus.PREPARING: frozenset({ActivityStatus.HELD, ActivityStatus.CANCELLED}),
    ActivityStatus.HELD: frozenset({ActivityStatus.REPORTED}),
    ActivityStatus.REPORTED: frozenset({ActivityStatus.ARCHIVED}),
    ActivityStatus.ARCHIVED: frozenset(),
    ActivityStatus.CANCELLED: frozenset(),
}


DOCUMENT_MOVES = Moves(DOCUMENT_TRANSITIONS, error=SecretariatError, refused=ILLEGAL_MOVE)
ACTIVITY_MOVES = Moves(ACTIVITY_TRANSITIONS, error=SecretariatError, refused=ILLEGAL_MOVE)


def format_document_number(pattern: str, *, year: int, seq: int, kind: str, kind_code: str) -> str:
    """Return an issued document's number from the configured pattern (default ``ISA-{year}-{seq:03d}``)."""
    return pattern.format(year=year, seq=seq, kind=kind, kind_code=kind_code)


# Liaison briefings (000 §I.2(1)): periods are fixed blocks of months starting in January.
def period_containing(day: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of the briefing period that contains ``day``."""
    first_month = ((day.month - 1) // months) * months + 1
    start = datetime.date(day.year, first_month, 1)
    return start, _add_months(start, months) - datetime.timedelta(days=1)


def previous_period(day: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """Return the period before the one containing ``day``."""
    start, _ = period_containing(day, months)
    return period_containing(start - datetime.timedelta(days=1), months)


def briefing_due_period(
    today: datetime.date, months: int, grace_days: int
) -> tuple[datetime.date, datetime.date] | None:
    """Return the last period whose briefing is due by ``today`` (ended more than ``grace_days`` ago)."""
    start, end = previous_period(today, months)
    if today > end + datetime.timedelta(days=grace_days):
        return start, end
    start, end = previous_period(start, months)
    return start, end


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    return datetime.date(day.year + month_index // 12, month_index % 12 + 1, 1)


# Participation rule (003 第九条).
@dataclass(frozen=True)
class Occasion:
    """One activity or meeting a member was expected at, and who of it came."""

    key: str  # e.g. "activity:12" or "meeting:4"
    date: datetime.date
    label: str
    unit_present: bool
    representative_present: bool


@dataclass(frozen=True)
class FlagFinding:
    kind: str
    proposed_status: str
    missed: tuple[Occasion, ...]
    last_attended_on: datetime.date | None

    @property
    def evidence_key(self) -> str:
        return self.missed[-1].key


def trailing_absences(occasions: Sequence[Occasion], *, personal: bool) -> tuple[Occasion, ...]:
    """Return the occasions missed since the last one attended (oldest first).

    ``personal`` counts the representative in person (本人); otherwise anybody from the unit.
    """
    missed: list[Occasion] = []
    for occasion in reversed(occasions):
        present = occasion.representative_present if personal else occasion.unit_present
        if present:
            break
        missed.append(occasion)
    return tuple(reversed(missed))


def last_attended(occasions: Sequence[Occasion], *, personal: bool) -> datetime.date | None:
    for occasion in reversed(occasions):
        if occasion.representative_present if personal else occasion.unit_present:
            return occasion.date
    return None


def participation_findings(
    occasions: Sequence[Occasion],
    *,
    today: datetime.date,
    is_unit: bool,
    count_representative: bool = True,
    unit_absences: int,
    representative_absences: int,
    withdrawal_absences: int,
    withdrawal_days: int,
) -> list[FlagFinding]:
    """Return what the participation rule finds in a member's occasions, ordered by date.

    003 第九条: nobody from a unit at ``unit_absences`` consecutive activities, or the
    representative personally absent ``representative_absences`` times in a row, warns and
    suspends the member's rights; absent for a year (``withdrawal_days`` from the first occasion
    missed in the current run of absences to ``today``) or more than 6 times in a row
    (``withdrawal_absences``) is treated as withdrawal. For an individual member the person
    is the representative; ``count_representative`` is False for a unit that has no current
    representative. A withdrawal finding replaces the suspension findings.
    """
    occasions = sorted(occasions, key=lambda o: (o.date, o.key))
    personal = not is_unit
    # Withdrawal: the member as a whole (the unit, or the individual in person) stayed away.
    member_missed = trailing_absences(occasions, personal=personal)
    member_last = last_attended(occasions, personal=personal)
    if member_missed:
        away_days = (today - member_missed[0].date).days
        if len(member_missed) >= withdrawal_absences or away_days >= withdrawal_days:
            return [FlagFinding(FlagKind.WITHDRAWAL, MemberStatus.WITHDRAWN, member_missed, member_last)]
    findings = []
    if is_unit and len(member_missed) >= unit_absences:
        findings.append(FlagFinding(FlagKind.UNIT_ABSENT, MemberStatus.SUSPENDED, member_missed, member_last))
    rep_missed = trailing_absences(occasions, personal=True) if count_representative else ()
    if len(rep_missed) >= representative_absences:
        findings.append(
            FlagFinding(
                FlagKind.REPRESENTATIVE_ABSENT,
                MemberStatus.SUSPENDED,
                rep_missed,
                last_attended(occasions, personal=True),
            )
        )
    return findings
