"""The treasurer records a payment; the member sees "paid" and downloads the receipt."""

import datetime

import pytest

from dues.services import invoice_issue
from tests.dues.factories import make_schedule
from tests.factories import UserFactory
from tests.members.factories import RepresentativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_records_payment_and_member_downloads_receipt(page, login, live_server):
    treasurer = UserFactory(username="treasurer-e2e", roles=["Treasurer"])
    member_user = UserFactory(username="member-e2e", roles=["Member"])
    representative = RepresentativeFactory(user=member_user)
    make_schedule(2024)
    today = datetime.date.today()
    invoice = invoice_issue(member=representative.member, year=today.year, by=treasurer)

    login(treasurer)
    page.goto(f"{live_server.url}/dues/invoices/{invoice.pk}/")
    form = page.locator("#payment-form")
    form.locator("input[name=amount]").fill(str(invoice.total))
    form.locator("input[name=received_on]").fill(today.isoformat())
    form.locator("input[name=bank_reference]").fill("BANK-E2E-1")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Payment recorded" in page.content()
    assert page.locator("#invoice-outstanding").inner_text().strip() == "0.00"

    page.context.clear_cookies()
    login(member_user)
    page.goto(f"{live_server.url}/dues/my/")
    assert page.locator("[data-state=paid]").first.inner_text().strip() == "paid"
    assert "In good standing" in page.locator("#good-standing").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"R-{today.year}-00001").click()
    download = download_info.value
    assert download.suggested_filename == f"R-{today.year}-00001.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
