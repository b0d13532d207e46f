"""Gapless, duplicate-free numbers per series and year, safe under concurrency."""

from django.db import transaction

from alliance.models import NumberSequence


def next_number(key: str, year: int) -> int:
    """Return the next number of ``key`` for ``year``; call inside the transaction that uses it.

    The row is locked (SELECT ... FOR UPDATE) until that transaction ends, so a
    concurrent caller waits and gets the following number; if the caller rolls
    back, so does the increment, and no gap is left.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    # Create the row if it is missing without racing: ON CONFLICT DO NOTHING.
    NumberSequence.objects.bulk_create([NumberSequence(key=key, year=year)], ignore_conflicts=True)
    sequence = NumberSequence.objects.select_for_update().get(key=key, year=year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value
