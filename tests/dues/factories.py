import datetime
from decimal import Decimal

from django.utils import timezone

from dues.models import FeeSchedule
from dues.services import fee_schedule_create
from meetings.demo import first_congress
from meetings.models import Body, Meeting, Resolution, ResolutionKind, ResolutionStatus
from tests.factories import UserFactory

AMOUNTS = {
    "chairman_unit": Decimal("20000.00"),
    "vice_chairman_unit": Decimal("10000.00"),
    "group_member": Decimal("1000.00"),
    "individual_member": Decimal("500.00"),
}


def make_schedule(year=2024, by=None) -> FeeSchedule:
    existing = FeeSchedule.objects.filter(year=year).first()
    if existing:
        return existing
    return fee_schedule_create(
        year=year,
        amounts=AMOUNTS,
        approved_on=datetime.date(2024, 5, 28),
        approving_meeting=first_congress(by or UserFactory()),
        by=by,
    )


def make_resolution(
    by, *, code="GA", kind=ResolutionKind.WAIVER, status=ResolutionStatus.PASSED, number="GA-2026-01"
):
    body = Body.objects.get_or_create(code=code, defaults={"name": code})[0]
    meeting = Meeting.objects.create(
        body=body,
        title="Assembly",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        venue="Kunming",
        created_by=by,
    )
    return Resolution.objects.create(
        meeting=meeting,
        body=body,
        kind=kind,
        title="Waiver",
        status=status,
        number=number,
        proposed_by=by,
        decided_at=timezone.now(),
    )


def pay(invoice, by, amount="100.00", on=datetime.date(2026, 2, 27)):
    """Record a payment on ``invoice`` (and so its receipt)."""
    from dues.services import payment_record

    return payment_record(invoice=invoice, amount=Decimal(amount), received_on=on, method="cash", by=by)
