import datetime
from decimal import Decimal

from dues.models import FeeSchedule
from dues.services import fee_schedule_create

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
        approved_by="Member General Assembly",
        by=by,
    )
