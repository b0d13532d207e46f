"""Smoke test of the production stack that bin/prod-smoke starts (issue 10 §5).

gunicorn with DEBUG=False behind a (simulated) TLS proxy, on PostgreSQL and
Redis, with a Celery worker and beat as their own processes. Not part of
`make test`: these tests need that stack, and bin/prod-smoke (CI) runs them.
"""

import email
import email.policy
import json
import os
import re
import time
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.live import Browser

DEMO_ROLES = ["admin", "secretariat", "liaison", "treasurer", "member", "head"]
RECEIPT = re.compile(r"R-\d{4}-\d{5}")


@pytest.fixture(scope="session")
def stack():
    try:
        return {
            "url": os.environ["SMOKE_URL"],
            "mail": Path(os.environ["SMOKE_MAIL_DIR"]),
            "password": os.environ["SMOKE_PASSWORD"],
        }
    except KeyError as missing:
        pytest.fail(f"{missing} is not set: run these tests with bin/prod-smoke, which starts the stack")


def browser_for(stack, username=None) -> Browser:
    browser = Browser(stack["url"], behind_tls_proxy=True)
    if username:
        browser.login(username, stack["password"])
    return browser


class _Links(HTMLParser):
    """The navigation links of a page, and its stylesheets and scripts."""

    def __init__(self):
        super().__init__()
        self.nav, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "a" and {"nav-link", "dropdown-item"} & set(classes) and attrs.get("href"):
            self.nav.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_healthz_reports_database_and_broker(stack):
    answer = browser_for(stack).get("/healthz")

    assert answer.status == 200
    assert json.loads(answer.body) == {"status": "ok", "database": "ok", "broker": "ok"}


def test_plain_http_is_sent_to_https(stack):
    answer = Browser(stack["url"]).get("/accounts/login/")

    assert answer.status == 301
    assert answer.location.startswith("https://")


def test_public_pages_and_hashed_static_files_are_served(stack):
    browser = browser_for(stack)
    for path in ["/", "/accounts/login/", "/notices/", "/dues/arrears/public/"]:
        assert browser.get(path).status == 200, path
    assets = _links(browser.get("/accounts/login/").body).assets
    # The manifest storage names files by content hash: proof that the build ran with DEBUG off.
    assert any(re.search(r"bootstrap\.min\.[0-9a-f]{12}\.css$", asset) for asset in assets), assets
    for asset in assets:
        assert browser.get(asset).status == 200, asset


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_each_demo_role_reaches_its_main_pages(stack, username):
    browser = browser_for(stack, username)
    home = browser.get("/")
    assert home.status == 200
    pages = sorted({urlsplit(href).path for href in _links(home.body).nav if href.startswith("/")})
    assert pages, "the dashboard shows no navigation"

    answers = {path: _final_status(browser, path) for path in ["/dashboard/", *pages]}

    assert answers == dict.fromkeys(answers, 200)


def _final_status(browser, path: str) -> int:
    """The status of ``path``, after the site's own redirects (e.g. "My membership" to the file)."""
    for _ in range(3):
        answer = browser.get(path)
        target = urlsplit(answer.location)
        if answer.status not in (301, 302) or target.netloc not in ("", urlsplit(browser.base_url).netloc):
            return answer.status
        path = target.path + (f"?{target.query}" if target.query else "")
    return answer.status


def _open_invoice(browser) -> str:
    """The path of an invoice with money outstanding, which the treasurer can record a payment on."""
    listing = browser.get("/dues/?status=issued")
    assert listing.status == 200
    for path in dict.fromkeys(re.findall(r'href="(/dues/invoices/\d+/)"', listing.body)):
        page = browser.get(path).body
        outstanding = re.search(r'id="invoice-outstanding">([\d.,]+)<', page)
        if outstanding and Decimal(outstanding[1].replace(",", "")) >= 1 and f'action="{path}pay/"' in page:
            return path
    pytest.fail("no demo invoice is open for a payment")


def _alerts(html: str) -> list[str]:
    return [" ".join(text.split()) for text in re.findall(r'role="alert">(.*?)<button', html, re.S)]


def _delivered(mail_dir: Path) -> list[email.message.EmailMessage]:
    """Every message the file backend wrote (one file per connection, messages separated by dashes)."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(), policy=email.policy.default))
    return messages


def _mentions(message, text: str) -> bool:
    if text in str(message["subject"]):
        return True
    return any(
        text in part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "text" and not part.is_attachment()
    )


def test_a_payment_gets_its_receipt_emailed_by_the_worker(stack):
    treasurer = browser_for(stack, "treasurer")
    invoice = _open_invoice(treasurer)
    form_page = treasurer.get(invoice).body
    receipts_before = set(RECEIPT.findall(form_page))
    # The payment form's one-time key, as a browser sends it (a resubmission records nothing).
    key = re.search(rf'action="{invoice}pay/".*?name="submission_key" value="([0-9a-f]+)"', form_page, re.S)
    payment = {
        "amount": "1.00",
        "received_on": timezone.localdate().isoformat(),
        "method": "bank_transfer",
        "bank_reference": "SMOKE-TEST",
        "submission_key": key[1],
    }

    answer = treasurer.post(f"{invoice}pay/", payment)

    assert answer.status == 302
    page = treasurer.get(answer.location)
    assert "Payment recorded and receipt issued" in page.body, _alerts(page.body)
    (receipt,) = set(RECEIPT.findall(page.body)) - receipts_before
    again = treasurer.post(f"{invoice}pay/", payment)
    assert again.status == 302
    assert set(RECEIPT.findall(treasurer.get(again.location).body)) - receipts_before == {receipt}
    # The worker delivers right after commit; the outbox sweep from beat (every minute) is the fallback.
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        if any(_mentions(message, receipt) for message in _delivered(stack["mail"])):
            break
        time.sleep(1)
    else:
        pytest.fail(f"the worker delivered no email about receipt {receipt} within 150 s")
