"""Bank statements: upload, import with matching, and the treasurer's decisions (issue 14 §1).

Upload parses the whole file in the request, so a malformed file is refused with the
line or element named and nothing is stored. The credits are then imported by a Celery
task in chunks (each chunk one transaction, the statement's ``progress`` counting them,
which the statement page polls); a chunk costs the same few queries whatever its size.
Confirming goes through ``payment_record``, so receipts are numbered and emailed as for
a payment typed by hand.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.history import save_by
from alliance.queue import enqueue_on_commit
from dues import bank, conf, errors, selectors
from dues.errors import DuesError
from dues.models import (
    BankAccount,
    BankStatement,
    BankTransaction,
    Invoice,
    InvoiceStatus,
    MatchClass,
    Payment,
    PaymentMethod,
    StatementFormat,
    StatementStatus,
    TransactionState,
)
from dues.services.payments import payment_record

IMPORT_CHUNK = 500
# How long an import's claim lasts without a chunk done (a dead worker's is then taken over),
# and how long the beat sweep leaves a new statement to the task sent after its upload.
IMPORT_LEASE_SECONDS = 600
SWEEP_AFTER_SECONDS = 60


def _mapping(account: BankAccount) -> bank.CsvMapping:
    return bank.CsvMapping(
        date_column=account.csv_date_column,
        date_format=account.csv_date_format,
        amount_column=account.csv_amount_column,
        reference_column=account.csv_reference_column,
        counterparty_column=account.csv_counterparty_column,
        id_column=account.csv_id_column,
        delimiter=account.csv_delimiter,
        decimal_comma=account.csv_decimal_comma,
        currency=conf.currency(),
    )


def statement_entries(account: BankAccount, fmt: str, text: str) -> list[bank.Entry]:
    """Parse a statement of ``fmt``; raise ``StatementError`` naming what is wrong."""
    if fmt == StatementFormat.CSV:
        return bank.parse_csv(text, _mapping(account))
    if fmt == StatementFormat.MT940:
        return bank.parse_mt940(text)
    if fmt == StatementFormat.CAMT053:
        return bank.parse_camt053(text.encode("utf-8"))
    raise errors.StatementError(errors.UNKNOWN_FORMAT)


def decode_statement(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise errors.StatementError(errors.NOT_UTF8 % {"position": error.start + 1}) from None


@transaction.atomic
def statement_upload(*, account: BankAccount, fmt: str, filename: str, content: bytes, by) -> BankStatement:
    """Store a statement that parsed whole, and queue the import of its credits (debits are
    ignored: the secretariat's own spending is not dues)."""
    text = decode_statement(content)
    entries = statement_entries(account, fmt, text)
    credits = sum(1 for e in entries if e.is_credit)
    statement = BankStatement.objects.create(
        account=account,
        format=fmt,
        filename=filename[:255],
        content=text,
        credits_total=credits,
        debits_ignored=len(entries) - credits,
        uploaded_by=by,
    )
    enqueue_on_commit("dues.tasks.import_statement", statement.pk)
    return statement


def _lease() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=IMPORT_LEASE_SECONDS)


def statement_import(*, statement_id: int) -> BankStatement:
    """Import the credits of a stored statement, matched to open invoices; harmless when run
    again (it resumes after ``progress``, and each credit's key is unique per account).

    The run first claims the statement with a conditional update (not imported, no live
    claim), so the after-commit task and the beat sweep never import it at once; each
    chunk renews the claim, and a run that died leaves it to expire.
    """
    now = timezone.now()
    claimed = (
        BankStatement.objects.filter(pk=statement_id)
        .exclude(status=StatementStatus.READY)
        .filter(Q(import_lease_until__isnull=True) | Q(import_lease_until__lte=now))
        .update(status=StatementStatus.IMPORTING, import_lease_until=_lease())
    )
    statement = BankStatement.objects.select_related("account").get(pk=statement_id)
    if not claimed:
        return statement  # imported already, or being imported by another worker
    credits = [
        e for e in statement_entries(statement.account, statement.format, statement.content) if e.is_credit
    ]
    # What earlier credits of this run already propose to pay, so two transfers quoting one
    # invoice are not both proposed as exact.
    remaining: dict[int, Decimal] = {}
    for start in range(statement.progress, len(credits), IMPORT_CHUNK):
        _import_chunk(statement, credits[start : start + IMPORT_CHUNK], remaining)
    BankStatement.objects.filter(pk=statement.pk).update(
        status=StatementStatus.READY, imported_at=timezone.now(), import_lease_until=None
    )
    statement.refresh_from_db()
    return statement


def statements_import_pending() -> int:
    """Import every statement whose import never ran or stopped half-way; return how many.

    The beat sweep (dues.tasks.sweep_statements): a statement's task is sent after its
    upload commits, and is lost when the broker is down then. A statement younger than
    ``SWEEP_AFTER_SECONDS`` is left to that task; one with a live claim to its worker.
    """
    now = timezone.now()
    pending = (
        BankStatement.objects.exclude(status=StatementStatus.READY)
        .filter(uploaded_at__lte=now - datetime.timedelta(seconds=SWEEP_AFTER_SECONDS))
        .filter(Q(import_lease_until__isnull=True) | Q(import_lease_until__lte=now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for statement_id in list(pending):
        if statement_import(statement_id=statement_id).status == StatementStatus.READY:
            done += 1
    return done


@transaction.atomic
def _import_chunk(statement: BankStatement, chunk: list[bank.Entry], remaining: dict[int, Decimal]) -> None:
    keys = [e.key for e in chunk]
    known = set(
        BankTransaction.objects.filter(account=statement.account, key__in=keys).values_list("key", flat=True)
    )
    fresh, seen = [], set()
    for entry in chunk:
        if entry.key not in known and entry.key not in seen:
            fresh.append(entry)
            seen.add(entry.key)
    quoted = {entry.key: bank.quoted_numbers(entry.reference) for entry in fresh}
    by_number, by_member = selectors.open_invoices_quoted(set().union(*quoted.values()) if quoted else set())
    rows = []
    for entry in fresh:
        tokens = quoted[entry.key]
        on_invoice = [_left(by_number[t], remaining) for t in sorted(tokens) if t in by_number]
        on_member = [_left(i, remaining) for t in sorted(tokens) for i in by_member.get(t, [])]
        on_invoice = [i for i in on_invoice if i.outstanding > 0]
        on_member = [i for i in on_member if i.outstanding > 0]
        match = bank.classify(entry.amount, on_invoice, on_member)
        if entry.currency and entry.currency != conf.currency():
            match = bank.Match(MatchClass.UNMATCHED)
        if match.invoice is not None:
            remaining[match.invoice] = max(Decimal("0"), remaining[match.invoice] - entry.amount)
        rows.append(
            BankTransaction(
                account=statement.account,
                statement=statement,
                key=entry.key,
                booked_on=entry.booked_on,
                amount=entry.amount,
                currency=entry.currency or conf.currency(),
                reference=entry.reference[:500],
                counterparty=entry.counterparty[:200],
                match=match.match,
                invoice_id=match.invoice,
                candidates=match.candidates,
            )
        )
    # The unique (account, key) constraint is the guarantee; ignore_conflicts keeps a
    # concurrent import of an overlapping statement from failing the chunk.
    BankTransaction.objects.bulk_create(rows, batch_size=IMPORT_CHUNK, ignore_conflicts=True)
    BankStatement.objects.filter(pk=statement.pk).update(
        import_lease_until=_lease(),
        progress=F("progress") + len(chunk),
        created_count=F("created_count") + len(rows),
        duplicate_count=F("duplicate_count") + len(chunk) - len(rows),
    )


def _left(invoice: bank.OpenInvoice, remaining: dict[int, Decimal]) -> bank.OpenInvoice:
    left = remaining.setdefault(invoice.pk, invoice.outstanding)
    return bank.OpenInvoice(invoice.pk, invoice.number, invoice.member_number, left)


def _settle(tx: BankTransaction, invoice: Invoice, *, by, note: str = "") -> Payment:
    """Record the credit as a payment of ``invoice`` (at most its outstanding; an excess is
    noted on the transaction for the treasurer to refund or apply) and mark it confirmed."""
    if invoice.status != InvoiceStatus.ISSUED:
        raise DuesError(errors.CREDIT_INVOICE_VOID % {"number": invoice.number})
    outstanding = invoice.total - selectors.invoice_paid(invoice)
    amount = min(tx.amount, outstanding)
    if amount <= 0:
        raise DuesError(errors.CREDIT_INVOICE_SETTLED % {"number": invoice.number})
    payment = payment_record(
        invoice=invoice,
        amount=amount,
        received_on=tx.booked_on,
        method=PaymentMethod.BANK_TRANSFER,
        bank_reference=(tx.reference or tx.key)[:100],
        by=by,
    )
    notes = [note.strip()] if note.strip() else []
    if tx.amount > amount:
        notes.append(
            _("%(excess)s %(currency)s received over the invoice's outstanding amount.")
            % {"excess": tx.amount - amount, "currency": tx.currency}
        )
    tx.invoice, tx.payment, tx.state = invoice, payment, TransactionState.CONFIRMED
    tx.note = "\n".join(notes)
    tx.decided_by, tx.decided_at = by, timezone.now()
    save_by(tx, by, update_fields=["invoice", "payment", "state", "note", "decided_by", "decided_at"])
    return payment


def _locked_proposal(bank_transaction: BankTransaction) -> BankTransaction:
    tx = (
        BankTransaction.objects.select_for_update(of=("self",))
        .select_related("invoice")
        .get(pk=bank_transaction.pk)
    )
    if tx.state != TransactionState.PROPOSED:
        raise DuesError(errors.CREDIT_DECIDED)
    return tx


@transaction.atomic
def bank_transaction_confirm(
    *, bank_transaction: BankTransaction, by, invoice: Invoice | None = None
) -> Payment:
    """Confirm one credit: as proposed, or assigned by hand to ``invoice`` (an ambiguous one to
    one of its candidates, an unmatched one to any invoice). Records the payment and its receipt."""
    tx = _locked_proposal(bank_transaction)
    invoice = invoice or tx.invoice
    if invoice is None:
        raise DuesError(errors.CREDIT_NEEDS_INVOICE)
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    return _settle(tx, invoice, by=by)


def statement_confirm_exact(*, statement: BankStatement, by) -> tuple[int, list[str]]:
    """Confirm every exact proposal of the statement in one go; return how many were
    confirmed and, for each one refused (e.g. the invoice was paid meanwhile), why.

    One transaction: each confirmation is a savepoint, so a refused one leaves the others.
    """
    confirmed, refused = 0, []
    with transaction.atomic():
        proposals = list(
            BankTransaction.objects.select_for_update(of=("self",))
            .filter(statement=statement, state=TransactionState.PROPOSED, match=MatchClass.EXACT)
            .select_related("invoice")
            .order_by("booked_on", "id")
        )
        for tx in proposals:
            try:
                with transaction.atomic():
                    _settle(tx, tx.invoice, by=by)
            except DuesError as error:
                refused.append(f"{tx.reference or tx.key}: {error}")
            else:
                confirmed += 1
    return confirmed, refused


@transaction.atomic
def bank_transaction_set_aside(*, bank_transaction: BankTransaction, note: str, by) -> BankTransaction:
    """Set a credit aside with a note (not dues, to refund, to ask the bank about)."""
    tx = _locked_proposal(bank_transaction)
    if not note.strip():
        raise DuesError(errors.SET_ASIDE_REASON)
    tx.state, tx.note = TransactionState.SET_ASIDE, note.strip()
    tx.decided_by, tx.decided_at = by, timezone.now()
    save_by(tx, by, update_fields=["state", "note", "decided_by", "decided_at"])
    return tx


@transaction.atomic
def bank_account_save(*, account: BankAccount, by) -> BankAccount:
    """Save a bank account and its CSV column mapping (recorded in its history)."""
    if account.pk is None:
        account.created_by = by
    save_by(account, by)
    return account
