"""Office holdings (000 §II): elected Chairman and Vice Chairmen, appointed officers, resignations."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.history import save_by
from meetings import conf, errors, rules
from meetings.errors import MeetingError
from meetings.models import HoldingEnd, HoldingHow, Office, OfficeHolding

APPOINTED_OFFICES = (Office.SECRETARY_GENERAL, Office.DEPUTY_SECRETARY_GENERAL, Office.TREASURER)
# Offices with one holder at a time: a new holder succeeds the current one.
SINGLE_HOLDER = (Office.CHAIRMAN, Office.SECRETARY_GENERAL, Office.TREASURER)


def _end(holding: OfficeHolding, *, on: datetime.date, reason: str, by, note: str = "") -> OfficeHolding:
    holding.ended_on = max(on, holding.started_on)
    holding.end_reason = reason
    if note:
        holding.note = (holding.note + "\n" + note).strip()
    save_by(holding, by)
    return holding


def _succeed(office: str, *, on: datetime.date, by) -> None:
    if office in SINGLE_HOLDER:
        for holding in OfficeHolding.objects.select_for_update().filter(office=office, ended_on__isnull=True):
            _end(holding, on=on, reason=HoldingEnd.SUCCEEDED, by=by)


def holding_from_election(*, resolution, by) -> OfficeHolding:
    """Start the elected candidate's five-year term (000 §II) from the meeting's date."""
    start = timezone.localdate(resolution.meeting.starts_at)
    _succeed(resolution.office, on=start, by=by)
    OfficeHolding.objects.filter(
        office=resolution.office, holder=resolution.candidate_user, ended_on__isnull=True
    ).update(ended_on=start, end_reason=HoldingEnd.TERM_ENDED)
    holding = OfficeHolding(
        office=resolution.office,
        holder=resolution.candidate_user,
        member=resolution.candidate_member,
        how=HoldingHow.ELECTED,
        started_on=start,
        term_ends_on=rules.term_end(start, conf.term_years()),
        resolution=resolution,
        recorded_by=by,
    )
    save_by(holding, by)
    return holding


@transaction.atomic
def office_appoint(
    *, office: str, holder, appointed_by, started_on: datetime.date, by, member=None, note: str = ""
) -> OfficeHolding:
    """Record an appointment by the Chairman (000 §II: Secretary-General, deputies, Treasurer)."""
    if office not in APPOINTED_OFFICES:
        raise MeetingError(errors.ELECTED_NOT_APPOINTED)
    chairman = OfficeHolding.objects.filter(office=Office.CHAIRMAN, holder=appointed_by).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=started_on), started_on__lte=started_on
    )
    if not chairman.exists():
        raise MeetingError(errors.NOT_APPOINTED_BY_CHAIRMAN)
    if OfficeHolding.objects.filter(office=office, holder=holder, ended_on__isnull=True).exists():
        raise MeetingError(errors.ALREADY_HOLDS_OFFICE)
    _succeed(office, on=started_on, by=by)
    holding = OfficeHolding(
        office=office,
        holder=holder,
        member=member,
        how=HoldingHow.APPOINTED,
        started_on=started_on,
        appointed_by=appointed_by,
        note=note,
        recorded_by=by,
    )
    save_by(holding, by)
    return holding


@transaction.atomic
def office_resign(*, holding: OfficeHolding, on: datetime.date, by, note: str = "") -> OfficeHolding:
    """Record a resignation (000 §II: appointed officers may resign)."""
    holding = OfficeHolding.objects.select_for_update().get(pk=holding.pk)
    if holding.ended_on:
        raise MeetingError(errors.HOLDING_ENDED)
    if on < holding.started_on:
        raise MeetingError(errors.RESIGNATION_BEFORE_START)
    return _end(holding, on=on, reason=HoldingEnd.RESIGNED, by=by, note=note)


@transaction.atomic
def office_end(
    *, holding: OfficeHolding, on: datetime.date, reason: str, by, note: str = ""
) -> OfficeHolding:
    holding = OfficeHolding.objects.select_for_update().get(pk=holding.pk)
    if holding.ended_on:
        raise MeetingError(errors.HOLDING_ENDED)
    if reason not in HoldingEnd.values:
        raise MeetingError(errors.CHOOSE_END_REASON)
    return _end(holding, on=on, reason=reason, by=by, note=note)


def holdings_end_for_representative(*, representative, ended_on, by) -> None:
    """Connected to members.extensions.representative_left: a representative who leaves takes
    their alliance positions with them; the successor does not inherit them (003 第六–八条)."""
    if representative.user_id is None:
        return
    holdings = OfficeHolding.objects.select_for_update().filter(
        holder_id=representative.user_id, ended_on__isnull=True
    )
    if representative.member_id:
        holdings = holdings.filter(Q(member_id=representative.member_id) | Q(member__isnull=True))
    for holding in holdings:
        _end(
            holding,
            on=ended_on,
            reason=HoldingEnd.REPRESENTATIVE_LEFT,
            by=by,
            note=_("Ended with the representation of %(member)s.") % {"member": representative.member.name},
        )
