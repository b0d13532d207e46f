"""The membership journey in a real browser (001 §II): apply with a document → the liaison
officer approves → the secretariat approves → the member downloads the certificate, and
its verification page says valid."""

import pytest

from alliance.roles import Role
from members.models import Application, ApplicationStatus
from tests.factories import UserFactory
from tests.members.factories import LiaisonOfficeFactory
from tests.members.helpers import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "journey-pass-2026!"
EMAIL = "anan@siamguard.example"


def _decide(page, live_server, application):
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.check("input[name=decision][value=approve]")
    page.click("button[name=record-decision]")
    page.wait_for_load_state()
    assert "Decision recorded" in page.content()


def test_apply_review_admit_and_verify(page, login, live_server, tmp_path):
    liaison = UserFactory(username="bkk-officer", roles=[Role.LIAISON_OFFICER])
    LiaisonOfficeFactory(name="Bangkok Liaison Office", countries=["TH", "LA", "KH"], officers=[liaison])
    secretariat = UserFactory(username="sec-staff", roles=[Role.SECRETARIAT])
    licence = tmp_path / "licence.pdf"
    licence.write_bytes(PDF_BYTES)

    # A visitor applies: the form creates their account; they log in from the answer page.
    page.goto(f"{live_server.url}/")
    page.click("text=Apply for membership")
    page.fill("input[name=account_email]", EMAIL)
    page.fill("input[name=first_name]", "Anan")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.select_option("select[name=kind]", "unit")
    page.select_option("select[name=tier]", "group_member")
    page.fill("input[name=name]", "Siam Guard Services Co., Ltd.")
    page.fill("input[name=native_name]", "บริษัท สยามการ์ด เซอร์วิส จำกัด")
    page.select_option("select[name=country]", "TH")
    page.fill("input[name=email]", "office@siamguard.example")
    page.fill("input[name=primary-name]", "Anan Example")
    page.fill("input[name=primary-email]", EMAIL)
    page.set_input_files("input[name=legal_person_certificate]", str(licence))
    page.check("input[name=declaration]")
    page.click("button[name=submit]")
    page.wait_for_load_state()
    assert page.locator("#apply-received").count() == 1
    page.locator("main").get_by_role("link", name="Log in").click()
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert "Siam Guard Services Co., Ltd." in page.content()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    page.context.clear_cookies()

    # The liaison officer of Thailand accepts the certificate and approves the preliminary review.
    login(liaison)
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.select_option("select[name=review]", "accepted")
    page.click("form[action*='/documents/'] button[type=submit]")
    page.wait_for_load_state()
    _decide(page, live_server, application)
    page.context.clear_cookies()

    # The secretariat approves the final review: the member is admitted.
    login(secretariat)
    _decide(page, live_server, application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    page.context.clear_cookies()

    # The representative (the applicant's account, reused by email) downloads the certificate.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    page.click("text=My membership")
    page.wait_for_load_state()
    assert "Siam Guard Services Co., Ltd." in page.content()
    with page.expect_download() as download_info:
        page.click("#certificate-download")
    path = download_info.value.path()
    with open(path, "rb") as certificate:
        assert certificate.read(4) == b"%PDF"
    page.click("text=verification page")
    page.wait_for_load_state()
    assert page.locator("#verification-result").inner_text().startswith("Valid")
