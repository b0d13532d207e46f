"""Refuse input no view can use before it reaches one (issue 9 item 3: no 500 on any input)."""

import re

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _

# A signed 64-bit integer, the widest column any backend holds: more digits overflow the driver
# (SQLite raises OverflowError; Django's admin filters pass such values on unchecked).
_HUGE_INTEGER = re.compile(r"^\s*[-+]?0*\d{19,}\s*$")
_INT64_MAX = 2**63 - 1


# The admin's date hierarchy turns these into a datetime and lets OverflowError through.
_DATE_PART = re.compile(r"__(year|month|day)$")


def _huge(value: str) -> bool:
    return bool(_HUGE_INTEGER.match(value)) and abs(int(value)) > _INT64_MAX


def _unusable(value: str) -> bool:
    if "\x00" in value:  # PostgreSQL cannot store NUL in text; no URL needs one
        return True
    return _huge(value)


class RefuseUnusableInputMiddleware:
    """Answer 400 to a request whose path or query holds NUL or an integer beyond 64 bits (404
    for such an id in the path), or whose date lookup is not a year, month or day."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_huge(segment) for segment in request.path_info.split("/")):
            raise Http404  # an id no table can hold names nothing
        values = [request.path_info, *(v for _k, vs in request.GET.lists() for v in vs)]
        dates = [v for k, vs in request.GET.lists() if _DATE_PART.search(k) for v in vs]
        if any(_unusable(value) for value in values) or not all(re.fullmatch(r"\d{1,4}", v) for v in dates):
            return HttpResponseBadRequest(_("The address holds a value no page can use."))
        return self.get_response(request)


class UserLanguageMiddleware:
    """Open a signed-in person's pages in their preferred language (alliance.languages).

    After LocaleMiddleware and AuthenticationMiddleware. A language chosen in this
    browser with the switcher (Django's language cookie) wins: that is the person
    choosing otherwise; a person who never chose keeps the browser's Accept-Language.
    The preferred language is read once per session, so a page costs no query for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from alliance import languages

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            language = request.session.get(languages.SESSION_KEY)
            if language is None:
                # "" remembers "never chose" for the session, so the page costs no query.
                language = languages.chosen_language(user) or ""
                request.session[languages.SESSION_KEY] = language
            if languages.valid(language):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
