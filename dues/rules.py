"""Pure dues rules (001 §IV): no database access, every figure passed in or read from conf."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliance.status import Moves
from dues import errors
from dues.errors import DuesError
from dues.models import InvoiceStatus, LineKind
from members.rules import TIER_RANK, highest_tier

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# The largest amount a money column holds (max_digits=12, decimal_places=2).
MAX_AMOUNT = Decimal("9999999999.99")


# Allowed moves of an invoice's status (DESIGN.md: every state machine is a table).
# A void invoice stays void: the member gets a new invoice, never a revived one.
INVOICE_TRANSITIONS: dict[str, frozenset[str]] = {
    InvoiceStatus.ISSUED: frozenset({InvoiceStatus.VOID}),
    InvoiceStatus.VOID: frozenset(),
}
INVOICE_MOVES = Moves(INVOICE_TRANSITIONS, error=DuesError, refused=errors.INVOICE_ILLEGAL_MOVE)


def line_label(
    *,
    kind: str,
    kind_label: str,
    tier_label: str,
    year: int,
    fraction,
    from_tier_label: str = "",
    reference: str = "",
) -> str:
    """Return an invoice line's description in the active language, from what the line records.

    The stored description is written once, in the language of whoever issued it; the
    invoice is read in its reader's.
    """
    if kind == LineKind.FEE and tier_label:
        if fraction == 1:
            return gettext("%(tier)s, %(year)s") % {"tier": tier_label, "year": year}
        return gettext("%(tier)s, %(year)s (%(share)s – year of joining)") % {
            "tier": tier_label,
            "year": year,
            "share": f"{fraction:.0%}",
        }
    if kind == LineKind.UPGRADE and from_tier_label:
        values = {"from": from_tier_label, "to": tier_label, "year": year}
        return gettext("%(from)s → %(to)s, %(year)s") % values
    return f"{kind_label} ({reference})" if reference else kind_label


def parse_money(raw) -> tuple[Decimal | None, str]:
    """Return (amount, '') for a positive amount with at most two decimals, else (None, message).

    The services' last check on an amount (forms read typed text with
    ``alliance.forms.MoneyField``). The size is checked before quantizing, since
    quantizing 1e28 to the cent overflows the decimal context.
    """
    try:
        amount = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None, str(errors.AMOUNT_NOT_NUMBER)
    if not amount.is_finite():
        return None, str(errors.AMOUNT_NOT_NUMBER)
    if amount <= 0:
        return None, str(errors.AMOUNT_NOT_POSITIVE)
    if amount > MAX_AMOUNT:
        return None, str(errors.AMOUNT_TOO_LARGE)
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount != cents:
        return None, str(errors.AMOUNT_TOO_PRECISE)
    return cents, ""


def closing_date(year: int, month_day: tuple[int, int]) -> datetime.date:
    """Return the closing date of the dues year, when invoices fall due (001 §IV.2: 20 December)."""
    return datetime.date(year, *month_day)


def due_date(
    year: int, issued_on: datetime.date, *, month_day: tuple[int, int], grace_days: int
) -> datetime.date:
    """Return when an invoice falls due: the closing date of its year (001 §IV.2).

    An invoice issued after that date (a member admitted 21–31 December) gets
    ``grace_days`` from issue instead of being overdue the day it is born.
    """
    closing = closing_date(year, month_day)
    return closing if issued_on <= closing else issued_on + datetime.timedelta(days=grace_days)


def joining_fraction(
    admitted_on: datetime.date,
    *,
    full_until: tuple[int, int],
    late_fraction: Decimal,
) -> Decimal:
    """Return the share of the annual amount due for the year of joining (001 §IV.4).

    Admitted on or before 30 June: the full amount; on or after 1 July: 50%.
    """
    cutoff = datetime.date(admitted_on.year, *full_until)
    return Decimal("1") if admitted_on <= cutoff else late_fraction


def charge(annual: Decimal, fraction: Decimal) -> Decimal:
    """Return ``annual`` × ``fraction`` rounded to the cent."""
    return (annual * fraction).quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_tier(tiers: Iterable[str]) -> str:
    """Return the tier to invoice: the highest the member meets (001 §IV.3, "higher rather than lower")."""
    return highest_tier(tiers)


def upgrade_difference(
    amounts: Mapping[str, Decimal], *, charged_tier: str, new_tier: str, fraction: Decimal
) -> Decimal:
    """Return what an upgraded member still owes for the year (001 §IV.3).

    The member is never charged twice: the invoice already holds the charged
    tier's amount, so only the difference between the two tiers' amounts (with
    the same year-of-joining fraction) is added, as a line on the same invoice.
    A lower tier changes nothing: the year stays at the higher amount.
    """
    if TIER_RANK[new_tier] <= TIER_RANK[charged_tier]:
        return ZERO
    return charge(amounts[new_tier], fraction) - charge(amounts[charged_tier], fraction)


def payment_problem(
    amount: Decimal, *, received_on: datetime.date, today: datetime.date, outstanding: Decimal, is_void: bool
) -> str:
    """Return why a payment is refused, or '' (overpayments and void invoices are refused)."""
    if is_void:
        return str(errors.PAYMENT_ON_VOID)
    _amount, problem = parse_money(amount)
    if problem:
        return problem
    if received_on > today:
        return str(errors.PAYMENT_IN_FUTURE)
    if outstanding <= 0:
        return str(errors.INVOICE_PAID_IN_FULL)
    if amount > outstanding:
        return str(errors.PAYMENT_ABOVE_OUTSTANDING % {"amount": amount, "outstanding": outstanding})
    return ""


def reminder_stage_due(
    due_on: datetime.date, today: datetime.date, stages: Iterable[tuple[str, int]]
) -> str | None:
    """Return the stage due today: the latest whose date is on or before ``today``.

    After a day the job missed, only this stage is sent, never the stale ones
    before it (dues issue: a member gets one reminder, not a burst of three).
    """
    due_now = None
    for code, offset in sorted(stages, key=lambda stage: stage[1]):
        if due_on + datetime.timedelta(days=offset) <= today:
            due_now = code
    return due_now


def stage_window(
    today: datetime.date, stages: Iterable[tuple[str, int]]
) -> tuple[datetime.date, datetime.date]:
    """Return the range of due dates for which some stage is due ``today`` (for a set-wise query)."""
    offsets = [offset for _code, offset in stages]
    return today - datetime.timedelta(days=max(offsets)), today - datetime.timedelta(days=min(offsets))


def days_left(due_on: datetime.date, today: datetime.date) -> int:
    """Return the days until the due date (negative when overdue)."""
    return (due_on - today).days


def collection_rate(expected: Decimal, received: Decimal) -> Decimal | None:
    """Return received / expected as a percentage with one decimal, or None when nothing is expected."""
    if not expected:
        return None
    return (received * 100 / expected).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


INVOICE_STATES = ("paid", "partly_paid", "outstanding", "overdue", "waived", "void")


def payment_state(
    total: Decimal, paid: Decimal, *, waived: bool, is_void: bool, due_on: datetime.date, today: datetime.date
) -> str:
    """Return the one true state of an invoice (issue 14 §2): void, waived, paid, overdue,
    partly paid or outstanding.

    The states partition the invoices, so a list's totals by state add up: an invoice
    past its due date with a balance left is overdue whether or not part of it is paid
    (001 §IV.7 counts it in arrears either way); before that it is partly paid or
    outstanding. ``dues.selectors.with_state`` computes the same in SQL; a test holds
    the two together.
    """
    if is_void:
        return "void"
    if total <= 0 and waived:
        return "waived"
    if paid >= total:
        return "paid"
    if due_on < today:
        return "overdue"
    if paid > 0:
        return "partly_paid"
    return "outstanding"


PAYMENT_STATE_LABELS = {
    "paid": _("paid"),
    "partly_paid": _("partly paid"),
    "outstanding": _("outstanding"),
    "overdue": _("overdue"),
    "waived": _("waived"),
    "void": _("void"),
}
