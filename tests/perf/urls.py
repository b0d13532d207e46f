"""The bench's URLconf: the site's own, plus the bare views every page is compared to.

They live here only, never in alliance/urls.py.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import include, path

from members.models import Member

BARE_MEMBERS = engines["django"].from_string(
    "<!doctype html><title>Members</title><table>{% for m in members %}<tr><td>{{ m.number }}</td>"
    "<td>{{ m.name }}</td><td>{{ m.country.code }}</td><td>{{ m.get_status_display }}</td></tr>"
    "{% endfor %}</table>"
)


def bare(request):
    """The in-process baseline: a bare Django view rendering the base template, no queries of ours."""
    return render(request, "base.html", {"rows": range(25)})


@login_required
def bare_members(request):
    """The production baseline: 25 rows of the member table through a minimal template, for a
    logged-in user (its session and user queries, as every page has)."""
    members = Member.objects.order_by("name", "pk")[:25]
    return HttpResponse(BARE_MEMBERS.render({"members": members}, request))


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/bare-members/", bare_members),
    path("", include("alliance.urls")),
]
