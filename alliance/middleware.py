"""Refuse input no view can use before it reaches one (issue 9 item 3: no 500 on any input)."""

import re

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

# A signed 64-bit integer, the widest column any backend holds: more digits overflow the driver
# (SQLite raises OverflowError; Django's admin filters pass such values on unchecked).
_HUGE_INTEGER = re.compile(r"^\s*[-+]?0*\d{19,}\s*$")
_INT64_MAX = 2**63 - 1


def _unusable(value: str) -> bool:
    if "\x00" in value:  # PostgreSQL cannot store NUL in text; no URL needs one
        return True
    return bool(_HUGE_INTEGER.match(value)) and abs(int(value)) > _INT64_MAX


class RefuseUnusableInputMiddleware:
    """Answer 400 to a request whose path or query holds NUL or an integer beyond 64 bits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path_info, *(v for _k, vs in request.GET.lists() for v in vs)]
        if any(_unusable(value) for value in values):
            return HttpResponseBadRequest(_("The address holds a value no page can use."))
        return self.get_response(request)
