"""Numbers read from a query string, within bounds (issue 9 item 3: no 500 on any parameter).

A year or a count from the URL reaches ``datetime.date`` or the database: 0, 10000 or
99999999999 there raise ValueError or OverflowError. Every view and filter set reads such a
parameter through this module, so the bounds are checked in one place and a bad value is a form
error (filters) or the default (plain parameters), never an exception.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

# Years the alliance's records can hold. Narrower than datetime's 1..9999 on purpose: a year
# lookup on a DateTimeField shifts its bounds by the time zone, which overflows at the ends.
MIN_YEAR = 1900
MAX_YEAR = 2999


def bounded_int(value, *, minimum: int, maximum: int, default: int | None = None) -> int | None:
    """Return ``value`` as an integer within [minimum, maximum], or ``default`` when it is not one."""
    if value is None:
        return default
    text = str(value).strip()
    # isdecimal() alone admits full-width and other non-ASCII digits, which int() would accept.
    if not text.isascii() or not text.lstrip("-").isdecimal() or len(text) > 20:
        return default
    number = int(text)
    return number if minimum <= number <= maximum else default


def query_int(request, name: str, *, minimum: int, maximum: int, default: int | None = None) -> int | None:
    """Return the query parameter ``name`` as a bounded integer, or ``default``."""
    return bounded_int(request.GET.get(name), minimum=minimum, maximum=maximum, default=default)


def query_year(request, name: str = "year", *, default: int | None = None) -> int | None:
    """Return the query parameter ``name`` as a year the records can hold, or ``default``."""
    return query_int(request, name, minimum=MIN_YEAR, maximum=MAX_YEAR, default=default)


def is_year(value: int) -> bool:
    """Whether ``value`` (e.g. a year captured by the URL's int converter) is a year we hold."""
    return MIN_YEAR <= value <= MAX_YEAR


class YearField(forms.IntegerField):
    """An integer year between MIN_YEAR and MAX_YEAR (the form says so next to the field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        kwargs.setdefault("localize", False)
        super().__init__(**kwargs)


class YearFilter(django_filters.NumberFilter):
    """A django-filter year filter: out of range is a form error and the filter is not applied."""

    field_class = YearField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        super().__init__(*args, **kwargs)
