"""Queries of a fixed shape compiled to SQL once per process, for the pages read most.

Django compiles a queryset to SQL on every evaluation (its joins, columns, annotations and
subqueries resolved and quoted again): ~0.3-1 ms a query, more than PostgreSQL takes to
run most of them. The member file asks the same ten small questions about each member it
shows, their SQL differing only in the member's id; :func:`rows_for` compiles each once
per process and database connection and runs that SQL with the id put in place. On
PostgreSQL that SQL is also planned once per database session (``planned_statement``).
"""

import copy
import hashlib
import re
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, ProgrammingError, connections
from django.db.models import Model, QuerySet

# The value each query is built with the first time, found again in its parameters: no
# other parameter of these queries (statuses, kinds) can equal it. Within a positive 32-bit
# integer: Django compiles a lookup out of the column's range to no SQL at all.
PLACEHOLDER = 2_011_654_321

_COMPILED: dict[tuple, tuple] = {}
# Queries compiled by shape (``rows_for_shape``): any query string makes one, so at most this
# many are kept at once (then forgotten all at once).
SHAPES_KEPT = 500
_SHAPES: dict[tuple, tuple] = {}
# A query no row can match, as Django compiles it: no SQL to run.
_NO_ROWS = ()
# Statements prepared in one database session at most (each keeps its plan in the session).
STATEMENTS_KEPT = 2_000
# Statements PostgreSQL would not prepare (a parameter whose type it cannot tell): run as they are.
_UNPREPARABLE: set[str] = set()
# Django's parameters (%s) and escaped percent signs (%%), as PREPARE writes them ($1, %).
_PLACEHOLDERS = re.compile(r"%([s%])")


def rows_for(key: str, build: Callable[[int], QuerySet], pk: int) -> list[Model]:
    """Return ``list(build(pk))``, ``build``'s SQL compiled once per process and connection.

    ``build(pk)`` must build the same query for every ``pk`` but for where the id stands
    (filters, slices and orders of constants only: no date of today, no reader), and
    ``key`` name that query (the module and function building it). Only the list is
    returned: a queryset that ran this SQL would answer any further filter wrongly.

    ~3 ms of the member file in the issue 15 bench (nine of its queries: the dues
    history's paid and waiver subqueries alone took ~1 ms to compile).
    """
    return _run(key, lambda ids: build(ids[0]), [pk])


def rows_for_ids(key: str, build: Callable[[list[int]], QuerySet], ids: list[int]) -> list[Model]:
    """``rows_for`` for a list of ids (a page's keys): ``list(build(ids))``, its SQL compiled
    once per process, connection and number of ids.

    The invoice list's page of 25 rows with their paid, outstanding and waiver columns took
    ~2 ms to compile, more than the rest of its queries together, in the issue 15 bench.
    """
    return _run(key, build, list(ids)) if ids else []


def rows_for_shape(shape: tuple, build: Callable[[], QuerySet]) -> list[Model]:
    """``list(build())``, its SQL compiled once per process for each ``shape``: a tuple that
    names everything the query depends on (the list, its filters' values, the page; never
    what ``build`` reads elsewhere, such as the reader), so that equal shapes are equal SQL.

    For a list's pages (``alliance.pagination.paginate(shape=)``): the payment list's four
    joins took ~0.8 ms to compile on each request in the issue 15 bench, and PostgreSQL
    ~0.7 ms to plan (``planned_statement``). At most ``SHAPES_KEPT`` are kept at once.
    """
    if len(_SHAPES) >= SHAPES_KEPT:
        _SHAPES.clear()
    return _run(shape, lambda _ids: build(), [], store=_SHAPES)


def _run(key, build, ids: list[int], store: dict = _COMPILED) -> list[Model]:
    connection = connections[DEFAULT_DB_ALIAS]  # the site reads one database
    cache_key = (key, connection.alias, connection.vendor, len(ids))
    compiled = store.get(cache_key)
    if compiled is None:
        marks = [PLACEHOLDER - index for index in range(len(ids))]
        queryset = build(marks)
        if queryset.db != connection.alias:
            raise ValueError(f"{key}: the query reads another database than {connection.alias}")
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter no row can match (``pk__in=[]``): Django sends no query
            store[cache_key] = _NO_ROWS
            return []
        slots = [(i, marks.index(value)) for i, value in enumerate(params) if value in marks]
        if {mark for _slot, mark in slots} != set(range(len(ids))):
            raise ValueError(f"{key}: the query does not use the id it was built with")
        compiled = store[cache_key] = (queryset, compiler, sql, tuple(params), slots)
    if compiled is _NO_ROWS:
        return []
    queryset, compiler, sql, params, slots = compiled
    params = list(params)
    for i, mark in slots:
        params[i] = ids[mark]
    name = planned_statement(connection, sql)
    if name is not None:
        sql = f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    # A copy of the compiler set up the first time (its columns, related models, converters):
    # only its SQL's parameters differ, so that concurrent requests share nothing they change.
    run = copy.copy(compiler)
    run.connection = connection  # this thread's: Django's connections are per thread
    run.as_sql = lambda *args, **kwargs: (sql, tuple(params))
    query = queryset.query.chain()
    query.get_compiler = lambda *args, **kwargs: run
    runnable = queryset._chain()
    runnable.query = query
    runnable._iterable_class = queryset._iterable_class  # the setter above makes values() dicts
    return list(runnable)


def planned_statement(db, sql: str) -> str | None:
    """The name under which ``sql`` (Django's SQL, its parameters written %s) is prepared in
    ``db``'s PostgreSQL session, preparing it the first time; None elsewhere, or where it
    cannot be (then ``sql`` is simply run).

    Planning is PostgreSQL's part of a query's cost that a compiled query still pays on each
    run: ~0.25 ms for the invoice list's page of rows, ~0.8 ms for the staff dashboard's
    versions (``alliance.versions``), in the issue 15 bench. A statement is prepared in
    autocommit only: a failed PREPARE inside a transaction would break the caller's
    transaction; once prepared, a transaction may run it. Prepared statements need a
    connection kept per session (Django's persistent connections; no PgBouncer in
    transaction mode).
    """
    if db.vendor != "postgresql":
        return None
    name = "alliance_" + hashlib.sha256(sql.encode()).hexdigest()[:24]
    db.ensure_connection()
    # Prepared statements live as long as the database session: those of this one, by name.
    session, prepared = db.__dict__.get("_alliance_prepared", (None, set()))
    if session is not db.connection:
        prepared = set()
        db.__dict__["_alliance_prepared"] = (db.connection, prepared)
    if name in prepared:
        return name
    # Each page of each filter of a shaped list is a statement: a session holds so many at most.
    if db.in_atomic_block or name in _UNPREPARABLE or len(prepared) >= STATEMENTS_KEPT:
        return None
    numbers = iter(range(1, sql.count("%s") + 1))
    statement = _PLACEHOLDERS.sub(lambda mark: f"${next(numbers)}" if mark[1] == "s" else "%", sql)
    try:
        with db.cursor() as cursor:
            cursor.execute(f"PREPARE {name} AS {statement}")
    except ProgrammingError as exc:
        # Already prepared in this session (this process lost track of it): usable as it is.
        if getattr(exc.__cause__, "pgcode", None) != "42P05":
            _UNPREPARABLE.add(name)
            return None
    prepared.add(name)
    return name
