from contextlib import contextmanager

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from alliance import bounced, languages
from alliance.celery import app as celery_app
from alliance.errors import DomainError
from alliance.forms import ProfileForm
from alliance.storage import stored_file_response


@contextmanager
def refusal_reported(request, form=None, *, field=None):
    """Run the block (one service call, then its success message); a refused change is reported.

    The one shape of a view that changes something (oscar's ``change_order_status``)::

        with refusal_reported(request):
            services.document_archive(document=document, by=request.user)
            messages.success(request, _("Archived."))
        return redirect("secretariat:document_detail", pk=document.pk)

    A ``DomainError`` raised in the block skips the rest of it and becomes the form's error (on
    ``field``, else above the fields) when a form is given: the view re-renders it with what the
    user typed. Without a form it becomes an error message and the view redirects. The service's
    transaction has rolled back: nothing changed.
    """
    try:
        yield
    except DomainError as error:
        if form is not None:
            form.add_error(field, error.message)
        else:
            messages.error(request, error.message)


def form_errors_reported(request, form, redirect_to, *, labels=True):
    """Send an invalid form back to the page that holds it (``redirect_to``): the page shows it
    again with each error beside its field and what was typed (alliance.bounced), and the errors
    are listed at the top as messages (each after its field's label, unless ``labels`` is false)."""
    target = resolve_url(redirect_to)
    bounced.keep(request, form, target)
    for field, errors in form.errors.items():
        label = form.fields[field].label if labels and field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(target)


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


LANGUAGE_SAVED = gettext_lazy("Your preferred language is saved.")


def _remember(request, language: str) -> None:
    languages.language_set(user=request.user, language=language)
    request.session[languages.SESSION_KEY] = language


@login_required
def profile(request):
    """The signed-in person's profile: their preferred language (a POST, recorded)."""
    form = ProfileForm(request.POST or None, initial={"language": languages.language_of(request.user)})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        _remember(request, language)
        translation.activate(language)
        messages.success(request, str(LANGUAGE_SAVED))
        response = redirect("profile")
        # The page follows at once, and this browser's earlier switcher choice gives way.
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
    return render(request, "profile.html", {"form": form})


def set_language(request):
    """Django's language switcher, which also remembers a signed-in person's choice."""
    response = i18n.set_language(request)
    language = languages.valid(request.POST.get("language"))
    if request.method == "POST" and language and request.user.is_authenticated:
        _remember(request, language)
    return response
