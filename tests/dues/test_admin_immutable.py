"""Payments, receipts and invoices are read-only in the admin (issue 9 §6): corrections are reversals."""

from decimal import Decimal

import pytest

from dues.services import payment_record
from tests.admin_checks import assert_editable_in_admin, assert_immutable_in_admin
from tests.dues.factories import make_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(invoice, treasurer_user, frozen):
    return payment_record(
        invoice=invoice,
        amount=Decimal("400.00"),
        received_on=frozen,
        method="bank_transfer",
        bank_reference="REF",
        by=treasurer_user,
    )


def test_a_payment_is_read_only_in_the_admin(payment, client_for, admin_user):
    assert_immutable_in_admin(client_for(admin_user), payment, "amount", "1.00")


def test_a_receipt_is_read_only_in_the_admin(payment, client_for, admin_user):
    assert_immutable_in_admin(client_for(admin_user), payment.receipt, "number", "R-2026-99999")


def test_an_invoice_is_read_only_in_the_admin(invoice, client_for, admin_user):
    assert_immutable_in_admin(client_for(admin_user), invoice, "total", "1.00")


def test_a_fee_schedule_that_invoices_use_is_read_only(invoice, client_for, admin_user):
    assert_immutable_in_admin(client_for(admin_user), invoice.schedule, "currency", "EUR")


def test_a_fee_schedule_no_invoice_uses_stays_editable(client_for, admin_user):
    schedule = make_schedule(2024, by=admin_user)
    assert_editable_in_admin(
        client_for(admin_user), schedule, "notes", "Confirmed by the Chairman's Meeting, 2 June 2024"
    )
