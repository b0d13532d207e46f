"""Bulk work on the database: multi-row inserts, and planner statistics after them.

Planner statistics (issue 15 item 4).

PostgreSQL plans a query from its statistics of each table, which autovacuum
refreshes some time after many rows change (and never where it is turned off).
Until then a table that grew from nothing to 100,000 rows is planned as if it
were empty: after the 1 January invoicing the reminders' batch query went from
10 ms to 216 ms. So every job that inserts or updates many rows (annual
invoicing, the reminder run, participation flagging, the demo and bench
loaders) calls :func:`analyze` on the tables it changed.

ANALYZE runs at once, inside the job's transaction if there is one: PostgreSQL
allows that, samples the transaction's own new rows, and its lock blocks no
reads or writes (only another ANALYZE or VACUUM of the same table), so the
rest of the job is planned with the new figures too. SQLite plans well enough
without (its ANALYZE would also write ``sqlite_stat1`` for good), so this is a
no-op there.
"""

import gc
import itertools
import queue
import threading
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager

from django.db import connection, connections
from django.db.models import AutoField


def analyze(*models) -> list[str]:
    """Refresh PostgreSQL's statistics of ``models``' tables (every table when none is given).

    Return the tables analysed (empty off PostgreSQL). A model's auto-created
    many-to-many tables and its history table are not included: name them.
    """
    if connection.vendor != "postgresql":
        return []
    tables = list(dict.fromkeys(model._meta.db_table for model in models))
    with connection.cursor() as cursor:
        if not tables:
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
    return tables


@contextmanager
def bulk_job():
    """Run a job that reads and writes 100,000 rows (the reminder run) as fast as it can.

    - PostgreSQL compiles (JIT) a query whose estimated cost is high before running it:
      for the reminder run's one query over 100,000 invoices the compiling took 1.1 s,
      longer than the query itself (0.8 s). It is off for the session meanwhile, then
      restored.
    - Python's cyclic garbage collector walks every live object each time enough new ones
      were made: a million short-lived rows, tuples and dicts without cycles (freed as
      they go) made it run hundreds of times, a quarter of the job's own time. It is
      paused meanwhile and collects once at the end.
    """
    collecting = gc.isenabled()
    gc.disable()
    previous = None
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', false)")
                previous = cursor.fetchone()[0]
        yield
    finally:
        if previous is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('jit', %s, false)", [previous])
        if collecting:
            gc.enable()
            gc.collect()


_DONE = object()


class Pipeline:
    """Hand a bulk job's batches to a writer with its own database connection, so the
    database writes one batch while this thread reads and prepares the next.

    Use: ``with Pipeline(write) as pipeline: pipeline.put(batch)``, then read
    ``pipeline.results`` (what ``write`` returned for each batch, in order). ``write``
    opens its own transaction; each batch commits on its own, as it would in line.

    Only on PostgreSQL outside a transaction: in a transaction (a test's, or a caller's)
    the writer's connection could not see its uncommitted rows, and SQLite takes one
    writer at a time in this process anyway, so there ``write`` runs in line. A
    failed batch stops the job: the next ``put`` or the end of the block raises its error.
    """

    def __init__(self, write, *, depth: int = 2):
        self.write = write
        self.results: list = []
        self.error: BaseException | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._thread = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)

    def __enter__(self):
        if self._thread is not None:
            self._thread.start()
        return self

    def put(self, batch) -> None:
        if self._thread is None:
            self.results.append(self.write(batch))
            return
        if self.error is not None:
            raise self.error
        self._queue.put(batch)

    def __exit__(self, exc_type, exc, tb):
        if self._thread is not None:
            self._queue.put(_DONE)
            self._thread.join()
        if exc is None and self.error is not None:
            raise self.error
        return False

    def _run(self) -> None:
        try:
            while (batch := self._queue.get()) is not _DONE:
                if self.error is None:  # after a failure, drain without writing
                    try:
                        self.results.append(self.write(batch))
                    except BaseException as error:  # noqa: BLE001 - raised again in the job's thread
                        self.error = error
        finally:
            connections.close_all()  # this thread's connections only


# --- Bulk inserts ------------------------------------------------------------------------------
#
# The ORM's ``bulk_create`` prepares every field of every model instance through the
# compiler, which cost more than everything else in a 100,000-row job (annual invoicing,
# the reminder run and its outbox rows). Here the rows are plain values and the columns
# come from the model's fields: a row names the values that differ from row to row,
# ``same`` those shared by every row (adapted once), and every other field takes its
# default, so a new field with a default needs nothing here and one without fails loudly.
#
# PostgreSQL receives each column of a batch as one array, ``INSERT ... SELECT FROM
# unnest(...)``: a handful of parameters whatever the number of rows, which it parses
# several times faster than a multi-row VALUES list. SQLite receives multi-row VALUES
# (within its 32,766 bound variables).

# The columns simple_history adds to a historical model, written for a "created" record.
HISTORY_TYPE_CREATED = "+"
ROWS_PER_STATEMENT = {"postgresql": 5000}
ROWS_PER_STATEMENT_DEFAULT = 500


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


def _array_literal(values) -> str:
    """A PostgreSQL array literal of ``values`` (each quoted; None is NULL)."""
    parts = []
    for value in values:
        if value is None:
            parts.append("NULL")
        elif type(value) is int:
            parts.append(str(value))
        else:
            text = str(value)
            if '"' in text or "\\" in text:
                text = text.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'"{text}"')
    return "{" + ",".join(parts) + "}"


def insert_rows(
    model,
    rows: Iterable,
    *,
    columns: Sequence[str] | None = None,
    same: Mapping | None = None,
    returning: Sequence[str] = (),
    skip_conflicts: Sequence[str] = (),
) -> list[tuple]:
    """INSERT ``rows`` into ``model``'s table in batches; return the ``returning`` columns.

    Each row is a mapping of field attnames to plain values ready for the database
    (str, int, Decimal, date, datetime, bool, None; JSON as its text), the same keys in
    every row, or a sequence in the order of ``columns``. ``same`` maps attnames to
    Python values shared by every row. ``skip_conflicts`` names the fields of a unique
    constraint: a row that would break it is skipped (``ON CONFLICT DO NOTHING``) and
    returns nothing, which is how a job claims rows exactly once. ``returning``
    (attnames) gives one tuple per inserted row, in no particular order.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return []
    keys = list(columns) if columns is not None else list(first)
    if columns is None:
        iterator = (tuple(row[key] for key in keys) for row in itertools.chain([first], iterator))
    else:
        iterator = itertools.chain([first], iterator)
    shared = _shared_values(model, set(keys), same or {})
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name

    def column_list(names) -> str:
        return ", ".join(quote(fields[name].column) for name in names)

    head = f"INSERT INTO {quote(model._meta.db_table)} ({column_list([*keys, *shared])}) "
    tail = f" ON CONFLICT ({column_list(skip_conflicts)}) DO NOTHING" if skip_conflicts else ""
    tail += f" RETURNING {column_list(returning)}" if returning else ""
    shared_params = list(shared.values())
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # Typed: the arrays' elements and the shared values are read as the columns' types.
        arrays = ", ".join(f"%s::{fields[name].db_type(connection)}[]" for name in keys)
        select = ", ".join(["u.*", *(f"%s::{fields[name].db_type(connection)}" for name in shared)])
        sql = f"{head}SELECT {select} FROM unnest({arrays}) AS u{tail}"
    else:
        one = "(" + ", ".join(["%s"] * (len(keys) + len(shared_params))) + ")"
    found: list[tuple] = []
    size = ROWS_PER_STATEMENT.get(connection.vendor, ROWS_PER_STATEMENT_DEFAULT)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(iterator, size)):
            if postgresql:
                params = [*shared_params, *(_array_literal(column) for column in zip(*chunk, strict=True))]
            else:
                sql = f"{head}VALUES {', '.join([one] * len(chunk))}{tail}"
                params = [value for row in chunk for value in (*row, *shared_params)]
            cursor.execute(sql, params)
            if returning:
                found += cursor.fetchall()
    return found


def insert_history(model, rows: Iterable[Mapping], *, same: Mapping, when, by_id) -> None:
    """INSERT the simple_history "created" records of rows just inserted into ``model``
    (each row with its ``id``): what ``save()`` would have written."""
    history = {"history_date": when, "history_type": HISTORY_TYPE_CREATED, "history_user_id": by_id}
    insert_rows(model.history.model, rows, same={**same, **history})
