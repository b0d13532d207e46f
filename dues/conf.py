"""Configurable figures of the dues app (DESIGN.md: rules that differ between
organisations are configuration). Each reads ``settings.ALLIANCE_DUES_<NAME>``
with the reference organisation's value (001 §IV) as default.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _get(name, default):
    return getattr(settings, f"ALLIANCE_DUES_{name}", default)


def currency() -> str:
    return _get("CURRENCY", "USD")


def default_tier_amounts() -> dict[str, Decimal]:
    """Annual amount per tier proposed for a new fee schedule (001 §IV.1)."""
    amounts = _get(
        "TIER_AMOUNTS",
        {
            "chairman_unit": "20000.00",
            "vice_chairman_unit": "10000.00",
            "group_member": "1000.00",
            "individual_member": "500.00",
        },
    )
    return {tier: Decimal(str(amount)) for tier, amount in amounts.items()}


def closing_month_day() -> tuple[int, int]:
    """The dues year closes on 20 December (001 §IV.2); invoices fall due then."""
    month, day = _get("CLOSING_DATE", (12, 20))
    datetime.date(2000, month, day)  # fails loudly on a mistyped setting
    return month, day


def joining_cutoff_month_day() -> tuple[int, int]:
    """Admitted on or before this day of the year: full amount (001 §IV.4)."""
    month, day = _get("JOINING_FULL_UNTIL", (6, 30))
    datetime.date(2000, month, day)
    return month, day


def joining_late_fraction() -> Decimal:
    """Share of the annual amount due when admitted after the cut-off (001 §IV.4: 50%)."""
    fraction = Decimal(str(_get("JOINING_LATE_FRACTION", "0.5")))
    if not Decimal("0") <= fraction <= Decimal("1"):
        raise ImproperlyConfigured("ALLIANCE_DUES_JOINING_LATE_FRACTION must be between 0 and 1")
    return fraction


def reminder_stages() -> tuple[tuple[str, int], ...]:
    """Reminder stages as (code, days relative to the closing date), in date order.

    Defaults: 30 and 7 days before 20 December, on the day, 30 days after.
    """
    stages = _get("REMINDER_STAGES", (("before-30", -30), ("before-7", -7), ("closing", 0), ("after-30", 30)))
    stages = tuple((str(code), int(offset)) for code, offset in stages)
    if len({code for code, _ in stages}) != len(stages):
        raise ImproperlyConfigured("ALLIANCE_DUES_REMINDER_STAGES has duplicate codes")
    return tuple(sorted(stages, key=lambda stage: stage[1]))


def bank_details() -> dict[str, str]:
    """The secretariat account members pay into (001 §IV(IV).1), shown on the portal and invoices."""
    return _get(
        "BANK_DETAILS",
        {
            "account_name": "Alliance Secretariat",
            "bank": "Example Bank, Kunming Branch",
            "account_number": "0000 0000 0000 0000",
            "swift": "EXAMPLECN",
            "note": "Please quote the invoice number with your payment.",
        },
    )


def public_arrears_show_amounts() -> bool:
    """Whether the published arrears list shows amounts (default: names and years only)."""
    return bool(_get("PUBLIC_ARREARS_SHOW_AMOUNTS", False))


def reminder_batch_size() -> int:
    return int(_get("REMINDER_BATCH_SIZE", 1000))


def late_issue_grace_days() -> int:
    """Days to pay an invoice issued after the closing date (admitted 21–31 December)."""
    return int(_get("LATE_ISSUE_GRACE_DAYS", 30))


def statement_max_mb() -> int:
    """The largest bank statement file accepted, in MB (a year of credits is far below)."""
    return int(_get("STATEMENT_MAX_MB", 20))
