"""Planner statistics after bulk work (issue 15 item 4).

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

from django.db import connection


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
