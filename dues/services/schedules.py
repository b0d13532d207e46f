from decimal import Decimal

from django.db import transaction

from alliance.history import save_by
from dues.errors import SCHEDULE_EXISTS, SCHEDULE_IN_USE, DuesError
from dues.models import FeeRate, FeeSchedule
from dues.rules import parse_money


def _clean_amounts(amounts: dict[str, object]) -> dict[str, Decimal]:
    cleaned = {}
    for tier, raw in amounts.items():
        amount, problem = parse_money(raw)
        if problem:
            raise DuesError(problem)
        cleaned[tier] = amount
    return cleaned


@transaction.atomic
def fee_schedule_create(
    *, year: int, amounts: dict, approved_on, approving_meeting, by, notes: str = ""
) -> FeeSchedule:
    """Create the fee schedule of a dues year; only the central schedule sets amounts (001 §IV.5)."""
    cleaned = _clean_amounts(amounts)
    if FeeSchedule.objects.filter(year=year).exists():
        raise DuesError(str(SCHEDULE_EXISTS % {"year": year}))
    schedule = FeeSchedule(
        year=year,
        approved_on=approved_on,
        approving_meeting=approving_meeting,
        notes=notes,
        created_by=by,
    )
    save_by(schedule, by)
    FeeRate.objects.bulk_create([FeeRate(schedule=schedule, tier=t, amount=a) for t, a in cleaned.items()])
    return schedule


@transaction.atomic
def fee_schedule_update(
    *,
    schedule: FeeSchedule,
    amounts: dict,
    approved_on,
    approving_meeting,
    by,
    notes: str = "",
) -> FeeSchedule:
    """Change a fee schedule that no invoice uses yet; one in use is history and stays as it is."""
    schedule = FeeSchedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.invoices.exists():
        raise DuesError(str(SCHEDULE_IN_USE % {"year": schedule.year}))
    cleaned = _clean_amounts(amounts)
    schedule.approved_on = approved_on
    schedule.approving_meeting = approving_meeting
    schedule.notes = notes
    save_by(schedule, by)
    for tier, amount in cleaned.items():
        rate, _created = FeeRate.objects.get_or_create(
            schedule=schedule, tier=tier, defaults={"amount": amount}
        )
        if rate.amount != amount:
            rate.amount = amount
            save_by(rate, by, update_fields=["amount"])
    return schedule
