from django.db.models import F

from alliance.models import NumberSequence
from alliance.numbering import next_number

INVOICE_SERIES = "dues.invoice"
RECEIPT_SERIES = "dues.receipt"


def invoice_number(year: int, n: int) -> str:
    return f"INV-{year}-{n:05d}"


def receipt_number(year: int, n: int) -> str:
    return f"R-{year}-{n:05d}"


def allocate_numbers(key: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers of the series; return the first.

    ``next_number`` locks the counter row until the caller's transaction ends,
    so a bulk run takes its whole block at once and no one else can interleave.
    """
    first = next_number(key, year)
    if count > 1:
        NumberSequence.objects.filter(key=key, year=year).update(last_value=F("last_value") + (count - 1))
    return first
