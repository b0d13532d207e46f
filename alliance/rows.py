"""What list rows written in Python (each app's row tags) share: an object's link and a date
as ``{% url %}`` and ``|date`` write them, at a fraction of their cost (issue 15).

A row tag writes 25 rows a page; ``reverse()`` costs ~20 us a call and ``date_format`` ~15 us,
together half of a directory row in the issue 15 bench.
"""

import datetime
import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import template_localtime

# An id no row has, to find where a view's URL holds its id.
_MARK = 987_654_321_987_654_321


def object_url(viewname: str, pk: int) -> str:
    """``reverse(viewname, args=[pk])`` for a view taking one integer id: reversed once per
    view (and URLconf, script prefix, language), then the id put in its place."""
    parts = _url_parts(viewname, get_urlconf(), get_script_prefix(), translation.get_language())
    if parts is None:
        return reverse(viewname, args=[pk])
    return f"{parts[0]}{int(pk)}{parts[1]}"


@functools.cache
def _url_parts(viewname: str, urlconf, prefix: str, language) -> tuple[str, str] | None:
    """The URL of ``viewname`` before and after its id, or None when its id is not written
    as the number itself (a converter of its own): those are reversed each time."""
    mark = str(_MARK)
    url = reverse(viewname, args=[_MARK])
    if url.count(mark) != 1:
        return None
    before, after = url.split(mark)
    if reverse(viewname, args=[7]) != f"{before}7{after}":
        return None
    return before, after


def date_text(value, fmt: str = "DATE_FORMAT") -> str:
    """``{{ value|date:fmt }}``: a date, or a datetime in the current time zone, as the
    reader's language writes it with the format named ``fmt``; "" for none."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value)
    return _date_text(value, fmt, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _date_text(value, fmt: str, language) -> str:
    # The language is in the key: the format and the month names follow it.
    return date_format(value, fmt)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    """A changed setting (ROOT_URLCONF, a date format: tests) may change both, as Django's own
    URL and format caches are cleared then."""
    _url_parts.cache_clear()
    _date_text.cache_clear()
