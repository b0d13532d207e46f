"""What list rows written in Python (each app's row tags) share: an object's link and a date
as ``{% url %}`` and ``|date`` write them, and the row's HTML as ``format_html`` writes it, at a
fraction of their cost (issue 15).

A row tag writes 25 rows a page; ``reverse()`` costs ~20 us a call and ``date_format`` ~15 us,
together half of a directory row in the issue 15 bench. A row asks for the reader's language
once and hands it to each helper (``language=``): each lookup is a thread-local read (~4 us),
five or six a row otherwise.
"""

import datetime
import functools
from html import escape

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime

# An id no row has, to find where a view's URL holds its id.
_MARK = 987_654_321_987_654_321


def row_html(template: str, *values) -> SafeString:
    """``format_html(template, *values)`` for a list's rows: each value escaped as Django's
    ``conditional_escape`` does (safe HTML, such as a badge another helper wrote, kept; any
    other value's text through ``html.escape``, which Django's ``escape`` calls), without
    Django's lazy-string checks around each value: ~5 us a value, ten values a row, ~1 ms of a
    25-row invoice page in the issue 15 bench."""
    return SafeString(
        template.format(
            *[value.__html__() if hasattr(value, "__html__") else escape(str(value)) for value in values]
        )
    )


def object_url(viewname: str, pk: int, *, language: str | None = None) -> str:
    """``reverse(viewname, args=[pk])`` for a view taking one integer id: reversed once per
    view (and URLconf, script prefix, language), then the id put in its place. ``language``
    is the active one, when the caller knows it already."""
    language = language or translation.get_language()
    parts = _url_parts(viewname, get_urlconf(), get_script_prefix(), language)
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


def date_text(value, fmt: str = "DATE_FORMAT", *, language: str | None = None) -> str:
    """``{{ value|date:fmt }}``: a date, or a datetime in the current time zone, as the
    reader's language (``language``: the active one) writes it with the format named ``fmt``;
    "" for none."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = template_localtime(value)
    return _date_text(value, fmt, language or translation.get_language())


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
