"""Planner statistics after bulk work (issue 15 item 4): ANALYZE on PostgreSQL, nothing elsewhere."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.db import analyze
from dues.models import Invoice, InvoiceLine, ReminderSent
from dues.services import invoices_issue_annual, reminders_send
from tests.dues.factories import make_schedule
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def analysed(queries) -> set[str]:
    """The tables the captured ANALYZE statements name."""
    tables = set()
    for query in queries.captured_queries:
        if query["sql"].startswith("ANALYZE"):
            tables |= {name.strip().strip('"') for name in query["sql"][len("ANALYZE") :].split(",")}
    return tables


def reltuples(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


def test_off_postgresql_it_does_nothing(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with django_assert_num_queries(0):
        assert analyze(Invoice) == []


@pytest.mark.postgres
def test_annual_invoicing_analyses_the_tables_it_filled():
    make_schedule(2024)
    for _ in range(3):
        RepresentativeFactory(member=MemberFactory())
    with CaptureQueriesContext(connection) as queries:
        assert invoices_issue_annual(year=2026, today=datetime.date(2026, 1, 1)) == 3
    assert {
        Invoice._meta.db_table,
        Invoice.history.model._meta.db_table,
        InvoiceLine._meta.db_table,
        InvoiceLine.history.model._meta.db_table,
    } <= analysed(queries)
    # The statistics count the rows of the job's own transaction: planned as 3 rows, not as empty.
    assert reltuples(Invoice) == 3

    with CaptureQueriesContext(connection) as queries:
        assert reminders_send(today=datetime.date(2026, 12, 20)) == 3
    assert {ReminderSent._meta.db_table, "alliance_outgoingemail", "post_office_email"} <= analysed(queries)
    assert reltuples(ReminderSent) == 3


@pytest.mark.postgres
def test_a_run_that_changes_nothing_analyses_nothing():
    make_schedule(2024)
    with CaptureQueriesContext(connection) as queries:
        assert invoices_issue_annual(year=2026, today=datetime.date(2026, 1, 1)) == 0
        assert reminders_send(today=datetime.date(2026, 12, 20)) == 0
    assert analysed(queries) == set()
