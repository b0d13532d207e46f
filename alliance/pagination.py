"""The one paginator of every list (issue 11 item 2).

``paginate(request, items)`` gives the page the query string asks for (``?page=``), at
``PAGE_SIZE`` rows unless the list says otherwise; a bad or too-large number gives the
first or the last page, never an error. Templates show it with ``partials/pagination.html``.
"""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def paginate(request, items, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``items`` (a queryset or a list) that ``?page=`` asks for."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
