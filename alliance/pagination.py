"""The one paginator of every list (issue 11 item 2), fast at 100,000 rows (issue 15 item 2).

``paginate(request, items)`` gives the page the query string asks for (``?page=``), at
``PAGE_SIZE`` rows unless the list says otherwise. For a queryset it costs about the same
whatever the page: the count stops at ``EXACT_COUNT_UP_TO`` and takes PostgreSQL's estimate
beyond it (``count_rows``); a page reads its keys past the OFFSET from the list's index before
it loads its rows and their annotations (``page_rows``); and the OFFSET is bounded: pages go
down to ``DEEPEST_ROW``, past which a list is narrowed by its filters or its order. Each list
keeps an index matching its order, so all three walk an index, never the table; a list no
index gives in order counts its rows in its page's own query (``counted_page_rows``).
"""

import hashlib
import json

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Model, QuerySet, Window
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import cached_property

from alliance.prepared import rows_for_shape

PAGE_SIZE = 25
# Counts up to this are exact everywhere; past it PostgreSQL's planner estimates them.
EXACT_COUNT_UP_TO = 1_000
# Pages are numbered down to this row (OFFSET at most this): past it a list is narrowed by its
# filters or order, never paged through (issue 15: OFFSET reads every row it skips).
DEEPEST_ROW = 10_000
# An estimated count is kept this long for the same query: it is "about N" anyway.
ESTIMATE_SECONDS = 60


def count_rows(queryset: QuerySet, shape: tuple | None = None) -> tuple[int, bool]:
    """Return (count, estimated): exact up to ``EXACT_COUNT_UP_TO`` rows, then on PostgreSQL the
    planner's estimate of the filtered query.

    Bench (issue 15, 160,000 invoices): an unfiltered ``COUNT(*)`` is a parallel scan of the
    whole table, ~30 ms a request; counting 10,001 unpaid invoices of a year (an anti-join
    each) still took ~18 ms, and 1,001 of them ~2 ms, after which the planner's estimate costs
    well under a millisecond at any size. SQLite has no estimate to ask, so it counts. An
    estimate is kept in the cache for ``ESTIMATE_SECONDS`` per query: its ``shape`` (see
    ``paginate``), or else its SQL and parameters.
    """
    keys = queryset.order_by().values("pk")
    if connections[queryset.db].vendor != "postgresql":
        return keys.count(), False
    if shape is not None:
        # Named by the list: compiling its SQL only to name it cost ~0.3 ms a page.
        key = _estimate_key(queryset.db, repr(shape))
    else:
        try:
            sql, params = keys.query.sql_with_params()
        except EmptyResultSet:  # a filter no row can match (``pk__in=[]``): Django sends no query
            return 0, False
        key = _estimate_key(queryset.db, f"{sql}|{params!r}")
    remembered = cache.get(key)
    if remembered is not None:
        return remembered, True
    # The first rows in the list's own order of columns, as its first page reads them: that
    # order has an index, where the planner left free walked the primary key through a year
    # of invoices that did not match before it found 1,001 that did (~14 ms). An order by an
    # expression (the directory's search) or by another table's column (the sign-in sheet's
    # units by name: no index can give it) would sort every match for nothing: left out.
    by_columns = ordered_by_columns(queryset)
    bounded = (queryset if by_columns else queryset.order_by()).values("pk")[: EXACT_COUNT_UP_TO + 1].count()
    if bounded <= EXACT_COUNT_UP_TO:
        return bounded, False
    plan = json.loads(keys.explain(format="json"))
    estimate = max(int(plan[0]["Plan"]["Plan Rows"]), bounded)
    # The next minute's pages of this list reuse it: the bounded count and the plan cost
    # ~1 ms of a directory or invoice page on PostgreSQL (issue 15 bench), to find a number
    # the page already calls approximate.
    cache.set(key, estimate, ESTIMATE_SECONDS)
    return estimate, True


def _estimate_key(db: str, named: str) -> str:
    return "pagination:estimate:" + hashlib.sha256(f"{db}|{named}".encode()).hexdigest()


def remembered_estimate(shape: tuple) -> int | None:
    """The estimated count kept for the list of that ``shape`` (``count_rows``), if any."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return None
    return cache.get(_estimate_key(DEFAULT_DB_ALIAS, repr(shape)))


def ordered_by_columns(queryset: QuerySet) -> bool:
    """Whether ``queryset`` is ordered by its own table's columns only, which an index can
    give in order; an expression (the directory's search by ``UPPER(name)``) or another
    table's column (through ``__``) makes the database find and sort every matching row."""
    return all(isinstance(term, str) and LOOKUP_SEP not in term for term in queryset.query.order_by)


def counted_page_rows(queryset: QuerySet, bottom: int, top: int) -> tuple[list, int | None]:
    """The rows ``bottom:top`` of ``queryset`` and the count of all its rows, in one query
    (``COUNT(*) OVER ()``), or (``[]``, None) when the page is empty.

    For a list no index gives in order, where the page's query finds and sorts every match
    anyway: counting them in that same pass spares a second search. Bench (issue 15): the
    directory's search ("harbour falcon", 1,000 matches through the trigram indexes) ran two
    scans of ~5 ms each, its count and its page; the count is then exact at any size.
    """
    rows = list(queryset.annotate(_rows_in_list=Window(Count("*")))[bottom:top])
    return rows, (rows[0]._rows_in_list if rows else None)


def page_rows(queryset: QuerySet, bottom: int, top: int) -> QuerySet:
    """The rows ``bottom:top`` of ``queryset``: the page's keys first, then those rows.

    A deep page's OFFSET then skips entries of the order's index (an index-only scan) instead
    of whole rows with their joins and annotations (paid, outstanding, state), which are
    computed for the rows on the page only. Bench (issue 15): /dues/?page=1000 went from
    545 ms to the cost of page 1; the directory's page 2,000 from 8.7x to under 2x the bare view.
    """
    query = queryset.query
    # The first page of rows without annotations skips nothing: read in one query, without the
    # keys first. With annotations (the invoices' paid and state columns) the planner computed
    # them for every invoice before the LIMIT: 30 ms against 2 ms for the keys first.
    first_plain = not bottom and not query.annotations
    # A list paged by its keys alone (``paginate(rows=)``) reads them from the index already:
    # wrapped, PostgreSQL planned and sorted the page twice (~0.6 ms of a deep invoice page).
    keys_only = query.values_select == ("pk",) and not query.annotations
    if first_plain or keys_only or query.combinator or query.distinct or query.is_sliced:
        return queryset[bottom:top]
    return queryset.filter(pk__in=queryset.values("pk")[bottom:top])


class ListPaginator(Paginator):
    """Django's paginator with ``count_rows`` and ``page_rows`` for querysets; ``estimated``
    says when the count is the planner's estimate (the page then says "about"), and
    ``last_page`` is the deepest page offered: the last one, or the one holding
    ``DEEPEST_ROW`` (a deeper ``?page=`` gives that one)."""

    estimated = False

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            count, self.estimated = count_rows(self.object_list)
            return count
        return super().count

    @property
    def last_page(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return self.num_pages
        return min(self.num_pages, max(1, -(-DEEPEST_ROW // self.per_page)))

    @property
    def bounded(self) -> bool:
        """Whether rows past ``last_page`` are left unpaged."""
        return self.last_page < self.num_pages

    def validate_number(self, number) -> int:
        return min(super().validate_number(number), self.last_page)

    def page(self, number) -> Page:
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        return self._queryset_page(number)

    def _queryset_page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count and not self.estimated:
            top = self.count
        return self._get_page(self._rows(bottom, top), number, self)

    def _rows(self, bottom: int, top: int):
        return page_rows(self.object_list, bottom, top)

    def get_page(self, number) -> Page:
        items = self.object_list
        query = getattr(items, "query", None)
        # A window counts rows before DISTINCT and cannot be put on a UNION; annotations would be
        # computed for every match, not the page's rows only (``page_rows``): those count first.
        plain = query is not None and not (
            query.combinator or query.distinct or query.is_sliced or query.annotations or query.values_select
        )
        if plain and not ordered_by_columns(items):
            page = self._counted_page(number)
            if page is not None:
                return page
        return super().get_page(number)

    def _counted_page(self, number) -> Page | None:
        """Page ``number`` with the list's count read in the same query (``counted_page_rows``),
        or None (a number that is not a page offered, or no row there): then the count first,
        and the page Django's way."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            # No ``?page=`` (or a word) is page 1, as Django's get_page reads it: the most asked
            # page of all (the directory's search) counted apart cost a second trigram search,
            # ~5 ms of SQL in the issue 15 bench.
            number = 1
        if not 1 <= number <= -(-DEEPEST_ROW // self.per_page):
            return None
        bottom = (number - 1) * self.per_page
        rows, count = counted_page_rows(self.object_list, bottom, bottom + self.per_page)
        if count is None:
            return None
        self.__dict__["count"], self.estimated = count, False
        return self._get_page(rows, number, self)


class ShapedPaginator(ListPaginator):
    """``ListPaginator`` for a list named by its ``shape`` (see ``paginate``), its queryset
    built by ``build()`` only when needed: the estimated count is kept under the shape, and
    each page's query compiled once per process and planned once per PostgreSQL session. A
    shaped list is ordered by its own columns (paged the plain way, never counted in its page's
    query)."""

    def __init__(self, build, per_page, *args, shape: tuple, **kwargs):
        super().__init__(build, per_page, *args, **kwargs)
        del self.object_list  # built on first use (the cached property below)
        self.build, self.shape = build, shape

    @cached_property
    def object_list(self) -> QuerySet:
        return self.build()

    @cached_property
    def count(self) -> int:
        remembered = remembered_estimate(self.shape)
        if remembered is not None:
            self.estimated = True
            return remembered
        count, self.estimated = count_rows(self.object_list, self.shape)
        return count

    @property
    def last_page(self) -> int:
        return min(self.num_pages, max(1, -(-DEEPEST_ROW // self.per_page)))

    def get_page(self, number) -> Page:
        return Paginator.get_page(self, number)

    def page(self, number) -> Page:
        return self._queryset_page(number)

    def _rows(self, bottom: int, top: int):
        shape = (*self.shape, bottom, top)
        return ShapedRows(lambda: rows_for_shape(shape, lambda: page_rows(self.object_list, bottom, top)))


def paginate(request, items, per_page: int = PAGE_SIZE, *, rows=None, shape=None) -> Page:
    """The page of ``items`` (a queryset or a list) that ``?page=`` asks for; a bad or
    too-large number gives the first or the last page offered, never an error.

    ``rows``, for a list whose rows carry computed columns: ``items`` is then paged by its keys
    alone and the page holds ``rows(keys)``, the page's rows read and computed for those keys,
    in the list's order (``page_of_keys``).

    ``shape``, for a list read often (``filter_shape``): a tuple naming everything ``items``'
    query depends on, so that equal shapes are equal queries. Its estimated count is then kept
    under that name and each page's query compiled once per process (and planned once per
    PostgreSQL session: ``alliance.prepared.rows_for_shape``). ``items`` may be a function
    giving the queryset: with a shape it is called only when that query is compiled or
    counted (``ShapedPaginator``: a filter set's conditions took ~0.5 ms to build on each page
    of the invoice list), without one at once."""
    number = request.GET.get("page")
    if shape is None and callable(items):
        items = items()  # no shape (filters refused): the list is paged as it is
    if shape is not None:
        build = items if callable(items) else lambda: items
        if rows is None:
            return ShapedPaginator(build, per_page, shape=shape).get_page(number)
        keys = ShapedPaginator(lambda: build().values_list("pk", flat=True), per_page, shape=(*shape, "keys"))
    elif rows is None:
        return ListPaginator(items, per_page).get_page(number)
    else:
        keys = ListPaginator(items.values_list("pk", flat=True), per_page)
    page = keys.get_page(number)
    page.object_list = page_of_keys(list(page.object_list), rows)
    return page


def filter_shape(name: str, filterset, *more) -> tuple | None:
    """The shape (``paginate(shape=)``) of a list filtered by ``filterset``: its ``name``, the
    filters' values and ``more`` (what else its query depends on: a meeting, today's date),
    or None when the filters are refused (the list is then paged as it is)."""
    form = filterset.form
    if not form.is_valid():
        return None
    values = tuple((field, _shape_value(value)) for field, value in sorted(form.cleaned_data.items()))
    return (name, type(filterset).__qualname__, values, *more)


def _shape_value(value):
    """A filter's value as it decides the query: a row by its key (two rows may read alike)."""
    if isinstance(value, Model):
        return (type(value).__qualname__, value.pk)
    if isinstance(value, QuerySet):
        return tuple(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_shape_value(item) for item in value)
    return repr(value)


class ShapedRows:
    """A page's rows read on first use (as a queryset's are): a view may show other rows
    instead (the sign-in sheet's first page comes from its own compiled query)."""

    def __init__(self, read):
        self._read = read

    @cached_property
    def _rows(self) -> list:
        return self._read()

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]


def page_of_keys(keys: list, rows) -> list:
    """``rows(keys)`` (the rows of those keys, in any order) in the order of ``keys``.

    A list with computed columns (the invoices' paid, outstanding and waiver) filtered and
    paged with them on its queryset made Django copy and compile every computed column in
    each step: the filters, the count, and again in the page's ``IN (SELECT …)`` of keys
    (~3.5 ms to compile that query alone in the issue 15 bench). Paged by its keys, the
    computed columns are compiled once, in the query reading the page's 25 rows.
    """
    if not keys:
        return []
    position = {key: index for index, key in enumerate(keys)}
    return sorted(rows(keys), key=lambda row: position[row.pk])
