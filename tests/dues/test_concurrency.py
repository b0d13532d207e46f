"""Concurrency on PostgreSQL, for real, with threads (skipped on SQLite, which serialises writers)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from dues.models import Invoice, Receipt, ReminderSent
from dues.services import invoice_issue, payment_record, reminders_send
from tests.concurrency import errors, run_concurrently
from tests.dues.factories import make_schedule
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://...)")


def test_concurrent_payments_get_gapless_unique_receipt_numbers():
    treasurer = UserFactory(username="t1", roles=["Treasurer"])
    make_schedule(2024)
    today = datetime.date.today()
    invoices = [invoice_issue(member=MemberFactory(), year=today.year, by=treasurer) for _ in range(8)]

    def pay(invoice):
        for _ in range(3):
            payment_record(
                invoice=invoice, amount=Decimal("100.00"), received_on=today, method="cash", by=treasurer
            )

    assert errors(run_concurrently([lambda invoice=invoice: pay(invoice) for invoice in invoices])) == []
    numbers = sorted(Receipt.objects.values_list("number", flat=True))
    assert numbers == [f"R-{today.year}-{n:05d}" for n in range(1, 25)]


def test_concurrent_payments_on_one_invoice_never_overpay():
    treasurer = UserFactory(username="t2", roles=["Treasurer"])
    make_schedule(2024)
    today = datetime.date.today()
    invoice = invoice_issue(member=MemberFactory(), year=today.year, by=treasurer)  # 1000.00

    def pay():
        payment_record(
            invoice=invoice, amount=Decimal("400.00"), received_on=today, method="cash", by=treasurer
        )

    assert len(errors(run_concurrently([pay] * 4))) == 2  # 2 × 400 fit, the other two would overpay
    assert Receipt.objects.count() == 2


def test_two_reminder_runs_at_once_send_each_stage_once(mailoutbox):
    treasurer = UserFactory(username="t3", roles=["Treasurer"])
    make_schedule(2024)
    for _ in range(20):
        member = MemberFactory()
        RepresentativeFactory(member=member)
        Invoice.objects.filter(pk=invoice_issue(member=member, year=2026, by=treasurer).pk).update(
            due_on=datetime.date(2026, 12, 20)
        )
    day = datetime.date(2026, 12, 20)
    assert errors(run_concurrently([lambda: reminders_send(today=day)] * 4)) == []
    reminders_send(today=day)  # and once more afterwards
    assert ReminderSent.objects.count() == 20
    assert len(mailoutbox) == 20
    assert len({tuple(m.to) for m in mailoutbox}) == 20
