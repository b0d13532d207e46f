"""Fee schedules, invoices and their lines, payments, receipts, reminders and arrears lists.

Whether an invoice is paid, and whether a member is in good standing, is
computed from invoice lines and payments (``dues.selectors``), never stored as
a flag that could drift.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance.errors import DomainError
from alliance.models import MoneyAmountField
from alliance.status import StatusChange, StatusMixin
from dues import conf
from members.models import Member, Tier

ZERO = Decimal("0.00")


def money_field(verbose_name, *, min_amount=ZERO, **kwargs):
    return MoneyAmountField(
        verbose_name, max_digits=12, decimal_places=2, default=ZERO, min_amount=min_amount, **kwargs
    )


class FeeSchedule(models.Model):
    """The central fee schedule of one dues year (001 §IV.5), with the meeting that approved it."""

    year = models.PositiveIntegerField(_("dues year"), unique=True)
    approved_on = models.DateField(_("approved on"))
    # The meeting that approved it (001 §IV.5; the first, the General Assembly of 28 May 2024).
    approving_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("approving meeting"),
        on_delete=models.PROTECT,
        related_name="dues_fee_schedules",
    )
    # The currency of the schedule's amounts, so of every invoice issued from it (and its payments).
    currency = models.CharField(_("currency"), max_length=3, default=conf.currency)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Fee schedule %(year)s") % {"year": self.year})

    def amounts(self) -> dict[str, Decimal]:
        return {rate.tier: rate.amount for rate in self.rates.all()}


class FeeRate(models.Model):
    """The annual amount of one tier in a fee schedule (001 §IV.1)."""

    schedule = models.ForeignKey(
        FeeSchedule, verbose_name=_("fee schedule"), on_delete=models.PROTECT, related_name="rates"
    )
    tier = models.CharField(_("tier"), max_length=30, choices=Tier.choices)
    amount = money_field(_("annual amount"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee rate")
        verbose_name_plural = _("fee rates")
        ordering = ["schedule", "-amount"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "tier"], name="dues_one_rate_per_tier"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.schedule.year} {self.get_tier_display()}: {self.amount}"


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    VOID = "void", _("Void")


class Invoice(StatusMixin, models.Model):
    """The one invoice of a member for a dues year; never deleted, only voided or credited."""

    moves = "dues.rules.INVOICE_MOVES"

    number = models.CharField(_("number"), max_length=20, unique=True)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="dues_invoices"
    )
    year = models.PositiveIntegerField(_("dues year"))
    schedule = models.ForeignKey(
        FeeSchedule, verbose_name=_("fee schedule"), on_delete=models.PROTECT, related_name="invoices"
    )
    # The tier charged: the highest the member met this year (001 §IV.3).
    tier = models.CharField(_("tier"), max_length=30, choices=Tier.choices)
    # The year-of-joining share of the annual amount (001 §IV.4), kept for upgrades.
    fraction = models.DecimalField(_("share of the annual amount"), max_digits=4, decimal_places=3)
    # Sum of the lines, kept in step by the services that add lines (same transaction).
    total = money_field(_("total"))
    # The fee schedule's currency at issue: every amount of the invoice, its lines and payments.
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "number"]
        constraints = [
            # One invoice per member per dues year, never two (a void one may be replaced).
            models.UniqueConstraint(
                fields=["member", "year"],
                condition=~Q(status="void"),
                name="dues_one_invoice_per_member_year",
            ),
        ]
        indexes = [
            # Reminders and arrears select unpaid invoices by due date.
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["year", "status"]),
            # The invoice list's order (-year, -number), walked backwards for its count and pages.
            models.Index(fields=["year", "number"], name="invoice_list_order"),
        ]

    def __str__(self):
        return f"{self.number} ({self.member.name}, {self.year})"


class LineKind(models.TextChoices):
    FEE = "fee", _("Annual fee")
    UPGRADE = "upgrade", _("Tier upgrade adjustment")
    WAIVER = "waiver", _("Waiver")
    REDUCTION = "reduction", _("Reduction")


class InvoiceLine(models.Model):
    """A line of an invoice. Waivers and reductions are negative lines with their reason and resolution."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    description = models.CharField(_("description"), max_length=255)
    tier = models.CharField(_("tier"), max_length=30, choices=Tier.choices, blank=True)
    # Signed: waivers and reductions are negative lines.
    amount = MoneyAmountField(_("amount"), max_digits=12, decimal_places=2, min_amount=None)
    reason = models.TextField(_("reason"), blank=True)
    # The passed General Assembly resolution a waiver or reduction cites (001 §IV.6).
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("General Assembly resolution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dues_lines",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "id"]

    def __str__(self):
        return f"{self.invoice.number}: {self.description} {self.amount}"


class InvoiceStatusChange(StatusChange):
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=10, choices=InvoiceStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=InvoiceStatus.choices)
    # A void is always explained.
    comment = models.TextField(_("comment"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invoice status change")
        verbose_name_plural = _("invoice status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.invoice.number}: {self.from_status} → {self.to_status}"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CASH = "cash", _("Cash")
    CHEQUE = "cheque", _("Cheque")
    OTHER = "other", _("Other")


class Payment(models.Model):
    """Money received against an invoice. A mistake is reversed (recorded), never deleted."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = money_field(_("amount"), min_amount=Decimal("0.01"))
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    received_on = models.DateField(_("received on"))
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reversed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reversal_reason = models.TextField(_("reason for the reversal"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="dues_payment_positive")]
        # The payment list's order (latest recorded first): its page walks this index.
        indexes = [models.Index(fields=["recorded_at", "id"], name="payment_list_order")]

    def __str__(self):
        return f"{self.invoice.number}: {self.amount} ({self.received_on})"

    @property
    def is_reversed(self):
        return self.reversed_at is not None


# The one refusal raised by a model rather than a service: models are the lowest layer
# of the app (pyproject.toml), so its message lives here, beside the error (dues.errors re-exports it).
RECEIPT_IMMUTABLE = _("An issued receipt cannot be edited; reverse the payment instead.")


class ReceiptImmutableError(DomainError):
    """An edit of an issued receipt, refused whatever path tries it (import it from dues.errors)."""


class Receipt(models.Model):
    """The unified receipt of one payment (001 §IV(IV).1), numbered without gaps per year."""

    payment = models.OneToOneField(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="receipt"
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveIntegerField(_("year"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-issued_at", "-id"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        # An issued receipt is a fiscal document: refuse any edit at the lowest level,
        # whatever path (admin, shell, a future view) tries it.
        if not self._state.adding:
            raise ReceiptImmutableError(RECEIPT_IMMUTABLE)
        super().save(*args, **kwargs)


class ReminderSent(models.Model):
    """One reminder stage of one invoice, claimed before sending: at most once per (invoice, stage)."""

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="reminders",
        db_index=False,  # dues_one_reminder_per_stage starts with it: one index less per claim
    )
    stage = models.CharField(_("stage"), max_length=20)
    run_on = models.DateField(_("run on"))
    recipients = models.TextField(_("recipients"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "stage"], name="dues_one_reminder_per_stage")
        ]

    def __str__(self):
        return f"{self.invoice.number}: {self.stage}"


class ArrearsPublication(models.Model):
    """A published list of members in arrears (001 §IV.7), frozen as it was published."""

    published_on = models.DateField(_("as of"))
    show_amounts = models.BooleanField(_("amounts shown"), default=False)
    # [{"member": name, "country": code, "years": [2026], "amount": "1000.00"}, ...]
    entries = models.JSONField(_("entries"), default=list)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("published arrears list")
        verbose_name_plural = _("published arrears lists")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return str(_("Arrears as of %(date)s") % {"date": self.published_on})


class StatementFormat(models.TextChoices):
    CSV = "csv", _("CSV (the account's column mapping)")
    MT940 = "mt940", _("SWIFT MT940")
    CAMT053 = "camt053", _("ISO 20022 camt.053 XML")


class BankAccount(models.Model):
    """The secretariat's account at a bank, with the CSV column mapping of its statements,
    chosen once and kept for every later import (issue 14 §1)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    identifier = models.CharField(_("account number or IBAN"), max_length=50, blank=True)
    csv_delimiter = models.CharField(_("CSV delimiter"), max_length=1, default=",")
    csv_date_column = models.CharField(_("date column"), max_length=60, default="Date")
    csv_date_format = models.CharField(
        _("date format"),
        max_length=20,
        default="%Y-%m-%d",
        help_text=_("As Python writes it, e.g. %d/%m/%Y."),
    )
    csv_amount_column = models.CharField(_("amount column"), max_length=60, default="Amount")
    csv_decimal_comma = models.BooleanField(_("amounts use a decimal comma"), default=False)
    csv_reference_column = models.CharField(_("reference column"), max_length=60, default="Reference")
    csv_counterparty_column = models.CharField(_("payer column"), max_length=60, blank=True)
    csv_id_column = models.CharField(
        _("transaction id column"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty if the bank gives none: a stable hash of the line is used."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class StatementStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be imported")
    IMPORTING = "importing", _("Importing")
    READY = "ready", _("Imported")


class BankStatement(models.Model):
    """One uploaded statement file. It was parsed whole before it was stored (a malformed
    file stores nothing); its credits are imported in chunks, ``progress`` counting them."""

    account = models.ForeignKey(
        BankAccount, verbose_name=_("bank account"), on_delete=models.PROTECT, related_name="statements"
    )
    format = models.CharField(_("format"), max_length=10, choices=StatementFormat.choices)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.QUEUED
    )
    credits_total = models.PositiveIntegerField(_("credits in the file"), default=0)
    debits_ignored = models.PositiveIntegerField(_("debits ignored"), default=0)
    progress = models.PositiveIntegerField(_("credits processed"), default=0)
    created_count = models.PositiveIntegerField(_("credits new"), default=0)
    duplicate_count = models.PositiveIntegerField(_("credits already imported"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # The import worker's claim: another (the beat sweep) takes a statement over only
    # once this has passed, so two imports of one statement never run at once.
    import_lease_until = models.DateTimeField(_("import claimed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return f"{self.account}: {self.filename}"

    @property
    def percent(self) -> int:
        return 100 if not self.credits_total else min(100, self.progress * 100 // self.credits_total)


class MatchClass(models.TextChoices):
    EXACT = "exact", _("Exact")
    PARTIAL = "partial", _("Partial (less than outstanding)")
    OVER = "over", _("Over (more than outstanding)")
    AMBIGUOUS = "ambiguous", _("Ambiguous (several invoices)")
    UNMATCHED = "unmatched", _("Unmatched")


class TransactionState(models.TextChoices):
    PROPOSED = "proposed", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    SET_ASIDE = "set_aside", _("Set aside")


class BankTransaction(models.Model):
    """A credit of a statement, imported once per account whatever statements repeat it
    (the bank's id, or a stable hash of its fields, is unique in the database), with the
    invoice it was matched to and what the treasurer decided."""

    account = models.ForeignKey(
        BankAccount, verbose_name=_("bank account"), on_delete=models.PROTECT, related_name="transactions"
    )
    statement = models.ForeignKey(
        BankStatement, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="transactions"
    )
    key = models.CharField(_("bank transaction id"), max_length=100)
    booked_on = models.DateField(_("booked on"))
    # Signed: a statement holds debits as well as credits.
    amount = MoneyAmountField(_("amount"), max_digits=12, decimal_places=2, min_amount=None)
    currency = models.CharField(_("currency"), max_length=3)
    reference = models.CharField(_("reference"), max_length=500, blank=True)
    counterparty = models.CharField(_("payer"), max_length=200, blank=True)
    match = models.CharField(_("match"), max_length=10, choices=MatchClass.choices)
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("proposed invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_transactions",
    )
    # Ids of the open invoices the reference named, for an ambiguous credit.
    candidates = models.JSONField(_("candidate invoices"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=TransactionState.choices, default=TransactionState.PROPOSED
    )
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_transaction",
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank transaction")
        verbose_name_plural = _("bank transactions")
        ordering = ["booked_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="dues_bank_transaction_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_bank_credit_positive"),
        ]
        indexes = [models.Index(fields=["statement", "state", "match"])]

    def __str__(self):
        return f"{self.booked_on} {self.amount} {self.reference[:40]}"


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the General Assembly")


class Budget(models.Model):
    """The year's budget and settlement reported to the General Assembly (001 §V.3); once the
    resolution approving it is recorded it is read-only."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BudgetStatus.choices, default=BudgetStatus.DRAFT
    )
    notes = models.TextField(_("notes"), blank=True)
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("approving resolution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dues_budgets",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approval recorded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Budget %(year)s") % {"year": self.year})

    @property
    def is_approved(self) -> bool:
        return self.status == BudgetStatus.APPROVED


class BudgetLineKind(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")


class BudgetLine(models.Model):
    """A line of the budget: planned amount; its actual is the sum of its entries, or, for the
    membership fee line, the fees received for the year (computed from payments)."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BudgetLineKind.choices)
    label = models.CharField(_("line"), max_length=200)
    planned = money_field(_("budgeted"))
    is_fee_income = models.BooleanField(_("membership fees (actual from payments)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(planned__gte=0), name="dues_budget_planned_not_negative"),
            models.UniqueConstraint(fields=["budget", "label"], name="dues_budget_line_once"),
        ]

    def __str__(self):
        return f"{self.budget.year} {self.label}"


class ActualEntry(models.Model):
    """An amount actually spent (or received, for income other than fees) on a budget line."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="actuals"
    )
    on = models.DateField(_("date"))
    amount = money_field(_("amount"))
    description = models.CharField(_("description"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actual amount")
        verbose_name_plural = _("actual amounts")
        ordering = ["on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="dues_actual_positive")]

    def __str__(self):
        return f"{self.line}: {self.amount} ({self.on})"
