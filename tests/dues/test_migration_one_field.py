"""dues 0006-0007: a schedule's approver text becomes its approving meeting, a waiver's
resolution text its resolution key (issue 11 item 5)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("dues", "0005_invoice_payment_currency"), ("meetings", "0004_contests")]
AFTER = [("dues", "0007_drop_approval_text")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(executor_leaves())


def executor_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_first_schedule_gets_the_first_congress_and_waivers_their_resolution(old_apps):
    User = old_apps.get_model("auth", "User")
    FeeSchedule = old_apps.get_model("dues", "FeeSchedule")
    Body = old_apps.get_model("meetings", "Body")
    Meeting = old_apps.get_model("meetings", "Meeting")
    Resolution = old_apps.get_model("meetings", "Resolution")
    Invoice = old_apps.get_model("dues", "Invoice")
    InvoiceLine = old_apps.get_model("dues", "InvoiceLine")
    Member = old_apps.get_model("members", "Member")

    treasurer = User.objects.create(username="treasurer@example.org")
    first = FeeSchedule.objects.create(
        year=2024,
        approved_on=datetime.date(2024, 5, 28),
        approved_by="Member General Assembly, 28 May 2024",
        created_by=treasurer,
    )
    # Seeded by meetings 0002, unless an earlier transactional test flushed the tables.
    ga, _ = Body.objects.get_or_create(code="GA", defaults={"name": "Member General Assembly"})
    later_meeting = Meeting.objects.create(
        body=ga,
        title="GA 2025",
        starts_at=datetime.datetime(2025, 5, 28, 2, tzinfo=datetime.UTC),
        created_by=treasurer,
    )
    linked = FeeSchedule.objects.create(
        year=2026,
        approved_on=datetime.date(2025, 5, 28),
        approved_by="GA 2025",
        approving_meeting=later_meeting,
        created_by=treasurer,
    )
    resolution = Resolution.objects.create(
        meeting=later_meeting,
        body=ga,
        title="Waivers",
        kind="waiver",
        number="GA-2025-01",
        proposed_by=treasurer,
    )
    member = Member.objects.create(
        number="M-2024-0001",
        name="Fictional Guard Ltd",
        kind="unit",
        tier="group_member",
        country="TH",
        joined_on=datetime.date(2024, 3, 1),
    )
    invoice = Invoice.objects.create(
        number="INV-2024-00001",
        member=member,
        year=2024,
        schedule=first,
        tier="group_member",
        fraction=Decimal("1"),
        total=Decimal("1000.00"),
        issued_on=datetime.date(2024, 6, 1),
        due_on=datetime.date(2024, 12, 20),
    )
    cited = InvoiceLine.objects.create(
        invoice=invoice,
        kind="waiver",
        description="Waiver",
        amount=Decimal("-10.00"),
        resolution_reference="GA-2025-01",
    )
    unknown = InvoiceLine.objects.create(
        invoice=invoice,
        kind="reduction",
        description="Reduction",
        amount=Decimal("-5.00"),
        resolution_reference="GA-2023-09",
    )

    new_apps = _migrate(AFTER)
    FeeSchedule = new_apps.get_model("dues", "FeeSchedule")
    InvoiceLine = new_apps.get_model("dues", "InvoiceLine")

    congress = FeeSchedule.objects.get(pk=first.pk).approving_meeting
    assert (congress.title, congress.body.code, congress.status) == (
        "First congress of the Alliance, closed-door meeting",
        "GA",
        "archived",
    )
    assert congress.starts_at.date() == datetime.date(2024, 5, 28)
    assert FeeSchedule.objects.get(pk=linked.pk).approving_meeting_id == later_meeting.pk
    assert InvoiceLine.objects.get(pk=cited.pk).resolution_id == resolution.pk
    kept = InvoiceLine.objects.get(pk=unknown.pk)
    assert (kept.resolution_id, kept.description) == (None, "Reduction (GA-2023-09)")
