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
    # Before the new invoices are looked up and joined to their lines: planned as empty, those
    # joins grew with the square of the members (9 s of database CPU for 20,000).
    statements = [query["sql"] for query in queries.captured_queries]
    analysed_at = next(i for i, sql in enumerate(statements) if sql == 'ANALYZE "dues_invoice"')
    looked_up_at = next(i for i, sql in enumerate(statements) if 'FROM "dues_invoiceline" INNER JOIN' in sql)
    assert analysed_at < looked_up_at

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


AWKWARD = ['say "hi"', "back\\slash", "a,b {c}", "NULL", "", "tab\there\nnewline", "云南 ไทย", None]


def test_bulk_rows_keep_every_value_as_given():
    # On PostgreSQL each column travels as one array literal: quotes, backslashes, braces,
    # commas, the text NULL and an empty string must come back as they went in.
    import json

    from post_office.models import Email

    from alliance import db
    from alliance.models import OutgoingEmail

    emails = [Email.objects.create(to=f"x{n}@example.org", from_email="a@example.org") for n in range(8)]
    contexts = [{"text": text, "nested": [text, {"n": 1}]} for text in AWKWARD]
    db.insert_rows(
        OutgoingEmail,
        [
            (email.pk, "other", "t", text or "", json.dumps(context), "[]", n)
            for n, (email, text, context) in enumerate(zip(emails, AWKWARD, contexts, strict=True))
        ],
        columns=(
            "email_id",
            "kind",
            "template",
            "last_error",
            "context",
            "deferred_attachments",
            "member_id",
        ),
        same={"language": "en", "queued_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
    )
    rows = OutgoingEmail.objects.order_by("member_id")
    assert [row.last_error for row in rows] == [text or "" for text in AWKWARD]
    assert [row.context for row in rows] == contexts
    assert {(row.claim, row.attempts, row.language) for row in rows} == {("", 0, "en")}
    assert rows[0].queued_at == datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_bulk_rows_skip_what_a_unique_constraint_refuses_and_return_what_they_inserted():
    from alliance import db
    from dues.services import invoice_issue

    make_schedule(2024)
    invoice = invoice_issue(member=MemberFactory(), year=2026, by=None)
    claim = {"run_on": datetime.date(2026, 12, 20), "claimed_at": datetime.datetime.now(datetime.UTC)}

    def insert(*stages):
        return db.insert_rows(
            ReminderSent,
            [(invoice.pk, stage, None) for stage in stages],
            columns=("invoice_id", "stage", "sent_at"),
            same=claim,
            skip_conflicts=("invoice_id", "stage"),
            returning=("stage",),
        )

    assert insert("closing") == [("closing",)]
    assert sorted(insert("closing", "after-30")) == [("after-30",)]
    assert ReminderSent.objects.filter(invoice=invoice).count() == 2
    assert ReminderSent.objects.get(stage="closing").recipients == ""


def _writer(seen):
    import threading

    def write(batch):
        if batch == "bad":
            raise ValueError("a bad batch")
        seen.append((batch, threading.current_thread().name))
        return batch

    return write


def test_in_a_transaction_the_pipeline_writes_in_line():
    from alliance.db import Pipeline

    seen = []
    with Pipeline(_writer(seen)) as pipeline:
        pipeline.put(1)
        pipeline.put(2)
    assert (seen, pipeline.results) == ([(1, "MainThread"), (2, "MainThread")], [1, 2])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_pipeline_writes_in_a_second_thread_and_stops_at_a_failed_batch():
    from alliance.db import Pipeline

    seen = []
    with Pipeline(_writer(seen)) as pipeline:
        pipeline.put(1)
        pipeline.put(2)
    assert (seen, pipeline.results) == ([(1, "bulk-writer"), (2, "bulk-writer")], [1, 2])

    seen.clear()
    with pytest.raises(ValueError, match="a bad batch"), Pipeline(_writer(seen)) as pipeline:
        for batch in (1, "bad", 3, 4, 5, 6):
            pipeline.put(batch)
    assert seen == [(1, "bulk-writer")]  # nothing after the failed batch is written
