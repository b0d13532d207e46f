import datetime
from decimal import Decimal

import pytest

from dues.errors import (
    PAYMENT_ABOVE_OUTSTANDING,
    PAYMENT_IN_FUTURE,
    PAYMENT_ON_VOID,
    RECEIPT_IMMUTABLE,
    DuesError,
    ReceiptImmutableError,
)
from dues.models import Payment, Receipt
from dues.selectors import in_good_standing, members_in_arrears
from dues.services import invoice_void, payment_record, payment_reverse

pytestmark = pytest.mark.django_db


def pay(invoice, amount, by, on=datetime.date(2026, 3, 1)):
    return payment_record(
        invoice=invoice,
        amount=Decimal(amount),
        received_on=on,
        method="bank_transfer",
        bank_reference="REF",
        by=by,
    )


def test_partial_payments_accumulate_with_gapless_receipts(invoice, treasurer_user):
    pay(invoice, "400", treasurer_user)
    pay(invoice, "600", treasurer_user)
    assert list(Receipt.objects.order_by("number").values_list("number", flat=True)) == [
        "R-2026-00001",
        "R-2026-00002",
    ]
    with pytest.raises(DuesError):
        pay(invoice, "0.01", treasurer_user)


def test_overpayment_is_refused_and_changes_nothing(invoice, treasurer_user):
    refusal = PAYMENT_ABOVE_OUTSTANDING % {"amount": Decimal("1000.01"), "outstanding": Decimal("1000.00")}
    with pytest.raises(DuesError, match=str(refusal)):
        pay(invoice, "1000.01", treasurer_user)
    assert not Payment.objects.exists() and not Receipt.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "10.001"])
def test_bad_amounts_are_refused(invoice, treasurer_user, amount):
    with pytest.raises(DuesError):
        pay(invoice, amount, treasurer_user)
    assert not Payment.objects.exists()


def test_future_payment_date_is_refused(invoice, treasurer_user):
    with pytest.raises(DuesError, match=str(PAYMENT_IN_FUTURE)):
        pay(invoice, "10", treasurer_user, on=datetime.date(2026, 3, 2))


def test_payment_on_void_invoice_is_refused(invoice, treasurer_user):
    invoice_void(invoice=invoice, reason="error", by=treasurer_user)
    with pytest.raises(DuesError, match=str(PAYMENT_ON_VOID)):
        pay(invoice, "10", treasurer_user)


def test_reversal_is_recorded_not_deleted(invoice, treasurer_user):
    payment = pay(invoice, "1000", treasurer_user)
    payment_reverse(payment=payment, reason="wrong invoice", by=treasurer_user)
    payment.refresh_from_db()
    assert payment.reversed_by == treasurer_user and payment.reversal_reason == "wrong invoice"
    assert Receipt.objects.filter(payment=payment).exists()
    pay(invoice, "1000", treasurer_user)  # the balance is open again
    with pytest.raises(DuesError):
        payment_reverse(payment=payment, reason="again", by=treasurer_user)


def test_issued_receipt_cannot_be_edited(invoice, treasurer_user):
    receipt = pay(invoice, "10", treasurer_user).receipt
    receipt.number = "R-2026-99999"
    with pytest.raises(ReceiptImmutableError, match=str(RECEIPT_IMMUTABLE)):
        receipt.save()
    assert Receipt.objects.get().number == "R-2026-00001"


def test_member_receives_the_receipt_by_email(
    invoice, own_member, treasurer_user, mailoutbox, django_capture_on_commit_callbacks
):
    from dues.services import invoice_issue

    own_invoice = invoice_issue(member=own_member, year=2026, by=treasurer_user)
    with django_capture_on_commit_callbacks(execute=True):
        pay(own_invoice, "1000", treasurer_user)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["rep@example.org"]
    assert mailoutbox[0].attachments[0][0] == "R-2026-00001.pdf"


def test_good_standing_is_computed_from_invoices_and_payments(invoice, treasurer_user):
    member = invoice.member
    assert in_good_standing(member, datetime.date(2026, 12, 20))
    assert not in_good_standing(member, datetime.date(2026, 12, 21))
    assert members_in_arrears([member.pk], on=datetime.date(2026, 12, 21)) == {member.pk}
    pay(invoice, "1000", treasurer_user)
    assert members_in_arrears([member.pk], on=datetime.date(2026, 12, 21)) == set()


def test_history_cannot_be_recorded_before_it_was_received_or_in_the_future(invoice, treasurer_user, frozen):
    from dues.errors import PAYMENT_RECORDED_BEFORE_RECEIVED

    for recorded_at in (
        datetime.datetime(2026, 2, 1, 2, tzinfo=datetime.UTC),  # before the money came in
        datetime.datetime(2026, 3, 9, 2, tzinfo=datetime.UTC),  # after "now"
    ):
        with pytest.raises(DuesError, match=str(PAYMENT_RECORDED_BEFORE_RECEIVED)):
            payment_record(
                invoice=invoice,
                amount=Decimal("10"),
                received_on=datetime.date(2026, 2, 20),
                method="cash",
                by=treasurer_user,
                recorded_at=recorded_at,
            )
    assert not invoice.payments.exists()
