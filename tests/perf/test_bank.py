"""Treasurer benchmarks (issue 14 §5): a statement of 10,000 credits imported and matched against
100,000 open invoices; 5,000 exact matches confirmed in one POST; 100,000 invoices exported to
CSV. Figures are printed, never asserted against a clock; query counts are asserted not to
grow per credit."""

import datetime
import os
import tracemalloc

import pytest
from django.db import connection
from django.db.models import Count
from django.test import TestCase
from django.urls import reverse

from dues.models import BankAccount, BankTransaction, Invoice, Payment, Receipt
from dues.services import invoices_issue_annual, statement_upload
from dues.services.statements import IMPORT_CHUNK
from tests.dues.factories import make_schedule
from tests.dues.statement_files import Tx, camt053
from tests.factories import UserFactory
from tests.perf import harness
from tests.perf.test_dues import make_members

pytestmark = pytest.mark.django_db

OPEN_INVOICES = int(os.environ.get("BANK_BENCH_INVOICES", 100_000))
CREDITS = int(os.environ.get("BANK_BENCH_CREDITS", 10_000))
CONFIRMS = int(os.environ.get("BANK_BENCH_CONFIRMS", 5_000))
EXPORT_INVOICES = int(os.environ.get("BANK_BENCH_EXPORT", 100_000))


class _Counter:
    """Counts queries (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _statement(invoices, count, *, offset=0):
    """Credits quoting invoice numbers: mostly exact, one in ten partial, one in twenty unmatched."""
    txs = []
    for n in range(count):
        number, total = invoices[(offset + n) % len(invoices)]
        if n % 20 == 19:
            txs.append(Tx("77.00", f"Unknown payer {n}", bank_id=f"B{offset + n}"))
        elif n % 10 == 9:
            txs.append(Tx(str(total / 2), f"Part of {number}", bank_id=f"B{offset + n}"))
        else:
            txs.append(Tx(str(total), f"Fee {number}", bank_id=f"B{offset + n}"))
    return camt053(txs, statement_id=f"BENCH-{offset}")


def _import(account, data, user):
    counter = _Counter()
    with connection.execute_wrapper(counter), TestCase.captureOnCommitCallbacks(execute=True):
        statement, seconds = harness.timed(
            statement_upload, account=account, fmt="camt053", filename="bench.xml", content=data, by=user
        )
    statement.refresh_from_db()
    return statement, seconds, counter.count


@pytest.fixture
def open_invoices():
    make_schedule(2024)
    make_members(OPEN_INVOICES)
    invoices_issue_annual(year=2026, today=datetime.date(2026, 1, 1))
    return list(Invoice.objects.order_by("number").values_list("number", "total"))


def test_import_and_match_a_statement(open_invoices):
    treasurer = UserFactory(username="bench-treasurer", roles=["Treasurer"])
    account = BankAccount.objects.create(name="Bench account")
    small, small_seconds, small_queries = _import(
        account, _statement(open_invoices, CREDITS // 10, offset=50_000), treasurer
    )
    data = _statement(open_invoices, CREDITS)
    statement, seconds, queries = _import(account, data, treasurer)
    again, rerun_seconds, rerun_queries = _import(account, data, treasurer)
    assert statement.created_count == CREDITS and again.created_count == 0
    # Queries grow with the chunks (IMPORT_CHUNK credits each), not with the credits: the
    # same number per chunk at a tenth of the size and at full size.
    chunks, small_chunks = -(-CREDITS // IMPORT_CHUNK), -(-(CREDITS // 10) // IMPORT_CHUNK)
    per_chunk = (queries - small_queries) / max(1, chunks - small_chunks)
    assert per_chunk <= 20 and queries < CREDITS / 20
    matches = dict(
        BankTransaction.objects.filter(statement=statement).values_list("match").annotate(n=Count("pk"))
    )
    harness.record(
        f"bank: import + match {CREDITS:,} credits vs {len(open_invoices):,} open invoices",
        seconds=round(seconds, 2),
        queries=queries,
        queries_at_tenth=small_queries,
        queries_per_chunk=round(per_chunk, 1),
        seconds_at_tenth=round(small_seconds, 2),
        reimport_seconds=round(rerun_seconds, 2),
        reimport_queries=rerun_queries,
        file_mb=round(len(data) / 2**20, 1),
        matches=" ".join(f"{k}={v}" for k, v in sorted(matches.items())),
    )


def test_confirm_exact_matches_in_one_post(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_schedule(2024)
    make_members(CONFIRMS)
    invoices_issue_annual(year=2026, today=datetime.date(2026, 1, 1))
    invoices = list(Invoice.objects.order_by("number").values_list("number", "total"))
    treasurer = UserFactory(username="bench-treasurer", roles=["Treasurer"])
    account = BankAccount.objects.create(name="Bench account")
    txs = [Tx(str(total), f"Fee {number}", bank_id=f"C{n}") for n, (number, total) in enumerate(invoices)]
    statement, _seconds, _queries = _import(account, camt053(txs), treasurer)
    client.force_login(treasurer)
    counter = _Counter()
    url = reverse("dues:statement_confirm_exact", args=[statement.pk])
    # Receipt emails (one PDF each) go to the worker after commit; they are not part of the POST.
    with connection.execute_wrapper(counter), TestCase.captureOnCommitCallbacks(execute=False) as queued:
        response, seconds = harness.timed(client.post, url)
    assert response.status_code == 302
    assert Payment.objects.count() == Receipt.objects.count() == CONFIRMS
    harness.record(
        f"bank: confirm {CONFIRMS:,} exact matches in one POST",
        seconds=round(seconds, 2),
        per_1000_s=round(seconds / CONFIRMS * 1000, 2),
        queries=counter.count,
        emails_queued=len(queued),
    )


def test_export_invoices_to_csv(client):
    make_schedule(2024)
    make_members(EXPORT_INVOICES)
    invoices_issue_annual(year=2026, today=datetime.date(2026, 1, 1))
    treasurer = UserFactory(username="bench-treasurer", roles=["Treasurer"])
    client.force_login(treasurer)
    url = reverse("dues:invoice_export", args=["csv"])

    def download():
        return sum(1 for _ in client.get(url).streaming_content)

    counter = _Counter()
    with connection.execute_wrapper(counter):
        lines, seconds = harness.timed(download)
    assert lines == EXPORT_INVOICES + 2  # the byte-order mark, the header, one line per invoice
    # Peak memory on a second download: tracemalloc slows allocation, so the time above runs without it.
    tracemalloc.start()
    download()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    harness.record(
        f"export: {EXPORT_INVOICES:,} invoices to CSV (streamed)",
        seconds=round(seconds, 2),
        peak_mb=round(peak / 2**20, 1),
        queries=counter.count,
    )
