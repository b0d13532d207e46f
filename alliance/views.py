from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from alliance import registry
from alliance.celery import app as celery_app
from alliance.storage import stored_file_response


def home(request):
    """The public landing page for visitors; the dashboard for signed-in users."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    return dashboard(request)


@login_required
def dashboard(request):
    sections = registry.dashboard.render_for(request)
    return render(request, "dashboard.html", {"sections": sections})


@login_required
def private_file(request, name):
    """Any stored private file, for administrators only (the admin's file links); 404 for others."""
    if not request.user.is_superuser:
        raise Http404
    return stored_file_response(name)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    """Report whether the database and the Celery broker answer: 200 if both, else 503."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)
