"""Demo dues: fee schedules from 2024 and invoices across years (paid, partly paid, overdue, waived).

Idempotent: invoices are issued only where missing, payments and waivers only on
invoices that have none. Every member in it is the fictional one of the members loader.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import loader


def _pay(invoice, amount, received_on, treasurer):
    from dues.services import payment_record

    if amount > 0:
        # History is history (issue 9): recorded on the day it was received, so a 2024
        # payment has a 2024 receipt, numbered in 2024's series.
        recorded_at = min(
            timezone.now(),
            timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(10, 0))),
        )
        payment_record(
            invoice=invoice,
            amount=amount,
            received_on=received_on,
            method="bank_transfer",
            bank_reference=f"DEMO-{invoice.number}",
            by=treasurer,
            recorded_at=recorded_at,
        )


@loader(order=30)
def load_dues():
    from django.contrib.auth import get_user_model

    from dues.models import FeeSchedule, Invoice
    from dues.services import fee_schedule_create, invoice_issue, invoice_reduce, invoices_issue_annual
    from meetings.demo import first_congress, waiver_resolution
    from members.models import Member, MemberStatus
    from members.selectors import represented_members

    members = list(Member.objects.order_by("number"))
    if not members:
        return
    treasurer = get_user_model().objects.filter(username="treasurer").first()
    today = timezone.localdate()
    if not FeeSchedule.objects.filter(year=2024).exists():
        fee_schedule_create(
            year=2024,
            amounts={
                "chairman_unit": "20000",
                "vice_chairman_unit": "10000",
                "group_member": "1000",
                "individual_member": "500",
            },
            approved_on=datetime.date(2024, 5, 28),
            approving_meeting=first_congress(treasurer),
            notes="First fee schedule of the alliance.",
            by=treasurer,
        )
    first_year = max(2024, min(m.joined_on.year for m in members))
    for year in range(first_year, today.year + 1):
        # Members admitted in a year get their pro-rated year-of-joining invoice.
        for member in members:
            if (
                member.status == MemberStatus.ACTIVE
                and member.joined_on.year == year
                and not Invoice.objects.filter(member=member, year=year).exists()
            ):
                invoice_issue(
                    member=member,
                    year=year,
                    by=treasurer,
                    admitted_on=member.joined_on,
                    issued_on=member.joined_on,
                )
        invoices_issue_annual(year=year, by=treasurer, today=datetime.date(year, 1, 1))

    waiver = waiver_resolution(treasurer) if treasurer else None
    member_user = get_user_model().objects.filter(username="member").first()
    own = set(represented_members(member_user).values_list("pk", flat=True)) if member_user else set()
    for index, invoice in enumerate(Invoice.objects.select_related("member").order_by("year", "number")):
        if invoice.payments.exists() or invoice.lines.filter(amount__lt=0).exists():
            continue  # already settled by an earlier run: idempotent
        past_year = invoice.year < today.year
        if invoice.member_id in own:
            # The demo member: paid in earlier years, partly paid this year.
            amount = invoice.total if past_year else (invoice.total / 2).quantize(Decimal("0.01"))
        elif index % 7 == 3 and waiver is not None:
            invoice_reduce(
                invoice=invoice,
                amount=None,
                reason="Hardship after a natural disaster.",
                resolution=waiver,
                by=treasurer,
            )
            continue
        elif index % 5 == 1:
            amount = Decimal("0")  # overdue: never paid
        elif index % 3 == 0:
            amount = (invoice.total / 2).quantize(Decimal("0.01"))
        else:
            amount = invoice.total
        received_on = min(today, max(invoice.issued_on, datetime.date(invoice.year, 3, 15)))
        _pay(invoice, amount, received_on, treasurer)
    _demo_bank_account(treasurer)
    _demo_budget(treasurer, today)


def _demo_bank_account(treasurer):
    """The account the sample statement (dues/samples/demo-statement.camt053.xml) is imported into."""
    from dues.models import BankAccount
    from dues.services import bank_account_save

    if not BankAccount.objects.exists():
        bank_account_save(
            account=BankAccount(name="Secretariat USD account (demo)", identifier="CN0000000000000000000001"),
            by=treasurer,
        )


def _demo_budget(treasurer, today):
    """This year's draft budget with a few lines and actual expenses (001 §V.3)."""
    from dues.models import Budget
    from dues.services import actual_record, budget_line_save, budget_open

    if Budget.objects.exists():
        return
    budget = budget_open(year=today.year, by=treasurer)
    fees = budget.lines.get(is_fee_income=True)
    budget_line_save(
        budget=budget, line=fees, kind="income", label=fees.label, planned=Decimal("60000.00"), by=treasurer
    )
    budget_line_save(
        budget=budget, kind="income", label="Sponsorship", planned=Decimal("5000.00"), by=treasurer
    )
    rent = budget_line_save(
        budget=budget, kind="expense", label="Office rent", planned=Decimal("12000.00"), by=treasurer
    )
    forum = budget_line_save(
        budget=budget,
        kind="expense",
        label="Annual security forum",
        planned=Decimal("20000.00"),
        by=treasurer,
    )
    first = datetime.date(today.year, 1, 15)
    actual_record(
        line=rent, on=first, amount=Decimal("3000.00"), description="Rent, first quarter", by=treasurer
    )
    actual_record(line=forum, on=first, amount=Decimal("4500.00"), description="Venue deposit", by=treasurer)
