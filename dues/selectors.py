"""Reads of the dues app, scoped to who asks. Paid, outstanding and good standing are
computed from invoice totals and payments here, never stored as flags."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from alliance.prepared import rows_for
from alliance.roles import Role, has_role
from alliance.versions import cached_on_history
from dues.models import (
    BankStatement,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    Receipt,
    ReminderSent,
)
from dues.rules import (
    PAYMENT_STATE_LABELS,
    ZERO,
    collection_rate,
    days_left,
    line_label,
    payment_state,
    stage_window,
)
from members.models import Member, Tier
from members.selectors import liaison_countries, represented_members

MONEY = DecimalField(max_digits=12, decimal_places=2)
FINANCE_ROLES = (Role.TREASURER, Role.SECRETARIAT)


def schedule_for(year: int) -> FeeSchedule | None:
    """Return the fee schedule in force for ``year``: that year's, else the latest before it."""
    return FeeSchedule.objects.filter(year__lte=year).order_by("-year").prefetch_related("rates").first()


def invoice_paid(invoice: Invoice) -> Decimal:
    """Return what the invoice's payments not reversed add up to."""
    return Payment.objects.filter(invoice=invoice, reversed_at__isnull=True).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal("0.00")


def _paid_sum() -> QuerySet[Payment]:
    """The sum of the outer invoice's payments not reversed, as a subquery."""
    return (
        Payment.objects.filter(invoice=OuterRef("pk"), reversed_at__isnull=True)
        .order_by()
        .values("invoice")
        .annotate(s=Sum("amount"))
        .values("s")
    )


def with_balance(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``paid`` (payments not reversed) and ``outstanding`` (total − paid)."""
    return invoices.annotate(
        paid=Coalesce(Subquery(_paid_sum(), output_field=MONEY), Value(ZERO), output_field=MONEY)
    ).annotate(outstanding=F("total") - F("paid"))


def with_state_columns(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``paid``, ``outstanding`` and ``has_waiver``: the columns ``label_states`` gives
    each invoice of a page its state from (``dues.rules.payment_state``, in Python).

    What a page shows: ``with_state``'s CASE repeats the paid subquery in each of its branches,
    and compiling it cost ~2 ms a query in the issue 15 bench, more than running it, on every
    invoice list and member file, for the handful of rows shown."""
    waiver = InvoiceLine.objects.filter(invoice=OuterRef("pk"), amount__lt=0)
    return with_balance(invoices).annotate(has_waiver=Exists(waiver))


def reminders_due(*, today: datetime.date, stages) -> QuerySet[Invoice]:
    """Return the unpaid issued invoices with a reminder stage due ``today`` not claimed yet,
    annotated ``stage`` (and ``paid``, ``outstanding``), in id order.

    The stage is ``dues.rules.reminder_stage_due`` computed in the query (the latest stage
    whose date has come), so the run reads only what it will send: a rerun reads nothing.
    """
    whens = [
        When(due_on__lte=today - datetime.timedelta(days=offset), then=Value(code))
        for code, offset in sorted(stages, key=lambda stage: stage[1], reverse=True)
    ]
    _first_due, last_due = stage_window(today, stages)
    claimed = ReminderSent.objects.filter(invoice=OuterRef("pk"), stage=OuterRef("stage"))
    return (
        with_balance(Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lte=last_due))
        .filter(outstanding__gt=0)
        .annotate(stage=Case(*whens, output_field=CharField()))
        .filter(~Exists(claimed))
        .order_by("pk")
    )


def with_state(invoices: QuerySet[Invoice], *, today: datetime.date) -> QuerySet[Invoice]:
    """Annotate ``paid``, ``outstanding``, ``has_waiver`` and ``state``, the invoice's one true
    state (issue 14 §2), in the query itself, so a list filters and totals on it at a
    constant number of queries. The same rule as ``dues.rules.payment_state``; a page's rows
    take theirs from ``with_state_columns`` and ``label_states``."""
    waiver = InvoiceLine.objects.filter(invoice=OuterRef("pk"), amount__lt=0)
    return with_balance(invoices).annotate(
        has_waiver=Exists(waiver),
        state=Case(
            When(status=InvoiceStatus.VOID, then=Value("void")),
            When(total__lte=0, has_waiver=True, then=Value("waived")),
            When(paid__gte=F("total"), then=Value("paid")),
            When(due_on__lt=today, then=Value("overdue")),
            When(paid__gt=0, then=Value("partly_paid")),
            default=Value("outstanding"),
            output_field=CharField(),
        ),
    )


def state_condition(state: str, *, today: datetime.date) -> Q:
    """The invoices in ``state`` as a WHERE condition the planner can use, the same rule as
    ``with_state`` (and ``dues.rules.payment_state``) spelt without its CASE.

    Filtering on the ``state`` annotation computes the paid sum and the state of every
    invoice the other filters leave (a year: 100,000 of them, 1.4 s for the list's count in
    the issue 15 bench) before it can keep one. Here each state starts from plain columns and
    an EXISTS over the payments' invoice index (payments are positive: a check constraint),
    and the paid sum is compared only where the state depends on its amount.
    """
    live = ~Q(status=InvoiceStatus.VOID)

    def payments():
        return Exists(Payment.objects.filter(invoice=OuterRef("pk"), reversed_at__isnull=True))

    def waiver():
        return Exists(InvoiceLine.objects.filter(invoice=OuterRef("pk"), amount__lt=0))

    def paid():
        return Coalesce(Subquery(_paid_sum(), output_field=MONEY), Value(ZERO), output_field=MONEY)

    def short():  # paid < total
        return Q(total__gt=0) & (~payments() | Q(total__gt=paid()))

    # Built for the state asked only: the subqueries of all six cost ~1 ms a request to build.
    conditions = {
        "void": lambda: Q(status=InvoiceStatus.VOID),
        "waived": lambda: live & Q(total__lte=0) & waiver(),
        "paid": lambda: live & ~short() & ~(Q(total__lte=0) & waiver()),
        "overdue": lambda: live & Q(due_on__lt=today) & short(),
        "partly_paid": lambda: live & Q(due_on__gte=today) & payments() & Q(total__gt=paid()),
        "outstanding": lambda: live & Q(due_on__gte=today) & Q(total__gt=0) & ~payments(),
    }
    return conditions[state]()


def invoice_totals(invoices: QuerySet[Invoice]) -> dict:
    """Invoiced, paid and outstanding of a (filtered) set of invoices, in two queries whatever
    its size; void invoices count for nothing (their amount is no longer owed)."""
    live = ~Q(status=InvoiceStatus.VOID)
    # Summing the ``paid`` annotation itself is not safe: Django 5.2 prunes it from the
    # aggregate's inner query and SQLite then sums the string "paid" as zero.
    head = invoices.order_by().aggregate(count=Count("pk"), invoiced=Sum("total", filter=live))
    paid = Payment.objects.filter(
        invoice__in=invoices.filter(live).order_by().values("pk"), reversed_at__isnull=True
    ).aggregate(s=Sum("amount"))["s"]
    invoiced = head["invoiced"] or ZERO
    paid = paid or ZERO
    return {"count": head["count"], "invoiced": invoiced, "paid": paid, "outstanding": invoiced - paid}


# The models whose changes move what the totals sum: issuing, a line, voiding, a payment or
# its reversal each write a history row (``alliance.versions``).
LEDGER = (Invoice, InvoiceLine, Payment)


def cached_on_ledger(name: str, compute, *key_parts, request=None):
    """``compute()``, kept in the cache under ``name`` and ``key_parts`` until an invoice, a
    line or a payment changes (their history versions are part of the key); with ``request``,
    the versions the page already read (``alliance.versions.history_versions``)."""
    return cached_on_history(f"dues:{name}", LEDGER, compute, *key_parts, request=request)


def invoice_totals_cached(invoices: Callable[[], QuerySet[Invoice]], *key_parts) -> dict:
    """``invoice_totals`` of a large set (``invoices()``, built only when the totals are
    computed), cached until the ledger changes; ``key_parts`` name the set (the list's filters
    and the day, which states depend on).

    The totals of 160,000 invoices read both tables whole: ~40 ms, 4x the bare view on their
    own in the issue 15 bench, on every page of the list; one query of three index lookups
    replaces them until the ledger changes. Lists of at most
    ``alliance.pagination.EXACT_COUNT_UP_TO`` invoices call ``invoice_totals`` directly.
    """
    return cached_on_ledger("invoice-totals", lambda: invoice_totals(invoices()), *key_parts)


def year_totals_cached(year: int, request=None) -> dict:
    """``year_totals``, cached until the ledger changes: summing 100,000 invoices and their
    payments was most of the staff dashboard's time in the issue 15 bench (~25 ms)."""
    return cached_on_ledger("year-totals", lambda: year_totals(year), year, request=request)


def label_states(invoices, *, today: datetime.date) -> list[Invoice]:
    """Give each invoice of a page (annotated by ``with_state_columns`` or ``with_state``) its
    state (``dues.rules.payment_state``), the state's label and its days left or overdue
    (shown with the state, computed from the due date already loaded: no query)."""
    invoices = list(invoices)
    for invoice in invoices:
        invoice.state = payment_state(
            invoice.total,
            invoice.paid,
            waived=invoice.has_waiver,
            is_void=invoice.status == InvoiceStatus.VOID,
            due_on=invoice.due_on,
            today=today,
        )
        invoice.state_label = PAYMENT_STATE_LABELS[invoice.state]
        invoice.days_left = days_left(invoice.due_on, today)
        invoice.overdue_days = -invoice.days_left
        invoice.is_overdue = invoice.state == "overdue"
    return invoices


def overdue_invoices(on: datetime.date) -> QuerySet[Invoice]:
    """Issued invoices past their due date with a balance left (001 §IV.7)."""
    return with_balance(Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lt=on)).filter(
        outstanding__gt=0
    )


def members_in_arrears(member_ids, on: datetime.date) -> set[int]:
    """Return which of ``member_ids`` have an unpaid invoice past its due date on ``on``.

    Connected to ``meetings.members_in_arrears`` for meetings (members in arrears may lose their vote).
    """
    ids = list(member_ids)
    if not ids:
        return set()
    return set(overdue_invoices(on).filter(member_id__in=ids).values_list("member_id", flat=True).distinct())


def in_good_standing(member: Member, on: datetime.date) -> bool:
    """A member is in good standing when no invoice of it is overdue and unpaid."""
    return not members_in_arrears([member.pk], on)


def arrears_rows(
    *, on: datetime.date, country: str = "", tier: str = "", year: int | None = None
) -> list[dict]:
    """Return one row per member in arrears: the member, the years owed and the amount outstanding."""
    invoices = overdue_invoices(on).select_related("member").order_by("member__name", "year")
    if country:
        invoices = invoices.filter(member__country=country)
    if tier:
        invoices = invoices.filter(member__tier=tier)
    if year:
        invoices = invoices.filter(year=year)
    rows: dict[int, dict] = {}
    for invoice in invoices:
        row = rows.setdefault(
            invoice.member_id, {"member": invoice.member, "years": [], "outstanding": ZERO, "invoices": []}
        )
        row["years"].append(invoice.year)
        row["outstanding"] += invoice.outstanding
        row["invoices"].append(invoice)
    return list(rows.values())


def invoices_visible_to(user) -> QuerySet[Invoice]:
    """Treasurer and secretariat see every invoice; a liaison officer those of their countries;
    a member only its own."""
    invoices = Invoice.objects.select_related("member", "schedule")
    if has_role(user, *FINANCE_ROLES):
        return invoices
    if has_role(user, Role.LIAISON_OFFICER):
        return invoices.filter(member__country__in=liaison_countries(user))
    if has_role(user, Role.MEMBER):
        return invoices.filter(member__in=represented_members(user))
    return invoices.none()


def invoice_lines(invoice: Invoice) -> list[InvoiceLine]:
    """Return the invoice's lines, each with its ``label`` in the reader's language."""
    lines = list(invoice.lines.select_related("created_by", "resolution"))
    charged = ""  # the tier charged before each line: an upgrade moves from it
    for line in lines:
        line.label = line_label(
            kind=line.kind,
            kind_label=line.get_kind_display(),
            tier_label=line.get_tier_display(),
            year=invoice.year,
            fraction=invoice.fraction,
            from_tier_label=Tier(charged).label if charged else "",
            reference=line.resolution.number if line.resolution_id else "",
        )
        if line.kind in (LineKind.WAIVER, LineKind.REDUCTION) and line.resolution_id is None:
            # Recorded before resolutions were keys: its text names the resolution (dues 0006).
            line.label = line.description
        if line.kind in (LineKind.FEE, LineKind.UPGRADE) and line.tier:
            charged = line.tier
    return lines


def invoice_for(user, pk: int) -> Invoice:
    """Return the invoice if the user may see it, else 404 (scope is enforced in the queryset)."""
    try:
        return with_balance(invoices_visible_to(user)).get(pk=pk)
    except Invoice.DoesNotExist:
        raise Http404 from None


def payment_for(user, pk: int) -> Payment:
    """Return the payment if the user may see its invoice, else 404."""
    try:
        return Payment.objects.select_related("invoice").get(pk=pk, invoice__in=invoices_visible_to(user))
    except Payment.DoesNotExist:
        raise Http404 from None


def statement_for(user, pk: int) -> BankStatement:
    """Return the bank statement if the user handles the bank (the treasurer), else 404."""
    statements = BankStatement.objects.select_related("account")
    if not has_role(user, Role.TREASURER):
        statements = statements.none()
    try:
        return statements.get(pk=pk)
    except BankStatement.DoesNotExist:
        raise Http404 from None


def receipt_for(user, pk: int) -> Receipt:
    receipts = Receipt.objects.select_related("payment__invoice__member", "payment__recorded_by")
    try:
        return receipts.get(pk=pk, payment__invoice__in=invoices_visible_to(user))
    except Receipt.DoesNotExist:
        raise Http404 from None


def member_invoices(member: Member, *, today: datetime.date) -> dict:
    """Return the member's invoices by year (amount, paid, outstanding, due date, state, days
    left), its good standing and balance, in one query: what the member file shows."""
    invoices = label_states(rows_for("dues.member_invoices", _member_invoices, member.pk), today=today)
    return {
        "invoices": invoices,
        "good_standing": not any(invoice.is_overdue for invoice in invoices),
        "outstanding": sum((i.outstanding for i in invoices if i.status == InvoiceStatus.ISSUED), ZERO),
        "balance": member_balance(invoices),
    }


def _member_invoices(member_id: int) -> QuerySet[Invoice]:
    return with_state_columns(Invoice.objects.filter(member_id=member_id)).order_by("-year", "-pk")


def member_dues(member: Member, *, today: datetime.date) -> dict:
    """``member_invoices`` with the member's receipts and reminders (its own dues page), in a
    fixed number of queries."""
    receipts = list(
        Receipt.objects.filter(payment__invoice__member=member)
        .select_related("payment__invoice")
        .order_by("-issued_at")
    )
    reminders = list(
        ReminderSent.objects.filter(invoice__member=member).select_related("invoice").order_by("-claimed_at")
    )
    return member_invoices(member, today=today) | {"receipts": receipts, "reminders": reminders}


def member_balance(invoices: list[Invoice]) -> dict:
    """A member's balance across its years, from its invoices labelled by ``label_states``:
    invoiced, paid and outstanding over every year, and what of it is overdue since when
    (the oldest unpaid due date)."""
    live = [i for i in invoices if i.status == InvoiceStatus.ISSUED]
    overdue = [i for i in live if i.is_overdue]
    # Owed but not late: what the member still has until its due date to pay.
    due = [i for i in live if not i.is_overdue and i.outstanding > 0]
    return {
        "invoiced": sum((i.total for i in live), ZERO),
        "paid": sum((i.paid for i in live), ZERO),
        "outstanding": sum((i.outstanding for i in live), ZERO),
        "overdue": sum((i.outstanding for i in overdue), ZERO),
        "overdue_since": min((i.due_on for i in overdue), default=None),
        "due": sum((i.outstanding for i in due), ZERO),
        "due_on": min((i.due_on for i in due), default=None),
        "years": len({i.year for i in live}),
    }


def collection(year: int, *, by: str) -> list[dict]:
    """Return expected, received, outstanding and collection rate for ``year`` grouped ``by``
    "tier" or "country" (001 §V.3 finance report). Two queries whatever the size."""
    key = {"tier": "tier", "country": "member__country"}[by]
    invoices = Invoice.objects.filter(year=year, status=InvoiceStatus.ISSUED)
    expected = dict(invoices.order_by().values_list(key).annotate(s=Sum("total")))
    received = dict(
        Payment.objects.filter(
            invoice__year=year, invoice__status=InvoiceStatus.ISSUED, reversed_at__isnull=True
        )
        .order_by()
        .values_list(f"invoice__{key}")
        .annotate(s=Sum("amount"))
    )
    counts = dict(invoices.order_by().values_list(key).annotate(n=Sum(Value(1))))
    rows = []
    for group in sorted(expected, key=lambda g: -(expected[g] or 0)):
        exp = expected[group] or ZERO
        rec = received.get(group) or ZERO
        rows.append(
            {
                "key": group,
                "invoices": counts.get(group, 0),
                "expected": exp,
                "received": rec,
                "outstanding": exp - rec,
                "rate": collection_rate(exp, rec),
            }
        )
    return rows


def collection_totals(rows: list[dict]) -> dict:
    expected = sum((r["expected"] for r in rows), ZERO)
    received = sum((r["received"] for r in rows), ZERO)
    return {
        "invoices": sum(r["invoices"] for r in rows),
        "expected": expected,
        "received": received,
        "outstanding": expected - received,
        "rate": collection_rate(expected, received),
    }


def year_totals(year: int) -> dict:
    """Expected and received for the year, in two queries (dashboard section)."""
    expected = (
        Invoice.objects.filter(year=year, status=InvoiceStatus.ISSUED).aggregate(s=Sum("total"))["s"] or ZERO
    )
    received = (
        Payment.objects.filter(
            invoice__year=year, invoice__status=InvoiceStatus.ISSUED, reversed_at__isnull=True
        ).aggregate(s=Sum("amount"))["s"]
        or ZERO
    )
    return {
        "expected": expected,
        "received": received,
        "outstanding": expected - received,
        "rate": collection_rate(expected, received),
    }


def years_with_invoices() -> list[int]:
    return sorted(set(Invoice.objects.values_list("year", flat=True).distinct()), reverse=True)


def open_invoices_quoted(tokens: set[str]) -> tuple[dict, dict]:
    """The open invoices (issued, a balance left) whose number, or whose member's number, is
    among ``tokens``: {invoice number: OpenInvoice} and {member number: [OpenInvoice]}, in two
    queries whatever the number of tokens or credits (bank statement matching)."""
    from dues.bank import OpenInvoice

    if not tokens:
        return {}, {}
    open_ = with_balance(Invoice.objects.filter(status=InvoiceStatus.ISSUED)).filter(outstanding__gt=0)
    fields = ("pk", "number", "member__number", "outstanding")
    tokens = sorted(tokens)
    by_number = {
        number: OpenInvoice(pk, number, member_number, outstanding)
        for pk, number, member_number, outstanding in open_.filter(number__in=tokens).values_list(*fields)
    }
    by_member: dict[str, list] = {}
    for pk, number, member_number, outstanding in (
        open_.filter(member__number__in=tokens).order_by("year", "pk").values_list(*fields)
    ):
        by_member.setdefault(member_number, []).append(OpenInvoice(pk, number, member_number, outstanding))
    return by_number, by_member


def statement_summary(statement) -> dict:
    """Counts of a statement's credits by match class and by state, in one query."""
    rows = statement.transactions.order_by().values_list("match", "state").annotate(n=Count("pk"))
    by_match: dict[str, int] = {}
    by_state: dict[str, int] = {}
    to_confirm = 0
    for match, state, n in rows:
        by_state[state] = by_state.get(state, 0) + n
        if state == "proposed":
            by_match[match] = by_match.get(match, 0) + n
            if match == "exact":
                to_confirm += n
    return {"by_match": by_match, "by_state": by_state, "exact_to_confirm": to_confirm}


def budget_report(budget) -> dict:
    """Each line of the year's budget against its actual, and the settlement (income less
    expenses) for the General Assembly (001 §V.3), in a fixed number of queries; the fee
    line's actual is the fees received for the year's invoices."""
    from dues.models import BudgetLineKind

    fees = year_totals(budget.year)
    lines = list(
        budget.lines.annotate(
            entered=Coalesce(Sum("actuals__amount"), Value(ZERO), output_field=MONEY)
        ).order_by("kind", "id")
    )
    for line in lines:
        line.actual = fees["received"] if line.is_fee_income else line.entered
        line.difference = line.actual - line.planned
        line.rate = collection_rate(line.planned, line.actual)
    income = [line for line in lines if line.kind == BudgetLineKind.INCOME]
    expense = [line for line in lines if line.kind == BudgetLineKind.EXPENSE]

    def total(rows, attr):
        return sum((getattr(r, attr) for r in rows), ZERO)

    totals = {
        "income_planned": total(income, "planned"),
        "income_actual": total(income, "actual"),
        "expense_planned": total(expense, "planned"),
        "expense_actual": total(expense, "actual"),
    }
    totals["balance_planned"] = totals["income_planned"] - totals["expense_planned"]
    totals["settlement"] = totals["income_actual"] - totals["expense_actual"]
    return {
        "fees": fees,
        "income": income,
        "expense": expense,
        "budget_totals": totals,
    }
