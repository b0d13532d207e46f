import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alliance import db
from alliance.db import analyze
from alliance.history import save_by
from alliance.models import NumberSequence
from dues import conf, selectors
from dues.errors import (
    INVOICE_EXISTS,
    INVOICE_HAS_PAYMENTS,
    INVOICE_IS_VOID,
    MEMBER_NOT_ACTIVE,
    NO_FEE_SCHEDULE,
    NOTHING_TO_SETTLE,
    REASON_REQUIRED,
    WAIVER_ABOVE_BALANCE,
    WAIVER_NEEDS_REASON,
    WAIVER_NEEDS_RESOLUTION,
    WAIVER_RESOLUTION_NOT_GA,
    DuesError,
)
from dues.models import (
    FeeSchedule,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    InvoiceStatusChange,
    LineKind,
)
from dues.rules import (
    charge,
    due_date,
    invoice_tier,
    joining_fraction,
    parse_money,
    upgrade_difference,
)
from dues.services.common import INVOICE_SERIES, allocate_numbers, invoice_number
from meetings.models import ResolutionKind
from meetings.selectors import passed_resolutions
from members.models import Member, MemberStatus

logger = logging.getLogger(__name__)


def _schedule_or_refuse(year: int) -> FeeSchedule:
    schedule = selectors.schedule_for(year)
    if schedule is None:
        raise DuesError(str(NO_FEE_SCHEDULE % {"year": year}))
    return schedule


def _fraction_for(joined_on: datetime.date, year: int) -> Decimal:
    if joined_on.year != year:
        return Decimal("1")
    return joining_fraction(
        joined_on, full_until=conf.joining_cutoff_month_day(), late_fraction=conf.joining_late_fraction()
    )


def _due_on(year: int, issued_on: datetime.date) -> datetime.date:
    return due_date(
        year, issued_on, month_day=conf.closing_month_day(), grace_days=conf.late_issue_grace_days()
    )


def _fee_description(tier_label, year, fraction) -> str:
    if fraction == 1:
        return f"{tier_label}, {year}"
    return f"{tier_label}, {year} ({fraction:.0%} – year of joining)"


@transaction.atomic
def invoice_issue(
    *,
    member: Member,
    year: int,
    by,
    admitted_on: datetime.date | None = None,
    issued_on: datetime.date | None = None,
) -> Invoice:
    """Issue the one invoice of ``member`` for ``year`` at its highest tier (001 §IV.3).

    For the year of joining the amount is pro-rated on the admission date
    (001 §IV.4: full on or before 30 June, 50% on or after 1 July).
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.ACTIVE:
        raise DuesError(str(MEMBER_NOT_ACTIVE % {"member": member.name}))
    existing = Invoice.objects.filter(member=member, year=year).exclude(status=InvoiceStatus.VOID).first()
    if existing:
        raise DuesError(
            str(INVOICE_EXISTS % {"member": member.name, "number": existing.number, "year": year})
        )
    schedule = _schedule_or_refuse(year)
    amounts = schedule.amounts()
    tier = invoice_tier([member.tier])
    fraction = _fraction_for(admitted_on or member.joined_on, year)
    amount = charge(amounts[tier], fraction)
    today = issued_on or timezone.localdate()
    invoice = Invoice(
        number=invoice_number(year, allocate_numbers(INVOICE_SERIES, year, 1)),
        member=member,
        year=year,
        schedule=schedule,
        tier=tier,
        fraction=fraction,
        total=amount,
        currency=schedule.currency,
        issued_on=today,
        due_on=_due_on(year, today),
        created_by=by,
    )
    save_by(invoice, by)
    line = InvoiceLine(
        invoice=invoice,
        kind=LineKind.FEE,
        tier=tier,
        description=_fee_description(member.get_tier_display(), year, fraction),
        amount=amount,
        created_by=by,
    )
    save_by(line, by)
    return invoice


def admission_invoice_issue(*, member: Member, by) -> Invoice | None:
    """Admission hook: invoice the year of joining inside the approval transaction (001 §IV.4).

    Without any fee schedule the admission still goes through (the treasurer
    issues the invoice later from the invoices page); we log why.
    """
    year = member.joined_on.year
    if not FeeSchedule.objects.filter(year__lte=year).exists():
        logger.warning("No fee schedule for %s: member %s admitted without an invoice", year, member.pk)
        return None
    if Invoice.objects.filter(member=member, year=year).exclude(status=InvoiceStatus.VOID).exists():
        return None
    return invoice_issue(member=member, year=year, by=by, admitted_on=member.joined_on)


@transaction.atomic
def invoices_issue_annual(*, year: int, by=None, today: datetime.date | None = None) -> int:
    """Invoice every active member for ``year`` that has no invoice yet; return how many were issued.

    Runs on 1 January (Celery beat). Set-wise: a handful of queries whatever the
    number of members. Idempotent: members already invoiced for the year are
    skipped, so a re-run (or a retry) issues nothing new. The invoice counter row
    is locked first, so two runs at once are serialised and the second sees the
    first one's invoices.
    """
    schedule = _schedule_or_refuse(year)
    amounts = schedule.amounts()
    today = today or timezone.localdate()
    NumberSequence.objects.bulk_create([NumberSequence(key=INVOICE_SERIES, year=year)], ignore_conflicts=True)
    list(NumberSequence.objects.select_for_update().filter(key=INVOICE_SERIES, year=year))

    invoiced = Invoice.objects.filter(year=year).exclude(status=InvoiceStatus.VOID).values("member_id")
    pending = list(
        Member.objects.active()
        .filter(joined_on__year__lte=year)
        .exclude(pk__in=invoiced)
        .order_by("pk")
        .values_list("pk", "tier", "joined_on")
    )
    if not pending:
        return 0
    missing = {tier for _pk, tier, _joined in pending} - set(amounts)
    if missing:
        raise DuesError(
            f"The fee schedule for {schedule.year} has no amount for: {', '.join(sorted(missing))}"
        )
    first = allocate_numbers(INVOICE_SERIES, year, len(pending))
    tier_labels = dict(Member._meta.get_field("tier").choices)
    now = timezone.now()
    by_id = by.pk if by is not None else None
    charges: dict[tuple[str, Decimal], tuple] = {}

    def charge_of(tier, fraction):
        key = (tier, fraction)
        if key not in charges:
            amount = charge(amounts[tier], fraction)
            description = _fee_description(tier_labels[tier], year, fraction)
            charges[key] = (amount, str(fraction), description)
        return charges[key]

    # What differs from one invoice to the next is in its row (values adapted for the
    # database); what every invoice shares is said once; every other field takes its default.
    same = {
        "year": year,
        "schedule_id": schedule.pk,
        "issued_on": today,
        "due_on": _due_on(year, today),
        "status": InvoiceStatus.ISSUED,
        "created_by_id": by_id,
        "created_at": now,
        "currency": schedule.currency,
    }
    invoice_rows, descriptions = [], []
    for offset, (member_id, member_tier, joined_on) in enumerate(pending):
        tier = invoice_tier([member_tier])
        total, fraction, description = charge_of(tier, _fraction_for(joined_on, year))
        invoice_rows.append(
            {
                "number": invoice_number(year, first + offset),
                "member_id": member_id,
                "tier": tier,
                "fraction": fraction,
                "total": total,
            }
        )
        descriptions.append(description)
    db.insert_rows(Invoice, invoice_rows, same=same)
    # Statistics first (ANALYZE sees this transaction's rows): on a table PostgreSQL still took
    # for empty (a first year, or no ANALYZE since), the lookups below joined every new line
    # to every new invoice: 9 s of database CPU for 20,000 members, growing with the square.
    analyze(Invoice)
    # The counter row is locked: nobody else issues invoices of this year meanwhile.
    ids = dict(Invoice.objects.filter(year=year).values_list("number", "pk").iterator(chunk_size=10_000))
    for row in invoice_rows:
        row["id"] = ids[row["number"]]
    del ids
    # Audit trail (simple_history): the "created" record save() would have written.
    db.insert_history(Invoice, invoice_rows, same=same, when=now, by_id=by_id)
    line_same = {"kind": LineKind.FEE, "created_by_id": by_id, "created_at": now}
    line_rows = [
        {"invoice_id": row["id"], "description": description, "tier": row["tier"], "amount": row["total"]}
        for row, description in zip(invoice_rows, descriptions, strict=True)
    ]
    del invoice_rows, descriptions
    db.insert_rows(InvoiceLine, line_rows, same=line_same)
    analyze(InvoiceLine)
    line_ids = dict(
        InvoiceLine.objects.filter(invoice__year=year, kind=LineKind.FEE)
        .values_list("invoice_id", "pk")
        .iterator(chunk_size=10_000)
    )
    for row in line_rows:
        row["id"] = line_ids[row["invoice_id"]]
    del line_ids
    db.insert_history(InvoiceLine, line_rows, same=line_same, when=now, by_id=by_id)
    analyze(Invoice.history.model, InvoiceLine.history.model)
    return len(line_rows)


def _add_line(invoice: Invoice, *, by, **fields) -> InvoiceLine:
    line = InvoiceLine(invoice=invoice, created_by=by, **fields)
    save_by(line, by)
    invoice.total += line.amount
    save_by(invoice, by, update_fields=["total", "tier"])
    return line


@transaction.atomic
def invoice_apply_tier(*, invoice: Invoice, by) -> InvoiceLine:
    """Settle an upgrade during the year on the same invoice (001 §IV.3, "higher rather than lower").

    The member is never invoiced twice for a year: the difference between the
    new tier's amount and the tier already invoiced (same year-of-joining share)
    is added as an adjustment line on the existing invoice, and the invoice's
    tier becomes the higher one. A downgrade changes nothing for the year.
    """
    invoice = Invoice.objects.select_for_update().select_related("member", "schedule").get(pk=invoice.pk)
    if invoice.status == InvoiceStatus.VOID:
        raise DuesError(str(INVOICE_IS_VOID))
    member = invoice.member
    new_tier = invoice_tier([invoice.tier, member.tier])
    amounts = invoice.schedule.amounts()
    difference = upgrade_difference(
        amounts, charged_tier=invoice.tier, new_tier=new_tier, fraction=invoice.fraction
    )
    if difference <= 0:
        raise DuesError(str(NOTHING_TO_SETTLE))
    old_label = invoice.get_tier_display()
    invoice.tier = new_tier
    return _add_line(
        invoice,
        by=by,
        kind=LineKind.UPGRADE,
        tier=new_tier,
        description=f"{old_label} → {invoice.get_tier_display()}, {invoice.year}",
        amount=difference,
    )


@transaction.atomic
def invoice_reduce(*, invoice: Invoice, amount=None, reason: str, resolution, by) -> InvoiceLine:
    """Waive (``amount`` None: the whole balance) or reduce an invoice (001 §IV.6).

    Only with a passed General Assembly resolution on waivers (``meetings``) and a
    reason; its number is also kept as text on the line. The reduction is a
    negative line, so the history shows it and nothing is overwritten.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status == InvoiceStatus.VOID:
        raise DuesError(str(INVOICE_IS_VOID))
    if resolution is None:
        raise DuesError(str(WAIVER_NEEDS_RESOLUTION))
    if not passed_resolutions(kind=ResolutionKind.WAIVER, body_code="GA").filter(pk=resolution.pk).exists():
        raise DuesError(str(WAIVER_RESOLUTION_NOT_GA % {"number": resolution.number or resolution.title}))
    if not reason.strip():
        raise DuesError(str(WAIVER_NEEDS_REASON))
    outstanding = invoice.total - selectors.invoice_paid(invoice)
    if amount is None or amount == "":
        amount, kind = outstanding, LineKind.WAIVER
        if amount <= 0:
            raise DuesError(str(WAIVER_ABOVE_BALANCE % {"amount": amount, "outstanding": outstanding}))
    else:
        amount, problem = parse_money(amount)
        if problem:
            raise DuesError(problem)
        kind = LineKind.WAIVER if amount == outstanding else LineKind.REDUCTION
    if amount > outstanding:
        raise DuesError(str(WAIVER_ABOVE_BALANCE % {"amount": amount, "outstanding": outstanding}))
    label = LineKind(kind).label
    return _add_line(
        invoice,
        by=by,
        kind=kind,
        description=f"{label} ({resolution.number})",
        amount=-amount,
        reason=reason.strip(),
        resolution=resolution,
    )


@transaction.atomic
def invoice_void(*, invoice: Invoice, reason: str, by) -> InvoiceStatusChange:
    """Void an invoice issued in error (never delete it); its payments must be reversed first."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    refusal = invoice.move_refusal(InvoiceStatus.VOID)
    if refusal:  # before the reason: a void invoice is refused as such, whatever is given
        raise DuesError(refusal)
    if not reason.strip():
        raise DuesError(str(REASON_REQUIRED))
    if invoice.payments.filter(reversed_at__isnull=True).exists():
        raise DuesError(str(INVOICE_HAS_PAYMENTS))
    return invoice.move(InvoiceStatus.VOID, by=by, comment=reason)
