"""Logins of every account: password reset for accounts never activated, and login lockout.

Django's reset form skips accounts without a usable password, and the accounts the
secretariat creates for representatives have none until their holder chooses one
(issue 9, item 1). The lockout counts failures per username and address and, with a
higher cap, per username across addresses; a completed reset lifts it (item 9).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from axes.utils import reset as axes_reset
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.db.models import Sum
from django.utils import translation

from alliance import conf, emails
from alliance.models import EmailKind


def login_failure_limit_per_username() -> int:
    """Failed logins for one username, from any address, before it is locked (issue 9)."""
    return conf.LOGIN_FAILURE_LIMIT_PER_USERNAME.value()


def login_lock_lift(user) -> int:
    """Forget the failed logins of ``user``'s username, from every address (the lockout
    page promises that a password reset opens the account again). Return how many."""
    return axes_reset(username=user.get_username())


def users_for_reset(email: str):
    """Return the active accounts with ``email``, whether or not they ever set a password."""
    User = get_user_model()
    field = User.get_email_field_name()
    return [
        user
        for user in User._default_manager.filter(**{f"{field}__iexact": email, "is_active": True})
        # The same Unicode-aware comparison Django's own reset form makes.
        if auth_forms._unicode_ci_compare(email, getattr(user, field))
    ]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, also for active accounts that never had a usable password.

    Its email goes through the outbox like every other (alliance.emails): queued in
    the request's transaction, rendered from ``registration/password_reset`` with the
    one base template, delivered by the worker, its link built from the URLconf and
    ``SITE_URL`` rather than the request's host.
    """

    def get_users(self, email):
        return iter(users_for_reset(email))

    @transaction.atomic
    def save(self, *args, **kwargs):
        return super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        emails.queue(
            "registration/password_reset",
            [to_email],
            kind=EmailKind.PASSWORD_RESET,
            language=translation.get_language(),
            priority="high",
            user=user,
            url=emails.absolute_url("password_reset_confirm", uidb64=context["uid"], token=context["token"]),
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set the new password and lift any login lock on the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        login_lock_lift(form.user)
        return response


class AxesHandler(AxesDatabaseHandler):
    """Axes' database handler, with a cap of its own for each lockout parameter.

    Axes compares one number with AXES_FAILURE_LIMIT: the highest failure count over
    the parameters in AXES_LOCKOUT_PARAMETERS. The username alone must allow more
    failures than a username from one address (else anyone could lock any account
    from a single address as fast as before), so each count is expressed in units of
    AXES_FAILURE_LIMIT: count × limit ÷ own cap reaches the limit exactly when the
    count reaches its own cap.
    """

    def get_failures(self, request, credentials=None) -> int:
        limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        highest = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            cap = login_failure_limit_per_username() if parameter == "username" else limit
            highest = max(highest, failures * limit // cap)
        return highest
