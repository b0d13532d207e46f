"""Deliver the outbox: claim due messages, render them, send them, retry with backoff.

Exactly once under concurrency: a worker claims a batch with a conditional update
(``next_attempt_at <= now`` → a lease in the future, under a fresh claim token),
so two workers, or the after-commit push and the beat sweep, never take the same
row; PostgreSQL re-checks the condition on a row another transaction just
claimed. A row is marked sent in the statement that records the attempt. The one
window we accept: a worker that dies after the mail server took a message and
before that statement runs leaves the row claimed; once its lease expires the
message is sent again (at least once, never silently lost).

Failures (mail server refusing, a template or attachment that cannot be built)
are recorded on the row and in post_office's log, and the message is retried
after ``ALLIANCE_OUTBOX_RETRY_SECONDS`` doubled at each attempt, up to
``ALLIANCE_OUTBOX_MAX_ATTEMPTS``; then it is failed until someone resends it.
"""

import datetime
import json
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from post_office.models import STATUS, Attachment, Email, Log

from alliance import conf, emails
from alliance.models import OutgoingEmail
from alliance.prepared import rows_for

logger = logging.getLogger(__name__)

WAITING = (STATUS.queued, STATUS.requeued)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver_due(*, max_batches: int | None = None) -> Delivery:
    """Deliver every message whose attempt is due, batch by batch; return the counts."""
    result = Delivery()
    batches = 0
    while max_batches is None or batches < max_batches:
        batch = _claim(conf.OUTBOX_BATCH_SIZE.value())
        if not batch:
            break
        batches += 1
        sent, failed = _deliver(batch)
        result.sent += sent
        result.failed += failed
    return result


def _claim(size: int) -> list[OutgoingEmail]:
    now = timezone.now()
    due = (
        OutgoingEmail.objects.filter(next_attempt_at__lte=now)
        .order_by("-priority", "next_attempt_at", "pk")
        .values_list("pk", flat=True)[:size]
    )
    ids = list(due)
    if not ids:
        return []
    token = uuid.uuid4().hex
    lease = now + datetime.timedelta(seconds=conf.OUTBOX_LEASE_SECONDS.value())
    # The condition is repeated in the UPDATE: a row another worker claimed since the
    # SELECT no longer matches, so it is not taken twice.
    OutgoingEmail.objects.filter(pk__in=ids, next_attempt_at__lte=now).update(
        claim=token, next_attempt_at=lease
    )
    return list(OutgoingEmail.objects.filter(claim=token).select_related("email").order_by("pk"))


def _render(batch: list[OutgoingEmail]) -> dict[int, Exception]:
    """Render the messages not rendered yet (and build their attachments); return the failures."""
    pending = [row for row in batch if row.rendered_at is None]
    if not pending:
        return {}
    objects = emails.load_objects(
        [row.context for row in pending] + [row.deferred_attachments for row in pending]
    )
    problems: dict[int, Exception] = {}
    done = []
    now = timezone.now()
    # A bulk send (a notice to every member, a circulation) queues one message per
    # language with the same context: each distinct one is rendered once per batch.
    # Messages whose context differs (a reminder's invoice and figures) render each.
    renderings: dict[tuple, emails.Rendered] = {}
    for row in pending:
        key = (row.template, row.language, json.dumps(row.context, sort_keys=True))
        try:
            if key not in renderings:
                renderings[key] = emails.render(
                    row.template, emails.load_context(row.context, objects), language=row.language
                )
            rendered = renderings[key]
            # Attachments (a receipt PDF, a meeting's .ics) in the recipient's language too.
            with translation.override(row.language or settings.LANGUAGE_CODE):
                files = [
                    emails.attachment_builders[name](**emails.load_context(args, objects))
                    for name, args in row.deferred_attachments
                ]
        except Exception as error:
            logger.exception("Could not render outgoing email %s", row.pk)
            problems[row.pk] = error
            continue
        row.email.subject = rendered.subject[:989]
        row.email.message = rendered.text
        row.email.html_message = rendered.html
        for filename, content, mimetype in files:
            attachment = Attachment(name=filename, mimetype=mimetype)
            attachment.file.save(filename, ContentFile(content), save=True)
            attachment.emails.add(row.email)
        row.rendered_at = now
        row.deferred_attachments = []
        done.append(row)
    _store_rendered(done, now)
    return problems


@transaction.atomic
def _store_rendered(rows: list[OutgoingEmail], now) -> None:
    if not rows:
        return
    # One prepared statement run per row: Django's bulk_update builds a CASE per row and
    # column, which costs more than the rendering itself at a few hundred rows.
    table = connection.ops.quote_name(Email._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET subject = %s, message = %s, html_message = %s WHERE id = %s",
            [(row.email.subject, row.email.message, row.email.html_message, row.email_id) for row in rows],
        )
    OutgoingEmail.objects.filter(pk__in=[row.pk for row in rows]).update(
        rendered_at=now, deferred_attachments=[]
    )


def _deliver(batch: list[OutgoingEmail]) -> tuple[int, int]:
    problems = _render(batch)
    ready = [row.pk for row in batch if row.pk not in problems]
    rows = {
        row.pk: row
        for row in OutgoingEmail.objects.filter(pk__in=ready)
        .select_related("email")
        .prefetch_related("email__attachments")
    }
    sent: list[OutgoingEmail] = []
    connection = None
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:
        # The mail server refuses connections: every message of the batch fails alike.
        problems.update(dict.fromkeys(ready, error))
        rows = {}
    for row in rows.values():
        try:
            connection.send_messages([row.email.prepare_email_message()])
        except Exception as error:
            problems[row.pk] = error
        else:
            sent.append(row)
    if connection is not None:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the mail connection failed.", exc_info=True)
    failed = [row for row in batch if row.pk in problems]
    _record(sent, failed, problems)
    return len(sent), len(failed)


@transaction.atomic
def _record(sent: list[OutgoingEmail], failed: list[OutgoingEmail], problems: dict[int, Exception]) -> None:
    now = timezone.now()
    if sent:
        ids = [row.pk for row in sent]
        Email.objects.filter(pk__in=[row.email_id for row in sent]).update(
            status=STATUS.sent, last_updated=now
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            attempts=F("attempts") + 1, last_attempt_at=now, sent_at=now, next_attempt_at=None, last_error=""
        )
        Log.objects.bulk_create([Log(email_id=row.email_id, status=STATUS.sent, message="") for row in sent])
    if failed:
        maximum = conf.OUTBOX_MAX_ATTEMPTS.value()
        base = conf.OUTBOX_RETRY_SECONDS.value()
        for row in failed:
            error = problems[row.pk]
            row.attempts += 1
            row.last_attempt_at = now
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            if row.attempts >= maximum:
                row.next_attempt_at = None
                row.email.status = STATUS.failed
            else:
                row.next_attempt_at = now + datetime.timedelta(seconds=base * 2 ** (row.attempts - 1))
                row.email.status = STATUS.requeued
            row.email.number_of_retries = row.attempts
        OutgoingEmail.objects.bulk_update(
            failed, ["attempts", "last_attempt_at", "last_error", "next_attempt_at"]
        )
        Email.objects.bulk_update([row.email for row in failed], ["status", "number_of_retries"])
        Log.objects.bulk_create(
            [
                Log(
                    email_id=row.email_id,
                    status=STATUS.failed,
                    message=str(problems[row.pk]),
                    exception_type=type(problems[row.pk]).__name__,
                )
                for row in failed
            ]
        )


# Staff actions (the outgoing email page): each a POST, recorded with who and when.
RESENDABLE = Q(email__status__in=[STATUS.failed, STATUS.requeued])


@transaction.atomic
def outbox_resend(*, outgoing: OutgoingEmail, by) -> OutgoingEmail:
    """Queue one message again now (a failed one, or a sent one a member says never came)."""
    outgoing = OutgoingEmail.objects.select_for_update().select_related("email").get(pk=outgoing.pk)
    _requeue([outgoing], by=by)
    outgoing.refresh_from_db()
    transaction.on_commit(emails.request_delivery)
    return outgoing


@transaction.atomic
def outbox_resend_failed(*, by, queryset=None) -> int:
    """Queue again now every failed message (or those of ``queryset``); return how many."""
    rows = list(
        (queryset if queryset is not None else OutgoingEmail.objects.all())
        .filter(RESENDABLE)
        .select_for_update(of=("self",))
        .select_related("email")
    )
    _requeue(rows, by=by)
    if rows:
        transaction.on_commit(emails.request_delivery)
    return len(rows)


def _requeue(rows: list[OutgoingEmail], *, by) -> None:
    now = timezone.now()
    OutgoingEmail.objects.filter(pk__in=[row.pk for row in rows]).update(
        next_attempt_at=now, attempts=0, resent_at=now, resent_by=by, resend_count=F("resend_count") + 1
    )
    Email.objects.filter(pk__in=[row.email_id for row in rows]).update(status=STATUS.queued, last_updated=now)


# Reads: the emails about one object or one member (member file, invoice detail).
def emails_about(obj, *, limit: int = 50) -> list[OutgoingEmail]:
    from django.contrib.contenttypes.models import ContentType

    about_type = ContentType.objects.get_for_model(type(obj))
    return list(
        OutgoingEmail.objects.filter(about_type=about_type, about_id=obj.pk)
        .select_related("email", "about_type")
        .order_by("-queued_at", "-pk")[:limit]
    )


def emails_for_member(member_id: int) -> list[OutgoingEmail]:
    """The member file's emails, the latest 50: the columns its rows show only
    (outbox/_rows.html), not the messages' bodies and headers."""
    return rows_for("alliance.emails_for_member", _emails_for_member, member_id)


def _emails_for_member(member_id: int):
    return (
        OutgoingEmail.objects.filter(member_id=member_id)
        .select_related("email", "about_type")
        .only(*MEMBER_FILE_COLUMNS)
        .order_by("-queued_at", "-pk")[:50]
    )


MEMBER_FILE_COLUMNS = (
    "kind",
    "queued_at",
    "about_type__app_label",
    "about_type__model",
    "about_id",
    "last_error",
    "attempts",
    "sent_at",
    "email__to",
    "email__subject",
    "email__status",
)


HISTORY_NOTE = "Recorded as sent without mailing (history loaded from the demo)."


def outbox_record_history_sent(*, after_pk: int) -> int:
    """Mark the messages queued after ``after_pk`` as sent without mailing them.

    For the demo's history: its payments, decisions and notices happened "in the
    past", so a worker started after ``make demo`` must mail none of the fictional
    members.
    """
    rows = OutgoingEmail.objects.filter(pk__gt=after_pk, sent_at__isnull=True)
    email_ids = list(rows.values_list("email_id", flat=True))
    now = timezone.now()
    count = rows.update(next_attempt_at=None, sent_at=now)
    Email.objects.filter(pk__in=email_ids).update(status=STATUS.sent, last_updated=now)
    Log.objects.bulk_create(
        [Log(email_id=pk, status=STATUS.sent, message=HISTORY_NOTE) for pk in email_ids], batch_size=1000
    )
    return count
