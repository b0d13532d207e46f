"""Multi-row INSERTs for the annual invoicing of every member (100,000 rows and more).

The ORM's ``bulk_create`` spends most of its time preparing each value of each
model instance; here every row is a dict of values already adapted for the
database, sent 500 rows per statement. Both PostgreSQL and SQLite accept
multi-row VALUES.

The columns come from the model's fields, not from a list kept by hand: a row
names the values that differ from row to row, ``same`` those shared by every
row (adapted once), and every other field takes its default. So a new field
with a default needs nothing here, and one without a default is named once,
where its value is known; a field left without a value fails loudly.
"""

import itertools
from collections.abc import Iterable, Mapping

from django.db import connection
from django.db.models import AutoField

ROWS_PER_STATEMENT = 500
# The columns simple_history adds to a historical model, written for a "created" record.
HISTORY_TYPE_CREATED = "+"


def _shared_values(model, given: set[str], same: Mapping) -> dict:
    """Return {attname: database value} for every field a row does not give."""
    values = {}
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in given:
            continue
        if name in same:
            values[name] = field.get_db_prep_save(same[name], connection)
        elif isinstance(field, AutoField):
            continue  # the database numbers the row
        else:
            # As the ORM would: the field's default, "" for a text field without one.
            default = field.get_default()
            if default is None and not field.null:
                raise TypeError(f"{model._meta.label}.{name} has no default: give its value to insert rows.")
            values[name] = field.get_db_prep_save(default, connection)
    unknown = set(same) - {field.attname for field in model._meta.concrete_fields}
    if unknown:
        raise TypeError(f"{model._meta.label} has no field {', '.join(sorted(unknown))}.")
    return values


def insert_rows(model, rows: Iterable[Mapping], *, same: Mapping | None = None) -> int:
    """INSERT ``rows`` into ``model``'s table; return how many.

    Each row maps field attnames to values ready for the database (the same keys in
    every row); ``same`` maps attnames to Python values shared by every row.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    keys = list(first)
    shared = _shared_values(model, set(keys), same or {})
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    column_sql = ", ".join(quote(columns[name]) for name in [*keys, *shared])
    tail = tuple(shared.values())
    one_row = "(" + ", ".join(["%s"] * (len(keys) + len(tail))) + ")"
    inserted = 0
    iterator = itertools.chain([first], iterator)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(iterator, ROWS_PER_STATEMENT)):
            params = []
            for row in chunk:
                params += [row[key] for key in keys]
                params += tail
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({column_sql}) "
                f"VALUES {', '.join([one_row] * len(chunk))}",
                params,
            )
            inserted += len(chunk)
    return inserted


def insert_history(model, rows: Iterable[Mapping], *, same: Mapping, when, by_id) -> int:
    """INSERT the simple_history "created" records of rows just inserted into ``model``
    (each row with its ``id``): what ``save()`` would have written."""
    history = {"history_date": when, "history_type": HISTORY_TYPE_CREATED, "history_user_id": by_id}
    return insert_rows(model.history.model, rows, same={**same, **history})


def adapt_date(value):
    return connection.ops.adapt_datefield_value(value)


def adapt_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def adapt_money(value):
    return connection.ops.adapt_decimalfield_value(value, 12, 2)
