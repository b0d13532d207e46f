"""A newly admitted unit's representative reaches its dues in a real browser (issue 9, item 1):
admission → the activation email → the one-time link → a new password → log in → /dues/my/."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from alliance.roles import Role
from members.services import application_approve
from tests.dues.factories import make_schedule
from tests.factories import UserFactory
from tests.members.factories import LiaisonOfficeFactory
from tests.members.helpers import preliminarily_approved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "anan@siamguard.example"
PASSWORD = "journey-pass-2026!"
LINK = re.compile(r"https?://\S+/accounts/activate/\S+/\S+/")


def test_new_representative_sets_a_password_and_sees_the_dues(page, live_server, mailoutbox):
    liaison = UserFactory(username="bkk-officer", roles=[Role.LIAISON_OFFICER])
    LiaisonOfficeFactory(name="Bangkok Liaison Office", countries=["TH"], officers=[liaison])
    secretariat = UserFactory(username="sec-staff", roles=[Role.SECRETARIAT])
    make_schedule(2024)
    member = application_approve(application=preliminarily_approved(liaison), reviewer=secretariat)
    invoice_number = member.dues_invoices.get().number

    (message,) = [m for m in mail.outbox if m.to == [EMAIL] and LINK.search(m.body)]
    link = urlsplit(LINK.search(message.body).group(0)).path
    page.goto(f"{live_server.url}{link}")
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert "Your password is set" in page.content()

    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/dues/my/")
    assert invoice_number in page.content()
    assert member.name in page.content()

    # The link worked once: opened again, it offers a fresh one instead of a password form.
    page.goto(f"{live_server.url}{link}")
    assert page.locator("#link-expired").count() == 1
    assert page.locator("input[name=new_password1]").count() == 0
