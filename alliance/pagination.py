"""The one paginator of every list (issue 11 item 2), fast at 100,000 rows (issue 15 item 2).

``paginate(request, items)`` gives the page the query string asks for (``?page=``), at
``PAGE_SIZE`` rows unless the list says otherwise. For a queryset it costs the same whatever
the page: the count stops at ``EXACT_COUNT_UP_TO`` and takes PostgreSQL's estimate beyond it
(``count_rows``), and a page reads its keys past the OFFSET from the list's index before it
loads its rows and their annotations (``page_rows``). Each list keeps an index matching its
order, so both walk an index, never the table.
"""

import json

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 25
# Counts up to this are exact everywhere; past it PostgreSQL's planner estimates them.
EXACT_COUNT_UP_TO = 10_000


def count_rows(queryset: QuerySet) -> tuple[int, bool]:
    """Return (count, estimated): exact up to ``EXACT_COUNT_UP_TO`` rows, then on PostgreSQL the
    planner's estimate of the filtered query.

    Bench (issue 15, 160,000 invoices): an unfiltered ``COUNT(*)`` is a parallel scan of the
    whole table, ~30 ms a request; counting at most 10,001 keys and asking the planner past
    that costs ~2 ms at any size. SQLite has no estimate to ask, so it counts.
    """
    keys = queryset.order_by().values("pk")
    if connections[queryset.db].vendor != "postgresql":
        return keys.count(), False
    bounded = keys[: EXACT_COUNT_UP_TO + 1].count()
    if bounded <= EXACT_COUNT_UP_TO:
        return bounded, False
    plan = json.loads(keys.explain(format="json"))
    return max(int(plan[0]["Plan"]["Plan Rows"]), bounded), True


def page_rows(queryset: QuerySet, bottom: int, top: int) -> QuerySet:
    """The rows ``bottom:top`` of ``queryset``: the page's keys first, then those rows.

    A deep page's OFFSET then skips entries of the order's index (an index-only scan) instead
    of whole rows with their joins and annotations (paid, outstanding, state), which are
    computed for the rows on the page only. Bench (issue 15): /dues/?page=1000 went from
    545 ms to the cost of page 1; the directory's page 2,000 from 8.7x to under 2x the bare view.
    """
    query = queryset.query
    if query.combinator or query.distinct or query.is_sliced:
        return queryset[bottom:top]
    return queryset.filter(pk__in=queryset.values("pk")[bottom:top])


class ListPaginator(Paginator):
    """Django's paginator with ``count_rows`` and ``page_rows`` for querysets; ``estimated``
    says when the count is the planner's estimate (the page then says "about")."""

    estimated = False

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            count, self.estimated = count_rows(self.object_list)
            return count
        return super().count

    def page(self, number) -> Page:
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count and not self.estimated:
            top = self.count
        return self._get_page(page_rows(self.object_list, bottom, top), number, self)


def paginate(request, items, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``items`` (a queryset or a list) that ``?page=`` asks for; a bad or
    too-large number gives the first or the last page, never an error."""
    return ListPaginator(items, per_page).get_page(request.GET.get("page"))
