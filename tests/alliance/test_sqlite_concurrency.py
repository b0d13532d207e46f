"""The embedded default takes concurrent writers (issue 10 §4).

`make run` serves the site with runserver (threaded) on a SQLite file. Without
WAL, a busy timeout and BEGIN IMMEDIATE, a few simultaneous POSTs answered 500
"database is locked". This test starts that same server on a temporary SQLite
file with the demo data and fires 8 POSTs at once, first to one form, then to
different forms.
"""

import pytest
from django.utils import timezone

from tests.concurrency import run_concurrently, values
from tests.live import Browser, embedded_env, manage, open_demo_invoices, runserver, sqlite_count

PASSWORD = "demo-pass-2026"
WRITERS = 8


def _errors(answers) -> list[str]:
    """The title of each error page (Django's debug page names the exception there)."""
    return [a.body.split("<title>")[-1].split("</title>")[0].strip() for a in answers if a.status != 302]


def _payments(db, invoice_pk) -> int:
    return sqlite_count(db, "SELECT COUNT(*) FROM dues_payment WHERE invoice_id = ?", invoice_pk)


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory):
    """runserver, as bin/run-all starts it, on a fresh SQLite file holding the demo."""
    tmp = tmp_path_factory.mktemp("embedded")
    env = embedded_env(tmp)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo", env=env)
    with runserver(env) as base_url:
        db = str(tmp / "db.sqlite3")
        yield {
            "url": base_url,
            "db": db,
            "invoices": open_demo_invoices(db, 5),
            "department": sqlite_count(db, "SELECT MIN(id) FROM secretariat_department"),
        }


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

    answers = values(run_concurrently([_payment(treasurer, invoice, n) for n in range(WRITERS)]))

    assert [a.status for a in answers] == [302] * WRITERS, _errors(answers)
    assert all(f"/dues/invoices/{invoice}/" in a.location for a in answers)
    assert _payments(db, invoice) == WRITERS


def test_eight_simultaneous_posts_to_different_forms_all_succeed(embedded_site):
    db, invoices = embedded_site["db"], embedded_site["invoices"][1:5]
    treasurer = _signed_in(embedded_site["url"], "treasurer")
    staff = _signed_in(embedded_site["url"], "secretariat")
    documents_before = sqlite_count(db, "SELECT COUNT(*) FROM secretariat_document")
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

    answers = values(run_concurrently(payments + drafts))

    assert [a.status for a in answers] == [302] * WRITERS, _errors(answers)
    assert sqlite_count(db, "SELECT COUNT(*) FROM secretariat_document") == documents_before + len(drafts)
    assert [_payments(db, pk) for pk in invoices] == [1] * len(invoices)
