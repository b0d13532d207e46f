import datetime

import pytest
import time_machine

from alliance.demo import demo_user
from dues.demo import load_dues
from dues.models import FeeSchedule, Invoice, Payment
from dues.selectors import member_dues
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_no_members_no_dues():
    load_dues()
    assert not FeeSchedule.objects.exists()


def test_demo_is_idempotent_and_varied():
    with time_machine.travel(datetime.datetime(2026, 11, 1, 4, tzinfo=datetime.UTC), tick=False):
        demo_user("treasurer", role="Treasurer")
        member_user = demo_user("member", role="Member")
        own = RepresentativeFactory(
            user=member_user, member=MemberFactory(joined_on=datetime.date(2024, 9, 1))
        ).member
        MemberFactory.create_batch(12, joined_on=datetime.date(2024, 3, 1))
        load_dues()
        counts = (Invoice.objects.count(), Payment.objects.count())
        load_dues()
        assert (Invoice.objects.count(), Payment.objects.count()) == counts
        schedule = FeeSchedule.objects.get()
        assert schedule.approved_on == datetime.date(2024, 5, 28)
        states = {
            i.state
            for m in {i.member for i in Invoice.objects.select_related("member")}
            for i in member_dues(m, today=datetime.date(2026, 11, 1))["invoices"]
        }
        assert {"paid", "partly_paid", "outstanding", "waived"} <= states
        own_states = [
            (i.year, i.state) for i in member_dues(own, today=datetime.date(2026, 11, 1))["invoices"]
        ]
        assert own_states == [(2026, "partly_paid"), (2025, "paid"), (2024, "paid")]


def test_the_demo_sample_statement_matches_the_demo_invoices():
    """README: the demo's sample camt.053 statement imports into the demo's bank account with
    every class of match."""
    from pathlib import Path

    from django.test import TestCase

    from alliance.demo import load_users
    from dues.models import BankAccount
    from dues.services import statement_upload
    from members.demo import load_members

    with time_machine.travel(datetime.datetime(2026, 11, 1, 4, tzinfo=datetime.UTC), tick=False):
        load_users()
        load_members()
        load_dues()
        sample = Path(__file__).resolve().parents[2] / "dues" / "samples" / "demo-statement.camt053.xml"
        with TestCase.captureOnCommitCallbacks(execute=True):
            statement = statement_upload(
                account=BankAccount.objects.get(),
                fmt="camt053",
                filename=sample.name,
                content=sample.read_bytes(),
                by=None,
            )
    assert sorted(statement.transactions.values_list("match", flat=True)) == [
        "ambiguous",
        "exact",
        "exact",
        "over",
        "partial",
        "unmatched",
    ]


def test_demo_history_is_recorded_numbered_and_dated_in_its_year():
    """Issue 9: the demo's 2024 payments got R-2026 receipts, as if entered today."""
    from django.utils import timezone

    from dues.models import InvoiceLine, Receipt

    with time_machine.travel(datetime.datetime(2026, 11, 1, 4, tzinfo=datetime.UTC), tick=False):
        demo_user("treasurer", role="Treasurer")
        MemberFactory.create_batch(12, joined_on=datetime.date(2024, 3, 1))
        load_dues()
    receipts = list(Receipt.objects.select_related("payment__invoice"))
    years = {receipt.payment.invoice.year for receipt in receipts}
    assert {2024, 2025, 2026} <= years
    for receipt in receipts:
        payment = receipt.payment
        year = payment.received_on.year
        assert receipt.year == year and receipt.number.startswith(f"R-{year}-")
        assert timezone.localdate(receipt.issued_at).year == year
        assert timezone.localdate(payment.recorded_at) >= payment.received_on
        assert timezone.localdate(payment.recorded_at).year == year
    for year in years:
        numbers = sorted(r.number for r in receipts if r.year == year)
        assert numbers == [f"R-{year}-{n:05d}" for n in range(1, len(numbers) + 1)]  # gapless per year
    waiver = InvoiceLine.objects.filter(amount__lt=0).select_related("resolution").first()
    assert waiver.resolution.status == "passed" and waiver.resolution.body.code == "GA"
