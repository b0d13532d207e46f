"""Reads of the dues app, scoped to who asks. Paid, outstanding and good standing are
computed from invoice totals and payments here, never stored as flags."""

import datetime

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from alliance.roles import Role, has_role
from dues.models import Invoice, InvoiceStatus, Payment, Receipt, ReminderSent
from dues.rules import ZERO, collection_rate
from members.models import Member
from members.selectors import liaison_countries, represented_members

MONEY = DecimalField(max_digits=12, decimal_places=2)
FINANCE_ROLES = (Role.TREASURER, Role.SECRETARIAT)


def with_balance(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``paid`` (payments not reversed) and ``outstanding`` (total − paid)."""
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"), reversed_at__isnull=True)
        .order_by()
        .values("invoice")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return invoices.annotate(
        paid=Coalesce(Subquery(paid, output_field=MONEY), Value(ZERO), output_field=MONEY)
    ).annotate(outstanding=F("total") - F("paid"))


def overdue_invoices(on: datetime.date) -> QuerySet[Invoice]:
    """Issued invoices past their due date with a balance left (001 §IV.7)."""
    return with_balance(Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lt=on)).filter(
        outstanding__gt=0
    )


def members_in_arrears(member_ids, on: datetime.date) -> set[int]:
    """Return which of ``member_ids`` have an unpaid invoice past its due date on ``on``.

    Named by ``settings.ALLIANCE_ARREARS_CHECK`` for meetings (members in arrears may lose their vote).
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


def invoice_for(user, pk: int) -> Invoice:
    """Return the invoice if the user may see it, else 404 (scope is enforced in the queryset)."""
    try:
        return with_balance(invoices_visible_to(user)).get(pk=pk)
    except Invoice.DoesNotExist:
        raise Http404 from None


def receipt_for(user, pk: int) -> Receipt:
    receipts = Receipt.objects.select_related("payment__invoice__member", "payment__recorded_by")
    try:
        return receipts.get(pk=pk, payment__invoice__in=invoices_visible_to(user))
    except Receipt.DoesNotExist:
        raise Http404 from None


def member_dues(member: Member, *, today: datetime.date) -> dict:
    """Return the member's dues by year (amount, paid, outstanding, due date, days left), its
    good standing, receipts and reminders, in a fixed number of queries."""
    invoices = list(with_balance(Invoice.objects.filter(member=member)).order_by("-year", "-pk"))
    receipts = list(
        Receipt.objects.filter(payment__invoice__member=member)
        .select_related("payment__invoice")
        .order_by("-issued_at")
    )
    reminders = list(
        ReminderSent.objects.filter(invoice__member=member).select_related("invoice").order_by("-claimed_at")
    )
    waived_ids = set(Invoice.objects.filter(member=member, lines__amount__lt=0).values_list("pk", flat=True))
    from dues.rules import PAYMENT_STATE_LABELS, days_left, payment_state

    for invoice in invoices:
        invoice.state = payment_state(
            invoice.total,
            invoice.paid,
            waived=invoice.pk in waived_ids,
            is_void=invoice.status == InvoiceStatus.VOID,
        )
        invoice.state_label = PAYMENT_STATE_LABELS[invoice.state]
        invoice.days_left = days_left(invoice.due_on, today)
        invoice.overdue_days = -invoice.days_left
        invoice.is_overdue = invoice.state in ("unpaid", "partly_paid") and invoice.days_left < 0
    good_standing = not any(invoice.is_overdue for invoice in invoices)
    return {
        "invoices": invoices,
        "receipts": receipts,
        "reminders": reminders,
        "good_standing": good_standing,
        "outstanding": sum((i.outstanding for i in invoices if i.status == InvoiceStatus.ISSUED), ZERO),
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
