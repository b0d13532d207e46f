"""Multi-row INSERTs for the annual invoicing of every member (100,000 rows and more).

The ORM's ``bulk_create`` spends most of its time preparing each value of each
model instance; here every row is a tuple of values already adapted for the
database (most are the same for every row and are adapted once), sent 500 rows
per statement. Both PostgreSQL and SQLite accept multi-row VALUES.
"""

import itertools
from collections.abc import Iterable, Sequence

from django.db import connection

ROWS_PER_STATEMENT = 500


def insert_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """INSERT ``rows`` (tuples in the order of ``columns``, field attnames) into ``model``'s table."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    column_sql = ", ".join(quote(fields[name].column) for name in columns)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    inserted = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(iterator, ROWS_PER_STATEMENT)):
            values = ", ".join([one_row] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({column_sql}) VALUES {values}",
                [value for row in chunk for value in row],
            )
            inserted += len(chunk)
    return inserted


def adapt_date(value):
    return connection.ops.adapt_datefield_value(value)


def adapt_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def adapt_money(value):
    return connection.ops.adapt_decimalfield_value(value, 12, 2)
