"""Invoices in their true state (issue 14 §2): paid, partly paid, outstanding, overdue with
days, waived and void, computed in the query; filters on each, totals of the filtered set,
and a member's balance across years on its file and portal."""

import datetime
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dues.models import Invoice
from dues.rules import INVOICE_STATES, payment_state
from dues.selectors import invoice_totals, member_dues, state_condition, with_state
from dues.services import invoice_issue, invoice_reduce, invoice_void, invoices_issue_annual, payment_record
from tests.dues.factories import make_resolution
from tests.members.factories import MemberFactory, RepresentativeFactory

TODAY = datetime.date(2026, 3, 1)


def pay(invoice, amount, by, on=datetime.date(2026, 2, 1)):
    return payment_record(invoice=invoice, amount=Decimal(amount), received_on=on, method="cash", by=by)


@pytest.fixture
def states(schedule, treasurer_user):
    """One invoice in each state on 1 March 2026 (group member tier: 1,000 a year)."""
    with time_machine.travel(datetime.datetime(2025, 6, 1, 10, tzinfo=datetime.UTC), tick=False):
        overdue = invoice_issue(member=MemberFactory(name="Overdue"), year=2025, by=treasurer_user)
        overdue_part_member = MemberFactory(name="Overdue part")
        overdue_part = invoice_issue(member=overdue_part_member, year=2025, by=treasurer_user)
        pay(overdue_part, "300", treasurer_user, on=datetime.date(2025, 6, 1))
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        made = {"overdue": overdue, "overdue_part": overdue_part}
        for name in ("paid", "partly_paid", "outstanding", "waived", "void"):
            made[name] = invoice_issue(member=MemberFactory(name=name.title()), year=2026, by=treasurer_user)
        pay(made["paid"], made["paid"].total, treasurer_user)
        pay(made["partly_paid"], "250", treasurer_user)
        invoice_reduce(
            invoice=made["waived"],
            reason="hardship",
            resolution=make_resolution(treasurer_user),
            by=treasurer_user,
        )
        invoice_void(invoice=made["void"], reason="issued in error", by=treasurer_user)
        yield made


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        yield TODAY


def state_of(invoice):
    return with_state(Invoice.objects.filter(pk=invoice.pk), today=TODAY).get().state


def test_each_invoice_has_its_true_state(states):
    got = {name: state_of(invoice) for name, invoice in states.items()}
    assert got == {
        "overdue": "overdue",
        "overdue_part": "overdue",
        "paid": "paid",
        "partly_paid": "partly_paid",
        "outstanding": "outstanding",
        "waived": "waived",
        "void": "void",
    }


def test_the_query_and_the_pure_rule_agree(schedule, treasurer_user):
    """with_state (SQL) and payment_state (the documented rule) decide alike on every case."""
    from dues.models import InvoiceLine, Payment

    due = datetime.date(2026, 12, 20)
    cases = {}
    grid = itertools.product(
        [Decimal("0.00"), Decimal("500.00")],
        [Decimal("0.00"), Decimal("200.00"), Decimal("500.00")],
        [0, 1],
        [0, 1],
    )
    for n, (total, paid, waived, void) in enumerate(grid):
        invoice = Invoice.objects.create(
            number=f"T-{n}",
            member=MemberFactory(),
            year=2026,
            schedule=schedule,
            tier="group_member",
            fraction=Decimal("1"),
            total=total,
            issued_on=datetime.date(2026, 1, 1),
            due_on=due,
            status="void" if void else "issued",
        )
        if paid:
            Payment.objects.create(invoice=invoice, amount=paid, received_on=due, method="cash")
        if waived:
            InvoiceLine.objects.create(invoice=invoice, kind="waiver", description="w", amount=Decimal("-1"))
        cases[invoice.pk] = (total, paid, bool(waived), bool(void))
    for today in (due - datetime.timedelta(days=1), due, due + datetime.timedelta(days=1)):
        for pk, state in with_state(Invoice.objects.all(), today=today).values_list("pk", "state"):
            total, paid, waived, void = cases[pk]
            assert state == payment_state(
                total, paid, waived=waived, is_void=void, due_on=due, today=today
            ), (
                cases[pk],
                today,
            )
        # The list's filter (plain columns, no CASE) picks the same invoices for each state.
        for state in INVOICE_STATES:
            annotated = with_state(Invoice.objects.all(), today=today)
            assert set(
                Invoice.objects.filter(state_condition(state, today=today)).values_list("pk", flat=True)
            ) == set(annotated.filter(state=state).values_list("pk", flat=True)), (state, today)


def test_the_list_shows_each_state_and_overdue_days(client, treasurer_user, states, today):
    client.force_login(treasurer_user)
    body = client.get(reverse("dues:invoice_list")).content.decode()
    for state in INVOICE_STATES:
        assert f'data-state="{state}"' in body
    # Due 20 December 2025, seen on 1 March 2026: 71 days overdue.
    assert 'data-overdue-days="71"' in body


@pytest.mark.parametrize(
    ("state", "names"),
    [
        ("paid", {"paid"}),
        ("partly_paid", {"partly_paid"}),
        ("outstanding", {"outstanding"}),
        ("overdue", {"overdue", "overdue_part"}),
        ("waived", {"waived"}),
        ("void", {"void"}),
    ],
)
def test_filter_on_each_state_with_its_totals(client, treasurer_user, states, today, state, names):
    client.force_login(treasurer_user)
    response = client.get(reverse("dues:invoice_list"), {"state": state})
    shown = {invoice.number for invoice in response.context["page_obj"]}
    assert shown == {states[n].number for n in names}
    expected = [Invoice.objects.get(pk=states[n].pk) for n in names if n != "void"]
    totals = response.context["totals"]
    assert totals["count"] == len(names)
    assert totals["invoiced"] == sum((i.total for i in expected), Decimal("0"))
    paid = {"paid": Decimal("1000"), "partly_paid": Decimal("250"), "overdue_part": Decimal("300")}
    assert totals["paid"] == sum((paid.get(n, Decimal("0")) for n in names if n != "void"), Decimal("0"))
    assert totals["outstanding"] == totals["invoiced"] - totals["paid"]


def test_totals_of_everything_leave_void_out(states, today):
    totals = invoice_totals(with_state(Invoice.objects.all(), today=TODAY))
    assert totals["count"] == 7
    # 2 overdue + paid + partly paid + outstanding, 1,000 each; waived is 0; void counts nothing.
    assert totals["invoiced"] == Decimal("5000.00")
    assert totals["paid"] == Decimal("1550.00")
    assert totals["outstanding"] == Decimal("3450.00")


def test_state_filter_and_totals_also_filter_the_export(client, treasurer_user, states, today):
    client.force_login(treasurer_user)
    response = client.get(reverse("dues:invoice_export", args=["csv"]), {"state": "overdue"})
    body = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(body) == 3 and all(line.endswith("overdue") for line in body[1:])


def _list_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("dues:invoice_list"), {"year": 2026}).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_costs_the_same_queries_at_two_sizes(
    client, treasurer_user, schedule, frozen, django_assert_num_queries
):
    MemberFactory.create_batch(5)
    invoices_issue_annual(year=2026)
    client.force_login(treasurer_user)
    client.get(reverse("dues:invoice_list"))  # the session and the user's roles, once
    small = _list_queries(client)
    MemberFactory.create_batch(80)
    invoices_issue_annual(year=2026)
    for invoice in Invoice.objects.all()[:30]:
        pay(invoice, "10", treasurer_user)
    with django_assert_num_queries(small):
        assert client.get(reverse("dues:invoice_list"), {"year": 2026}).status_code == 200
    with django_assert_num_queries(small):
        assert (
            client.get(reverse("dues:invoice_list"), {"year": 2026, "state": "partly_paid"}).status_code
            == 200
        )


def test_member_balance_across_years(states, treasurer_user):
    member = states["overdue_part"].member
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        this_year = invoice_issue(member=member, year=2026, by=treasurer_user)
        pay(this_year, "100", treasurer_user)
    balance = member_dues(member, today=TODAY)["balance"]
    assert balance == {
        "invoiced": Decimal("2000.00"),
        "paid": Decimal("400.00"),
        "outstanding": Decimal("1600.00"),
        "overdue": Decimal("700.00"),
        "overdue_since": datetime.date(2025, 12, 20),
        "due": Decimal("900.00"),  # this year's, not late yet
        "due_on": datetime.date(2026, 12, 20),
        "years": 2,
    }


def test_balance_on_the_member_file_and_the_portal(client, treasurer_user, member_user, states, today):
    member = states["overdue_part"].member
    RepresentativeFactory(member=member, user=member_user)
    client.force_login(treasurer_user)
    body = client.get(reverse("members:member_detail", args=[member.pk])).content.decode()
    assert 'id="balance"' in body and 'data-outstanding="700.00"' in body
    client.force_login(member_user)
    body = client.get(reverse("dues:my_dues")).content.decode()
    assert 'id="balance"' in body and 'data-outstanding="700.00"' in body and "overdue since" in body
