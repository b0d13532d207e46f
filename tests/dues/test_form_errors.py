"""Small forms on list and detail pages show their errors beside the field and keep what was
typed, after the redirect back to their page (alliance.bounced; issue 12 item 6)."""

import re

import pytest
from django.urls import reverse

from dues.models import Payment
from tests.dues.factories import pay

pytestmark = pytest.mark.django_db


def _field(html: str, name: str) -> str:
    """Return the <input>/<textarea> tag named ``name`` and what follows it up to its form's end."""
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>.*?</form>', html, re.S)
    assert match, f"no field named {name}"
    return match.group(0)


def test_annual_invoicing_shows_a_bad_year_beside_the_field_with_the_year_typed(client_for, treasurer_user):
    client = client_for(treasurer_user)
    response = client.post(reverse("dues:invoices_issue_annual"), {"year": "1999"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dues:invoice_list")
    field = _field(response.content.decode(), "year")
    assert 'value="1999"' in field and "is-invalid" in field and 'aria-invalid="true"' in field
    assert "2000" in field.split("invalid-feedback", 1)[1]  # the error, beside the field
    # Shown once: the next visit shows the form as new.
    assert "is-invalid" not in _field(client.get(reverse("dues:invoice_list")).content.decode(), "year")


def test_a_reversal_without_a_reason_is_refused_beside_its_payments_field(
    client_for, treasurer_user, invoice
):
    payment = pay(invoice, treasurer_user)
    other = pay(invoice, treasurer_user, amount="50.00")
    client = client_for(treasurer_user)
    response = client.post(reverse("dues:payment_reverse", args=[payment.pk]), {"reason": "   "}, follow=True)
    html = response.content.decode()
    refused = html.split(reverse("dues:payment_reverse", args=[payment.pk]), 1)[1]
    untouched = html.split(reverse("dues:payment_reverse", args=[other.pk]), 1)[1]
    assert "is-invalid" in _field(refused, "reason")
    assert "Give a reason for the reversal." in _field(refused, "reason")
    assert "is-invalid" not in _field(untouched, "reason")
    assert not Payment.objects.filter(reversed_at__isnull=False).exists()


def test_a_kept_form_is_not_shown_on_another_page(client_for, treasurer_user, invoice):
    client = client_for(treasurer_user)
    client.post(reverse("dues:invoices_issue_annual"), {"year": "1999"})
    html = client.get(reverse("dues:invoice_detail", args=[invoice.pk])).content.decode()
    assert "is-invalid" not in html
    # …and is gone when the user comes back to the list later.
    assert "is-invalid" not in client.get(reverse("dues:invoice_list")).content.decode()
