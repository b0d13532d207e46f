"""Invoices and receipts are labelled in the reader's language: lines, tiers and bank details too."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from alliance import emails
from alliance.models import EmailKind
from dues import conf
from dues.models import Tier
from dues.services import invoice_apply_tier
from tests.dues.factories import pay
from tests.pdftext import pdf_text, squeeze

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "zh-hans", "zh-hant"]


def _in(language, text, context=None):
    with translation.override(language):
        return squeeze(translation.pgettext(context, text) if context else translation.gettext(text))


def _pdf(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return squeeze(pdf_text(response.getvalue()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_invoice_pdf_is_labelled_in_the_readers_language(invoice, treasurer_user, client_for, language):
    text = _pdf(client_for(treasurer_user), reverse("dues:invoice_pdf", args=[invoice.pk]), language)
    for label in ("Invoice", "Dues year", "Outstanding", "Payment details", "Account number", "SWIFT/BIC"):
        assert _in(language, label) in text, label
    with translation.override(language):
        tier = squeeze(str(Tier(invoice.tier).label))
    # The fee line is described from what it records, in the reader's language, not as stored.
    assert tier in text
    assert _in(language, "Please quote the invoice number with your payment.") in text


def test_invoice_lines_are_described_in_the_readers_language(invoice, member, treasurer_user):
    from dues import selectors

    member.tier = Tier.VICE_CHAIRMAN_UNIT
    member.save()
    invoice_apply_tier(invoice=invoice, by=treasurer_user)
    for language in LANGUAGES:
        with translation.override(language):
            fee, upgrade = selectors.invoice_lines(invoice)
            group, vice = str(Tier.GROUP_MEMBER.label), str(Tier.VICE_CHAIRMAN_UNIT.label)
            assert fee.label.startswith(group) and "2026" in fee.label
            assert upgrade.label.startswith(group) and vice in upgrade.label


@pytest.mark.parametrize("language", LANGUAGES)
def test_receipt_pdf_is_labelled_in_the_readers_language(invoice, treasurer_user, client_for, language):
    payment = pay(invoice, treasurer_user)
    url = reverse("dues:receipt_pdf", args=[payment.receipt.pk])
    text = _pdf(client_for(treasurer_user), url, language)
    for label in ("Receipt", "Received from", "Received on"):
        assert _in(language, label) in text, label
    assert _in(language, "For", context="receipt: what the payment is for") in text


def test_emailed_receipt_is_labelled_in_the_recipients_language(
    invoice, treasurer_user, deliver_outbox, mailoutbox
):
    payment = pay(invoice, treasurer_user)
    receipt = payment.receipt
    with translation.override("en"):  # the treasurer's language is not the reader's
        emails.queue_messages(
            emails.messages_for(
                "dues/emails/receipt",
                [("rep-hant@example.org", "zh-hant"), ("rep-en@example.org", "en")],
                kind=EmailKind.RECEIPT,
                about=invoice,
                member=invoice.member,
                attachments=[("dues.receipt_pdf", {"receipt": receipt})],
                receipt=receipt,
                payment=payment,
                invoice=invoice,
                currency=conf.currency(),
            )
        )
    deliver_outbox()
    by_address = {message.to[0]: message for message in mailoutbox}
    for address, language in (("rep-hant@example.org", "zh-hant"), ("rep-en@example.org", "en")):
        _name, content, _mimetype = by_address[address].attachments[0]
        assert _in(language, "Received from") in squeeze(pdf_text(content)), language
    assert _in("zh-hant", "Received from") != _in("en", "Received from")


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_chinese_labels_never_break_mid_word_beside_a_long_name(invoice, member, treasurer_user, language):
    """收款日/期 and 会费年/度: a long value squeezed the label column until labels broke."""
    from dues.services.payments import receipt_pdf

    member.name = (
        "Yunnan Southern Frontier Integrated Security Technology and Risk Consulting Group Co., Ltd."
    )
    member.native_name = "云南南方边境综合安保科技与风险咨询集团股份有限公司（昆明总部）" * 3
    member.save()
    receipt = pay(invoice, treasurer_user).receipt
    with translation.override(language):
        labels = [translation.gettext(label) for label in ("Received from", "Received on", "Issued on")]
        lines = pdf_text(receipt_pdf(receipt)).splitlines()
    for label in labels:
        assert any(label in line for line in lines), (label, lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_amounts_are_grouped_by_thousands_with_their_currency(
    invoice, treasurer_user, client_for, language
):
    """Amounts on invoices and receipts print as pages print them (the money filter): 1,000.00 USD."""
    assert invoice.total == Decimal("1000.00")
    payment = pay(invoice, treasurer_user, amount="100.00")
    client = client_for(treasurer_user)
    receipt = _pdf(client, reverse("dues:receipt_pdf", args=[payment.receipt.pk]), language)
    assert "100.00USD" in receipt
    text = _pdf(client, reverse("dues:invoice_pdf", args=[invoice.pk]), language)
    assert "1,000.00" in text
    assert "900.00USD" in text
