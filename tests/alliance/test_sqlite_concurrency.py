"""The embedded default takes concurrent writers (issue 10 §4).

`make run` serves the site with runserver (threaded) on a SQLite file. Without
WAL, a busy timeout and BEGIN IMMEDIATE, a few simultaneous POSTs answered 500
"database is locked". This test starts that same server on a temporary SQLite
file with the demo data and fires 8 POSTs at once, first to one form, then to
different forms.
"""

import sqlite3
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import pytest
from django.utils import timezone

from tests.live import PYTHON, ROOT, Browser, embedded_env, free_port, manage, stop, wait_until_up

PASSWORD = "demo-pass-2026"
WRITERS = 8

OPEN_INVOICES = """
SELECT id FROM dues_invoice i
WHERE status = 'issued'
  AND NOT EXISTS (SELECT 1 FROM dues_payment p WHERE p.invoice_id = i.id)
  AND NOT EXISTS (SELECT 1 FROM dues_invoiceline l WHERE l.invoice_id = i.id AND l.amount < 0)
ORDER BY id LIMIT 6
"""


def _errors(answers) -> list[str]:
    """The title of each error page (Django's debug page names the exception there)."""
    return [a.body.split("<title>")[-1].split("</title>")[0].strip() for a in answers if a.status != 302]


def _count(db, sql, *params) -> int:
    # Read the file directly: the server process owns the Django side of it.
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, params).fetchone()[0]


def _payments(db, invoice_pk) -> int:
    return _count(db, "SELECT COUNT(*) FROM dues_payment WHERE invoice_id = ?", invoice_pk)


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory):
    """runserver, as bin/run-all starts it, on a fresh SQLite file holding the demo."""
    tmp = tmp_path_factory.mktemp("embedded")
    env = embedded_env(tmp)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo", env=env)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/healthz", process=server)
        db = str(tmp / "db.sqlite3")
        with closing(sqlite3.connect(db)) as connection:
            invoices = [row[0] for row in connection.execute(OPEN_INVOICES)]
            department = connection.execute("SELECT MIN(id) FROM secretariat_department").fetchone()[0]
        yield {"url": base_url, "db": db, "invoices": invoices, "department": department}
    finally:
        stop(server)


def _all_at_once(calls):
    """Run each call in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _payment(browser, invoice_pk, n):
    data = {
        "amount": "1.00",
        "received_on": timezone.localdate().isoformat(),
        "method": "bank_transfer",
        "bank_reference": f"CONC-{invoice_pk}-{n}",
    }
    return lambda: browser.post(f"/dues/invoices/{invoice_pk}/pay/", data)


def _signed_in(base_url, username):
    # One session per role, shared by the threads (CookieJar locks itself): a
    # double-clicking user as much as several users at once.
    browser = Browser(base_url)
    browser.login(username, PASSWORD)
    return browser


def test_eight_simultaneous_payments_on_one_invoice_all_succeed(embedded_site):
    db, invoice = embedded_site["db"], embedded_site["invoices"][0]
    treasurer = _signed_in(embedded_site["url"], "treasurer")

    answers = _all_at_once([_payment(treasurer, invoice, n) for n in range(WRITERS)])

    assert [a.status for a in answers] == [302] * WRITERS, _errors(answers)
    assert all(f"/dues/invoices/{invoice}/" in a.location for a in answers)
    assert _payments(db, invoice) == WRITERS


def test_eight_simultaneous_posts_to_different_forms_all_succeed(embedded_site):
    db, invoices = embedded_site["db"], embedded_site["invoices"][1:5]
    treasurer = _signed_in(embedded_site["url"], "treasurer")
    staff = _signed_in(embedded_site["url"], "secretariat")
    documents_before = _count(db, "SELECT COUNT(*) FROM secretariat_document")
    drafts = [
        lambda n=n: staff.post(
            "/documents/new/",
            {
                "kind": "notice",
                "title": f"Concurrent draft {n}",
                "body": "Written at the same time as seven other forms.",
                "audience": "internal",
                "department": embedded_site["department"],
            },
        )
        for n in range(WRITERS - len(invoices))
    ]
    payments = [_payment(treasurer, pk, 0) for pk in invoices]

    answers = _all_at_once(payments + drafts)

    assert [a.status for a in answers] == [302] * WRITERS, _errors(answers)
    assert _count(db, "SELECT COUNT(*) FROM secretariat_document") == documents_before + len(drafts)
    assert [_payments(db, pk) for pk in invoices] == [1] * len(invoices)
