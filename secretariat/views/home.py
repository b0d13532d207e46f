"""The site's home: the public landing page, or the dashboard composed in secretariat/dashboard.py."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from alliance.sections import render_sections
from secretariat.dashboard import DASHBOARD


def home(request):
    """The public landing page for visitors; the dashboard for signed-in users."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    return dashboard(request)


@login_required
def dashboard(request):
    return render(request, "dashboard.html", {"sections": render_sections(request, DASHBOARD)})
