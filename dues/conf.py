"""Configurable figures of the dues app (DESIGN.md: rules that differ between
organisations are configuration), read through ``alliance.conf``, where each
``ALLIANCE_DUES_<NAME>`` is declared with the reference organisation's value (001 §IV).
"""

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliance import conf


def currency() -> str:
    return conf.DUES_CURRENCY.value()


def default_tier_amounts() -> dict[str, Decimal]:
    """Annual amount per tier proposed for a new fee schedule (001 §IV.1)."""
    return conf.DUES_TIER_AMOUNTS.value()


def closing_month_day() -> tuple[int, int]:
    """The dues year closes on 20 December (001 §IV.2); invoices fall due then."""
    return conf.DUES_CLOSING_DATE.value()


def joining_cutoff_month_day() -> tuple[int, int]:
    """Admitted on or before this day of the year: full amount (001 §IV.4)."""
    return conf.DUES_JOINING_FULL_UNTIL.value()


def joining_late_fraction() -> Decimal:
    """Share of the annual amount due when admitted after the cut-off (001 §IV.4: 50%)."""
    return conf.DUES_JOINING_LATE_FRACTION.value()


def reminder_stages() -> tuple[tuple[str, int], ...]:
    """Reminder stages as (code, days relative to the closing date), in date order.

    Defaults: 30 and 7 days before 20 December, on the day, 30 days after.
    """
    return conf.DUES_REMINDER_STAGES.value()


def bank_details() -> dict[str, str]:
    """The secretariat account members pay into (001 §IV(IV).1), shown on the portal and invoices."""
    return conf.DUES_BANK_DETAILS.value()


BANK_DETAIL_LABELS = {
    "account_name": _("Account name"),
    "bank": _("Bank"),
    "account_number": _("Account number"),
    "swift": _("SWIFT/BIC"),
    "note": _("Note"),
}


def bank_lines() -> list[tuple[str, str]]:
    """The bank details as (label, value) in the reader's language, for invoices and pages.

    Values are shown as configured (names and numbers), except a text of the
    catalogues, which is translated: the default note.
    """
    lines = []
    for key, value in bank_details().items():
        label = BANK_DETAIL_LABELS.get(key) or key.replace("_", " ").capitalize()
        lines.append((str(label), gettext(value) if value else ""))
    return lines


def public_arrears_show_amounts() -> bool:
    """Whether the published arrears list shows amounts (default: names and years only)."""
    return conf.DUES_PUBLIC_ARREARS_SHOW_AMOUNTS.value()


def reminder_batch_size() -> int:
    return conf.DUES_REMINDER_BATCH_SIZE.value()


def late_issue_grace_days() -> int:
    """Days to pay an invoice issued after the closing date (admitted 21–31 December)."""
    return conf.DUES_LATE_ISSUE_GRACE_DAYS.value()


def statement_max_mb() -> int:
    """The largest bank statement file accepted, in MB (a year of credits is far below)."""
    return conf.DUES_STATEMENT_MAX_MB.value()
