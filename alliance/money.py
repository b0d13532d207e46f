"""How a typed amount of money is read (pure); ``alliance.forms.MoneyField`` applies it to every input.

Python's ``Decimal`` (and so Django's ``DecimalField``) reads far more than a person
means as an amount: ``1_000``, full-width ``１００``, ``1E+2``, ``+5``, ``NaN``. And
stripping every comma turns ``1,00`` into a hundred. An amount here is ASCII digits,
an optional minus sign where the field allows negatives, and at most one decimal
separator followed by at most ``decimal_places`` digits. Thousands may be grouped
only as the active language's format groups them (``THOUSAND_SEPARATOR`` and
``NUMBER_GROUPING``), and only when the grouping is exactly the one Django would
print, so a misplaced separator is refused rather than guessed at.
"""

import re
from decimal import Decimal

from django.utils import numberformat
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Messages the forms show and the tests import.
MONEY_NOT_NUMBER = _("Enter an amount such as 1000.00, with digits and a decimal point only.")
MONEY_BAD_GROUPING = _("Separate thousands as in %(example)s, or leave the separators out.")
MONEY_TOO_PRECISE = _("The amount may have at most two decimals.")
MONEY_TOO_LARGE = _("The amount is too large: at most %(limit)s.")
MONEY_NOT_POSITIVE = _("The amount must be greater than zero.")
MONEY_NEGATIVE = _("The amount cannot be negative.")
MONEY_BELOW_MINIMUM = _("The amount must be at least %(limit_value)s.")

_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() would take ١٢٣ and ²


class MoneyInputError(ValueError):
    """Why a typed amount is refused; ``code`` names one of the messages above."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_amount(
    text: str,
    *,
    decimal_places: int = 2,
    max_digits: int = 12,
    decimal_separator: str = ".",
    thousand_separator: str = "",
    grouping=0,
) -> Decimal:
    """Return the amount ``text`` writes, quantized to ``decimal_places``, or raise MoneyInputError.

    Pure: the separators and grouping are passed in (``MoneyField`` reads them from
    the active language). The size is checked on the digits before any Decimal
    arithmetic, so no input can overflow the decimal context.
    """
    text = text.strip()
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, separator, fraction = text.partition(decimal_separator)
    if separator and not _DIGITS.fullmatch(fraction):
        raise MoneyInputError("not_number")
    if not _DIGITS.fullmatch(whole):
        whole = _ungroup(whole, decimal_separator, thousand_separator, grouping)
    if len(fraction) > decimal_places:
        raise MoneyInputError("too_precise")
    if len(whole.lstrip("0")) > max_digits - decimal_places:
        raise MoneyInputError("too_large")
    amount = Decimal(f"{sign}{whole}.{fraction or '0'}")
    return amount.quantize(Decimal(1).scaleb(-decimal_places))


def _ungroup(whole: str, decimal_separator: str, thousand_separator: str, grouping) -> str:
    """Return the digits of a grouped integer part if it is grouped exactly as the format prints it."""
    if not thousand_separator or not grouping or thousand_separator not in whole:
        raise MoneyInputError("not_number")
    digits = whole.replace(thousand_separator, "")
    if not _DIGITS.fullmatch(digits):
        raise MoneyInputError("not_number")
    expected = numberformat.format(
        digits, decimal_separator, grouping=grouping, thousand_sep=thousand_separator, force_grouping=True
    )
    if expected != whole:
        raise MoneyInputError("bad_grouping")
    return digits
