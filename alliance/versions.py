"""Data versions read from django-simple-history: the latest history row of a model changes
with every save, deletion and ``bulk_create_with_history`` of its rows, so figures computed
from a model can be cached under its version and recomputed on the first request after a
change (``dues.selectors.cached_on_ledger``, the staff dashboard's sections).

A write that bypasses history (``QuerySet.update``, a plain ``bulk_create``) does not move a
version: a model is versioned here only where its rows are written through history.
"""

import functools
import hashlib

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections

from alliance.prepared import planned_statement

# A cached figure is kept this long at most, even while nothing changes.
CACHE_SECONDS = 3600


@functools.cache
def _history_table(model) -> str:
    """The quoted table of ``model``'s history, found once per process: simple_history builds a
    manager class on every read of ``Model.history`` (~0.3 ms each, 3.3 ms of the staff
    dashboard's eleven versions in the issue 15 bench)."""
    return connection.ops.quote_name(model.history.model._meta.db_table)


def history_versions(models, request=None) -> tuple[int, ...]:
    """The latest history id of each model, in one query (index lookups on the history tables'
    primary keys). With ``request``, versions already read for it are not read again: the staff
    dashboard reads those of all its sections at once (``alliance.sections.render_sections``),
    where each section's own read cost a query (~0.6 ms each in the issue 15 bench)."""
    known = {} if request is None else request.__dict__.setdefault("_history_versions", {})
    missing = [model for model in dict.fromkeys(models) if model not in known]
    if missing:
        latest = ", ".join(f"(SELECT MAX(history_id) FROM {_history_table(model)})" for model in missing)
        known.update(
            zip(missing, (value or 0 for value in _select_once_planned(f"SELECT {latest}")), strict=True)
        )
    return tuple(known[model] for model in models)


def _select_once_planned(sql: str) -> tuple:
    """The row of ``sql`` (a statement without parameters), planned once per PostgreSQL
    session (``alliance.prepared.planned_statement``): planning the sixteen MAX subqueries of
    the staff dashboard's versions took ~0.8 ms of each request in the issue 15 bench,
    executing them ~0.1 ms."""
    db = connections[DEFAULT_DB_ALIAS]  # the thread's own connection, not the shared proxy
    name = planned_statement(db, sql)
    with db.cursor() as cursor:
        cursor.execute(f"EXECUTE {name}" if name else sql)
        return cursor.fetchone()


def cached_on_history(name: str, models, compute, *key_parts, request=None, valid=None):
    """``compute()``, kept in the cache under ``name`` and ``key_parts`` until a row of one of
    ``models`` changes (their ``history_versions`` are part of the key). ``key_parts`` must
    name everything else the value depends on (the day, the reader's scope); a value that
    time alone outdates (the next meetings, once one has started) is computed again when
    ``valid(value)`` is false."""
    versions = history_versions(models, request)
    digest = hashlib.sha256(f"{name}|{versions}|{key_parts}".encode()).hexdigest()
    key = f"history:{name}:{digest}"
    value = cache.get(key)
    if value is None or (valid is not None and not valid(value)):
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
