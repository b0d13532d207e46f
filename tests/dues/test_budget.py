"""Budget and settlement for the General Assembly (001 §V.3, issue 14 §3): lines and actuals,
fee income by tier and country, budget against actual, the settlement, page/PDF/CSV, and
read-only once a passed GA resolution approves it."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from dues import errors
from dues.errors import DuesError
from dues.models import ActualEntry, BudgetLine, BudgetStatus
from dues.selectors import budget_report
from dues.services import (
    actual_record,
    budget_approve,
    budget_line_save,
    budget_open,
    invoice_issue,
    payment_record,
)
from meetings.models import ResolutionKind, ResolutionStatus
from tests.dues.test_meetings_links import make_resolution
from tests.members.factories import MemberFactory


@pytest.fixture
def budget(schedule, treasurer_user, frozen):
    """2026: two group members invoiced (2,000), one has paid 1,000; two expense lines."""
    first = invoice_issue(member=MemberFactory(country="TH"), year=2026, by=treasurer_user)
    invoice_issue(member=MemberFactory(country="LA"), year=2026, by=treasurer_user)
    payment_record(
        invoice=first,
        amount=Decimal("1000.00"),
        received_on=datetime.date(2026, 2, 1),
        method="cash",
        by=treasurer_user,
    )
    budget = budget_open(year=2026, by=treasurer_user)
    fees = budget.lines.get(is_fee_income=True)
    budget_line_save(
        budget=budget,
        line=fees,
        kind="income",
        label="Membership fees",
        planned=Decimal("2000"),
        by=treasurer_user,
    )
    budget_line_save(
        budget=budget, kind="income", label="Sponsorship", planned=Decimal("500"), by=treasurer_user
    )
    rent = budget_line_save(
        budget=budget, kind="expense", label="Office rent", planned=Decimal("1200"), by=treasurer_user
    )
    forum = budget_line_save(
        budget=budget, kind="expense", label="Annual forum", planned=Decimal("800"), by=treasurer_user
    )
    actual_record(
        line=rent,
        on=datetime.date(2026, 1, 5),
        amount=Decimal("300"),
        description="January",
        by=treasurer_user,
    )
    actual_record(
        line=rent,
        on=datetime.date(2026, 2, 5),
        amount=Decimal("300"),
        description="February",
        by=treasurer_user,
    )
    actual_record(
        line=forum,
        on=datetime.date(2026, 2, 20),
        amount=Decimal("950"),
        description="Venue",
        by=treasurer_user,
    )
    return budget


def test_budget_against_actual_and_settlement(budget):
    report = budget_report(budget)
    lines = {
        line.label: (line.planned, line.actual, line.difference)
        for line in report["income"] + report["expense"]
    }
    assert lines == {
        "Membership fees": (Decimal("2000.00"), Decimal("1000.00"), Decimal("-1000.00")),
        "Sponsorship": (Decimal("500.00"), Decimal("0.00"), Decimal("-500.00")),
        "Office rent": (Decimal("1200.00"), Decimal("600.00"), Decimal("-600.00")),
        "Annual forum": (Decimal("800.00"), Decimal("950.00"), Decimal("150.00")),
    }
    totals = report["budget_totals"]
    assert (totals["income_planned"], totals["expense_planned"], totals["balance_planned"]) == (
        Decimal("2500.00"),
        Decimal("2000.00"),
        Decimal("500.00"),
    )
    # Settlement: 1,000 fees received less 1,550 spent.
    assert totals["settlement"] == Decimal("-550.00")


def test_the_fee_line_takes_no_hand_entries(budget, treasurer_user):
    with pytest.raises(DuesError, match=str(errors.FEES_ARE_PAYMENTS)):
        actual_record(
            line=budget.lines.get(is_fee_income=True),
            on=datetime.date(2026, 3, 1),
            amount=Decimal("1"),
            description="x",
            by=treasurer_user,
        )


def test_page_shows_fee_income_by_tier_and_country_and_charts(client, treasurer_user, budget):
    client.force_login(treasurer_user)
    response = client.get(reverse("dues:budget", args=[2026]))
    body = response.content.decode()
    assert response.status_code == 200
    assert [row["key"] for row in response.context["by_country"]] == ["LA", "TH"] or [
        row["key"] for row in response.context["by_country"]
    ] == ["TH", "LA"]
    assert body.count("<svg") == 3  # tier, country, budget against actual
    assert 'data-settlement="-550.00"' in body and 'id="line-form"' in body


def test_pdf_and_csv(client, treasurer_user, budget):
    client.force_login(treasurer_user)
    pdf = client.get(reverse("dues:budget_pdf", args=[2026]))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    response = client.get(reverse("dues:budget_export", args=[2026, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Line", "Budgeted", "Actual", "Difference"]
    sections = {row[0] for row in rows[1:]}
    assert {"Fee income by tier", "Fee income by country", "Income", "Expense", "Settlement"} <= sections
    assert rows[-1] == ["Settlement", "Income less expenses", "500.00", "-550.00", "-1050.00"]


def test_approval_links_the_resolution_and_freezes_the_budget(client, treasurer_user, budget):
    resolution = make_resolution(treasurer_user, kind=ResolutionKind.ORDINARY, number="GA-2026-04")
    client.force_login(treasurer_user)
    response = client.post(reverse("dues:budget_approve", args=[2026]), {"resolution": resolution.pk})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.APPROVED and budget.resolution == resolution
    assert budget.approved_by == treasurer_user and budget.approved_at is not None
    assert budget.history.first().history_user == treasurer_user
    body = client.get(reverse("dues:budget", args=[2026])).content.decode()
    assert "GA-2026-04" in body and 'id="line-form"' not in body
    # Read-only: every change is refused by the services and by the pages.
    line = BudgetLine.objects.get(label="Office rent")
    entries = ActualEntry.objects.count()
    with pytest.raises(DuesError, match=str(errors.BUDGET_APPROVED % {"year": 2026})):
        actual_record(
            line=line, on=datetime.date(2026, 3, 1), amount=Decimal("5"), description="x", by=treasurer_user
        )
    with pytest.raises(DuesError, match=str(errors.BUDGET_APPROVED % {"year": 2026})):
        budget_line_save(budget=budget, kind="expense", label="New", planned=Decimal("1"), by=treasurer_user)
    client.post(
        reverse("dues:actual_add", args=[2026]),
        {"line": line.pk, "on": "2026-03-01", "amount": "5", "description": "x"},
    )
    client.post(
        reverse("dues:budget_line_add", args=[2026]), {"kind": "expense", "label": "New", "planned": "1"}
    )
    assert ActualEntry.objects.count() == entries and not BudgetLine.objects.filter(label="New").exists()
    with pytest.raises(DuesError):
        budget_approve(budget=budget, resolution=resolution, by=treasurer_user)


@pytest.mark.parametrize(
    "kwargs",
    [{"code": "CM", "number": "CM-2026-01"}, {"status": ResolutionStatus.REJECTED, "number": "GA-2026-09"}],
)
def test_only_a_passed_general_assembly_resolution_approves(budget, treasurer_user, kwargs):
    resolution = make_resolution(treasurer_user, kind=ResolutionKind.ORDINARY, **kwargs)
    with pytest.raises(DuesError, match=str(errors.CHOOSE_GA_RESOLUTION)):
        budget_approve(budget=budget, resolution=resolution, by=treasurer_user)
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.DRAFT


def test_lines_and_actuals_through_the_page(client, treasurer_user, schedule, frozen):
    client.force_login(treasurer_user)
    assert client.get(reverse("dues:budget", args=[2027])).context["budget"] is None  # a GET creates nothing
    client.post(reverse("dues:budget_start", args=[2027]))
    client.post(
        reverse("dues:budget_line_add", args=[2027]), {"kind": "expense", "label": "Travel", "planned": "abc"}
    )
    assert not BudgetLine.objects.filter(label="Travel").exists()
    client.post(
        reverse("dues:budget_line_add", args=[2027]),
        {"kind": "expense", "label": "Travel", "planned": "1500"},
    )
    line = BudgetLine.objects.get(label="Travel")
    client.post(
        reverse("dues:actual_add", args=[2027]),
        {"line": line.pk, "on": "2027-01-10", "amount": "200.50", "description": "Tickets"},
    )
    entry = ActualEntry.objects.get()
    assert (entry.amount, entry.recorded_by) == (Decimal("200.50"), treasurer_user)


@pytest.mark.parametrize(
    "who", ["treasurer_user", "secretariat_user", "liaison_user", "member_user", "plain_user"]
)
def test_roles(request, client, budget, treasurer_user, who):
    client.force_login(request.getfixturevalue(who))
    read = who in ("treasurer_user", "secretariat_user")
    for url in [
        reverse("dues:budget", args=[2026]),
        reverse("dues:budget_pdf", args=[2026]),
        reverse("dues:budget_export", args=[2026, "xlsx"]),
    ]:
        assert client.get(url).status_code == (200 if read else 403)
    if who != "treasurer_user":
        line = BudgetLine.objects.get(label="Office rent")
        posts = {
            "budget_line_add": {"kind": "expense", "label": "X", "planned": "1"},
            "actual_add": {"line": line.pk, "on": "2026-03-01", "amount": "1", "description": "x"},
            "budget_approve": {
                "resolution": make_resolution(treasurer_user, kind="ordinary", number=f"GA-{who}").pk
            },
            "budget_start": {},
        }
        for name, data in posts.items():
            assert client.post(reverse(f"dues:{name}", args=[2026]), data).status_code == 403
        budget.refresh_from_db()
        assert budget.status == "draft" and ActualEntry.objects.count() == 3
