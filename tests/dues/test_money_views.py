"""A refused amount stores nothing and is shown next to its field, as typed (issue 9 item 2)."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from alliance.money import MONEY_BAD_GROUPING, MONEY_NOT_NUMBER
from dues.models import FeeSchedule, InvoiceLine, Payment, Receipt
from meetings.demo import first_congress
from tests.dues.factories import make_resolution

pytestmark = pytest.mark.django_db

# What testers typed (issue 9) and the neighbours of each: never an amount.
REFUSED = ["1,00", "1,0000", "1_000", "１００", "1E+2", "+5", "1e309", "1e28", "NaN", "10.001", "-5", "0"]


def field_in_form(html: str, form_id: str, name: str) -> tuple[str, str]:
    """Return (value shown in the input, error shown under it) of a field of one form of the page."""
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', html, re.S).group(0)
    block = re.search(rf'<div id="div_id_{name}".*?</div> </div>', form, re.S).group(0)
    value = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', block)
    error = re.search(r'class="invalid-feedback">(.*?)</div>', block, re.S)
    return (value.group(1) if value else ""), (
        re.sub(r"<[^>]+>", "", error.group(1)).strip() if error else ""
    )


@pytest.mark.parametrize("typed", REFUSED)
def test_a_refused_payment_amount_records_nothing_and_stays_in_the_field(
    client, treasurer_user, invoice, typed
):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": typed, "received_on": "2026-03-01", "method": "cash", "bank_reference": "REF-1"},
    )
    assert response.status_code == 200
    assert not Payment.objects.exists() and not Receipt.objects.exists()
    value, error = field_in_form(response.content.decode(), "payment-form", "amount")
    assert value == typed
    assert error
    html = response.content.decode()
    assert 'value="REF-1"' in html  # the other fields keep what was typed too


@pytest.mark.parametrize(("typed", "message"), [("1,00", MONEY_BAD_GROUPING), ("1_000", MONEY_NOT_NUMBER)])
def test_the_payment_error_says_why(client, treasurer_user, invoice, typed, message):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": typed, "received_on": "2026-03-01", "method": "cash"},
    )
    _value, error = field_in_form(response.content.decode(), "payment-form", "amount")
    assert error.startswith(str(message).split("%")[0].strip())


def test_an_amount_grouped_as_english_writes_it_is_recorded(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": "1,000.00", "received_on": "2026-03-01", "method": "cash"},
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount == Decimal("1000.00")


def test_in_chinese_a_misplaced_comma_is_refused_and_kept(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": "1,00", "received_on": "2026-03-01", "method": "cash"},
    )
    assert response.status_code == 200 and not Payment.objects.exists()
    value, error = field_in_form(response.content.decode(), "payment-form", "amount")
    assert value == "1,00" and error


def test_a_payment_the_service_refuses_is_shown_in_the_form_as_typed(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": "5000", "received_on": "2026-03-01", "method": "cash"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Payment.objects.exists()
    form = re.search(r'<form[^>]*id="payment-form".*?</form>', html, re.S).group(0)
    assert "larger than the outstanding balance" in form and 'value="5000"' in form


@pytest.mark.parametrize("typed", REFUSED)
def test_a_refused_reduction_amount_records_nothing(client, treasurer_user, invoice, typed):
    resolution = make_resolution(treasurer_user)
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:invoice_reduce", args=[invoice.pk]),
        {"amount": typed, "reason": "flood", "resolution": resolution.pk},
    )
    assert response.status_code == 200
    assert not InvoiceLine.objects.filter(amount__lt=0).exists()
    value, error = field_in_form(response.content.decode(), "reduction-form", "amount")
    assert value == typed and error


SCHEDULE = {
    "year": "2027",
    "approved_on": "2026-05-28",
    "amount_chairman_unit": "20000",
    "amount_vice_chairman_unit": "10000",
    "amount_group_member": "1000",
    "amount_individual_member": "500",
}


@pytest.mark.parametrize("typed", REFUSED)
def test_a_refused_fee_amount_creates_no_schedule(client, treasurer_user, frozen, typed):
    client.force_login(treasurer_user)
    meeting = first_congress(treasurer_user).pk
    response = client.post(
        reverse("dues:schedule_create"),
        {**SCHEDULE, "approving_meeting": meeting, "amount_group_member": typed},
    )
    assert response.status_code == 200
    assert not FeeSchedule.objects.filter(year=2027).exists()
    html = response.content.decode()
    block = re.search(r'<div id="div_id_amount_group_member".*?</div> </div>', html, re.S).group(0)
    assert f'value="{typed}"' in block and "invalid-feedback" in block


def test_a_fee_schedule_with_grouped_amounts_is_created(client, treasurer_user, frozen):
    client.force_login(treasurer_user)
    meeting = first_congress(treasurer_user).pk
    response = client.post(
        reverse("dues:schedule_create"),
        {**SCHEDULE, "approving_meeting": meeting, "amount_chairman_unit": "20,000.00"},
    )
    assert response.status_code == 302
    assert FeeSchedule.objects.get(year=2027).amounts()["chairman_unit"] == Decimal("20000.00")
