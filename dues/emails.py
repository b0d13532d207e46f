"""Emails of the dues app (receipts, reminders), queued in the outbox (alliance.emails)."""

import datetime

from alliance import emails
from alliance.models import EmailKind
from dues.models import Invoice
from dues.rules import CENT, days_left
from members.models import Member
from members.selectors import notification_recipients


def queue_receipt(receipt, *, payment, invoice) -> None:
    """Queue the receipt email to the member's representatives, its PDF built by the worker."""
    member = invoice.member
    emails.queue_messages(
        emails.messages_for(
            "dues/emails/receipt",
            notification_recipients(member),
            kind=EmailKind.RECEIPT,
            about=invoice,
            member=member,
            # The builder is dues.services.payments.receipt_attachment, beside the PDF it renders.
            attachments=[("dues.receipt_pdf", {"receipt": receipt})],
            priority="high",
            receipt=receipt,
            payment=payment,
            invoice=invoice,
            currency=invoice.currency,
        )
    )


def reminder_messages(due, recipients: list[tuple[str, str]], today: datetime.date) -> list[emails.Message]:
    """Return the reminder of one stage for one unpaid invoice (rendered by the worker).

    ``due`` is a row of the reminder run (dues.services.reminders.Due): the invoice
    and its member are referenced by id, loaded by the worker; the bank details are
    read when it renders (dues_tags.bank_lines), in the recipient's language.
    """
    days = days_left(due.due_on, today)
    invoice = emails.Ref(Invoice, due.pk)
    return emails.messages_for(
        "dues/emails/reminder",
        recipients,
        kind=EmailKind.REMINDER,
        about=invoice,
        member=emails.Ref(Member, due.member_id),
        priority="low",
        invoice=invoice,
        stage=due.stage,
        outstanding=due.outstanding.quantize(CENT),
        days_left=days,
        overdue_days=-days,
        currency=due.currency,
    )
