"""The treasurer's payment form works in every language (issue 12: in Chinese it could not be submitted)."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from dues.models import Payment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_the_payment_form_shows_iso_dates_and_stores_what_was_typed_in_chinese(
    client, treasurer_user, invoice, language
):
    client.force_login(treasurer_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("dues:invoice_detail", args=[invoice.pk])).content.decode()
    assert f'<html lang="{language}">' in page
    assert 'name="received_on" value="2026-03-01"' in page

    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {
            "amount": "1,000.00",
            "received_on": "2026-02-15",
            "method": "bank_transfer",
            "bank_reference": "X-1",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.amount == Decimal("1000.00")
    assert payment.received_on == datetime.date(2026, 2, 15)


@pytest.fixture
def bilingual_invoice(schedule, frozen, treasurer_user):
    from dues.services import invoice_issue
    from tests.languages import bilingual_member

    return invoice_issue(member=bilingual_member(), year=2026, by=treasurer_user)


def test_a_receipt_goes_to_each_representative_in_their_language(
    bilingual_invoice, treasurer_user, mailoutbox, deliver_outbox
):
    from dues.services import payment_record
    from tests.languages import expected, languages_sent

    payment_record(
        invoice=bilingual_invoice,
        amount=Decimal("100.00"),
        received_on=datetime.date(2026, 2, 15),
        method="cash",
        by=treasurer_user,
    )
    deliver_outbox()
    assert languages_sent("receipt", mailoutbox) == expected(bilingual_invoice.member)
    assert sorted(expected(bilingual_invoice.member).values()) == ["en", "zh-hant"]
    assert len(mailoutbox) == 2


def test_a_reminder_goes_to_each_representative_in_their_language(
    bilingual_invoice, mailoutbox, deliver_outbox
):
    from dues.services import reminders_send
    from tests.languages import expected, languages_sent

    assert reminders_send(today=datetime.date(2026, 11, 20)) == 1
    deliver_outbox()
    assert languages_sent("reminder", mailoutbox) == expected(bilingual_invoice.member)
    assert len(mailoutbox) == 2
