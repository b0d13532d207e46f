"""Safe retries: a form that records money or sends mail carries a one-time submission key.

The form renders a fresh key (``{% submission_key %}``, a hidden field). The view
is decorated with ``@one_submission`` and runs its change inside
``submission_claim(request, result_url)``, which inserts the key in the same
transaction as the change. Sending the key again (a double click, back and
resubmit, a retry after an error page) records nothing new and redirects to the
first result. A refused change raises out of the claim, rolls it back with the
change, and leaves the key free for the corrected form.

A POST without a key is handled as before (scripts, old tabs); a malformed key,
or one claimed by someone else, is refused. Keys are kept
``ALLIANCE_SUBMISSION_KEY_RETENTION_DAYS`` days, then pruned by beat.
"""

import datetime
import functools
import uuid
from contextlib import contextmanager

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance import conf
from alliance.models import SubmissionKey

FIELD_NAME = "submission_key"
ALREADY_SUBMITTED = _("This form had already been sent: here is its result. Nothing was recorded twice.")
BAD_KEY = _("This form's submission key is not valid: reload the page and send the form again.")


class Replayed(Exception):
    """The key was already claimed by an earlier submission (``prior``)."""

    def __init__(self, prior: SubmissionKey):
        super().__init__(str(prior.key))
        self.prior = prior


class _BadKey(Exception):
    pass


def new_key() -> str:
    return uuid.uuid4().hex


def _submitted_key(request) -> uuid.UUID | None:
    raw = request.POST.get(FIELD_NAME, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise _BadKey from None


def _prior(request, key: uuid.UUID) -> SubmissionKey | None:
    prior = SubmissionKey.objects.filter(key=key).first()
    if prior is not None and prior.user_id != request.user.pk:
        raise _BadKey
    return prior


@contextmanager
def submission_claim(request, result_url: str):
    """Claim the request's key for a change made in the body, in one transaction with it.

    On PostgreSQL a twin request sending the same key at the same moment waits
    on the unique index until this transaction ends, then fails its insert and
    is shown this one's result.
    """
    key = _submitted_key(request)
    if key is None:
        yield
        return
    try:
        with transaction.atomic():
            SubmissionKey.objects.create(key=key, user=request.user, result_url=result_url)
            yield
    except IntegrityError:
        prior = _prior(request, key)
        if prior is None:
            raise  # an integrity error of the change itself
        raise Replayed(prior) from None


def guarded(request, result_url: str, func):
    """Return ``func`` running inside ``submission_claim`` (for views that call services through a helper)."""

    @functools.wraps(func)
    def call(*args, **kwargs):
        with submission_claim(request, result_url):
            return func(*args, **kwargs)

    return call


def _replay(request, prior: SubmissionKey):
    messages.info(request, ALREADY_SUBMITTED)
    return redirect(prior.result_url)


def one_submission(view):
    """Answer a resubmitted key with its first result instead of running ``view`` again."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            key = _submitted_key(request)
            prior = _prior(request, key) if key is not None else None
        except _BadKey:
            return HttpResponseBadRequest(str(BAD_KEY))
        if prior is not None:
            return _replay(request, prior)
        try:
            return view(request, *args, **kwargs)
        except Replayed as replayed:
            return _replay(request, replayed.prior)
        except _BadKey:
            return HttpResponseBadRequest(str(BAD_KEY))

    return wrapper


def submission_keys_prune() -> int:
    """Delete the keys older than ``ALLIANCE_SUBMISSION_KEY_RETENTION_DAYS``; return how many."""
    days = conf.SUBMISSION_KEY_RETENTION_DAYS.value()
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = SubmissionKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
