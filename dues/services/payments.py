import datetime

from django.db import transaction
from django.utils import timezone

from alliance.emails import attachment_builder
from alliance.history import save_by
from dues import conf, emails, selectors
from dues.errors import PAYMENT_ALREADY_REVERSED, PAYMENT_RECORDED_BEFORE_RECEIVED, REASON_REQUIRED, DuesError
from dues.models import Invoice, InvoiceStatus, Payment, Receipt
from dues.rules import payment_problem
from dues.services.common import RECEIPT_SERIES, allocate_numbers, receipt_number


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount,
    received_on: datetime.date,
    method: str,
    bank_reference: str = "",
    by,
    recorded_at: datetime.datetime | None = None,
) -> Payment:
    """Record money received and issue its unified receipt (001 §IV(IV).1).

    Partial payments accumulate; an overpayment, a future date or a void invoice
    is refused. The invoice row is locked so two treasurers paying the same
    invoice cannot both pass the balance check; the receipt number comes from the
    locked counter, so numbers stay gapless and unique under concurrency.

    ``recorded_at`` is for history entered after the fact (the demo's past years):
    the payment and its receipt are dated then, and the receipt is numbered in
    that year's series, as it was when it happened. No page passes it.
    """
    # The member comes along for the receipt email; only the invoice row is locked.
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("member").get(pk=invoice.pk)
    now = timezone.now()
    if recorded_at is not None and not (
        received_on <= timezone.localdate(recorded_at) and recorded_at <= now
    ):
        raise DuesError(str(PAYMENT_RECORDED_BEFORE_RECEIVED))
    today = timezone.localdate(recorded_at or now)
    problem = payment_problem(
        amount,
        received_on=received_on,
        today=today,
        outstanding=invoice.total - selectors.invoice_paid(invoice),
        is_void=invoice.status == InvoiceStatus.VOID,
    )
    if problem:
        raise DuesError(problem)
    payment = Payment(
        invoice=invoice,
        amount=amount,
        currency=invoice.currency,
        received_on=received_on,
        method=method,
        bank_reference=bank_reference.strip(),
        recorded_by=by,
    )
    save_by(payment, by)
    year = today.year
    receipt = Receipt.objects.create(
        payment=payment, number=receipt_number(year, allocate_numbers(RECEIPT_SERIES, year, 1)), year=year
    )
    if recorded_at is not None:
        # auto_now_add stamps "now" on create; history keeps the time it happened.
        Payment.objects.filter(pk=payment.pk).update(recorded_at=recorded_at)
        Receipt.objects.filter(pk=receipt.pk).update(issued_at=recorded_at)
    # In this transaction: the payment, its receipt and the receipt email commit together.
    emails.queue_receipt(receipt, payment=payment, invoice=invoice)
    return payment


@transaction.atomic
def payment_reverse(*, payment: Payment, reason: str, by) -> Payment:
    """Reverse a mistaken payment: recorded with who, when and why, never deleted.

    The receipt stays (its number is used) and shows the reversal.
    """
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.reversed_at is not None:
        raise DuesError(str(PAYMENT_ALREADY_REVERSED))
    if not reason.strip():
        raise DuesError(str(REASON_REQUIRED))
    payment.reversed_at = timezone.now()
    payment.reversed_by = by
    payment.reversal_reason = reason.strip()
    save_by(payment, by, update_fields=["reversed_at", "reversed_by", "reversal_reason"])
    return payment


@attachment_builder("dues.receipt_pdf")
def receipt_attachment(*, receipt):
    """The receipt email's PDF, rendered by the outbox worker (dues.emails.queue_receipt)."""
    return (f"{receipt.number}.pdf", receipt_pdf(receipt), "application/pdf")


def receipt_pdf(receipt: Receipt) -> bytes:
    from alliance.pdf import qr_data_uri, render_pdf

    payment = receipt.payment
    invoice = payment.invoice
    return render_pdf(
        "dues/pdf/receipt.html",
        {
            "receipt": receipt,
            "payment": payment,
            "invoice": invoice,
            "member": invoice.member,
            "currency": conf.currency(),
            "qr": qr_data_uri(f"{receipt.number} {invoice.number} {payment.amount} {conf.currency()}"),
        },
    )
