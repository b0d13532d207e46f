"""Dues reminders before and after the closing date, each (invoice, stage) at most once.

How "exactly once" holds whatever retries, re-runs or two workers at once: the
run CLAIMS a stage by inserting its ``ReminderSent`` row with ``INSERT ... ON
CONFLICT (invoice, stage) DO NOTHING RETURNING``, and queues the reminder email
in the outbox in the same transaction. The unique constraint on (invoice,
stage) lets exactly one claimer win; a concurrent worker's insert waits for the
winner's commit and then inserts nothing, so it queues nothing. The claim and
its email commit together, so a crash loses neither; the outbox then delivers
each queued email once (alliance.outbox).

Set-wise, for 100,000 invoices in seconds (issue 10, issue 15 item 5): one streamed
query reads the invoices due a stage not claimed yet, with the stage computed in it
(dues.selectors.reminders_due) and each member's addresses and their languages
joined in (members.selectors.with_recipient_columns): no query per invoice or per
recipient. Then, per chunk, one batched INSERT of the claims and two of the outbox
rows (alliance.db.insert_rows). No model instance is built: the emails reference the invoice and member by id
(the worker loads them when it renders, with the bank details).
"""

import datetime
import itertools
from operator import itemgetter
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from post_office.models import Email

from alliance import db
from alliance.db import analyze
from alliance.emails import queue_messages
from alliance.models import OutgoingEmail
from dues import conf
from dues.emails import reminder_messages
from dues.models import ReminderSent
from dues.selectors import reminders_due
from members.selectors import RECIPIENT_COLUMNS, recipients_from_rows, with_recipient_columns


class Due(NamedTuple):
    """One invoice's stage to remind, as read by the run (no model instance)."""

    pk: int
    member_id: int
    due_on: datetime.date
    outstanding: object
    currency: str
    stage: str
    # [(address, language)] of the member's mail (members.selectors.recipients_from_rows).
    recipients: list[tuple[str, str]]


DUE_COLUMNS = ("pk", "member_id", "due_on", "outstanding", "currency", "stage")
_own = itemgetter(*range(len(DUE_COLUMNS)))
_recipient = itemgetter(*range(len(DUE_COLUMNS), len(DUE_COLUMNS) + len(RECIPIENT_COLUMNS)))


def _dues(rows):
    """Fold the query's rows (one per invoice and current representative) into Dues."""
    for _pk, group in itertools.groupby(rows, key=itemgetter(0)):
        group = list(group)
        yield Due(*_own(group[0]), recipients_from_rows([_recipient(row) for row in group]))


def _claim(dues: list[Due], today: datetime.date) -> set[int]:
    """Insert the chunk's (invoice, stage) claims; return the invoice ids this run won.

    A claim with addresses is marked sent in the same row (its email is queued in this
    transaction); one without stays unsent, so the list shows it.
    """
    now = timezone.now()
    sent_at = connection.ops.adapt_datetimefield_value(now)  # a row's values are ready for the database
    won = db.insert_rows(
        ReminderSent,
        [
            (
                due.pk,
                due.stage,
                ", ".join(address for address, _language in due.recipients),
                sent_at if due.recipients else None,
            )
            for due in dues
        ],
        columns=("invoice_id", "stage", "recipients", "sent_at"),
        same={"run_on": today, "claimed_at": now},
        skip_conflicts=("invoice_id", "stage"),
        returning=("invoice_id",),
    )
    return {invoice_id for (invoice_id,) in won}


class Chunk(NamedTuple):
    """A chunk of the run, its reminders built before its claims are made."""

    today: datetime.date
    dues: list[Due]
    messages: dict[int, list]  # invoice id -> its reminder, one message per language


def _prepare(dues: list[Due], today: datetime.date) -> Chunk:
    messages = {due.pk: reminder_messages(due, due.recipients, today) for due in dues if due.recipients}
    return Chunk(today, dues, messages)


def _queue_chunk(chunk: Chunk) -> int:
    """Claim the chunk's stages and queue the reminders of those this run won, together."""
    with transaction.atomic():
        won = _claim(chunk.dues, chunk.today)
        queue_messages(
            message for due in chunk.dues if due.pk in won for message in chunk.messages.get(due.pk, ())
        )
    return sum(1 for due in chunk.dues if due.pk in won and due.recipients)


def reminders_send(*, today: datetime.date) -> int:
    """Queue the reminder stage due ``today`` for every unpaid invoice; return how many were queued.

    Stages (conf: 30 and 7 days before 20 December, on the day, 30 days after)
    are relative to the invoice's due date. After a missed day only the latest
    stage due is sent, never the stale ones before it. Not one transaction on
    purpose: each chunk's claims and emails commit together, chunk by chunk; on
    PostgreSQL a second connection writes one chunk while the next is read and built
    (alliance.db.Pipeline).
    """
    size = conf.reminder_batch_size()
    with db.bulk_job(), db.Pipeline(_queue_chunk) as pipeline:
        rows = (
            with_recipient_columns(reminders_due(today=today, stages=conf.reminder_stages()))
            .order_by("pk", "_to_role")
            .values_list(*DUE_COLUMNS, *RECIPIENT_COLUMNS)
            .iterator(chunk_size=size)
        )
        dues = _dues(rows)
        while chunk := list(itertools.islice(dues, size)):
            pipeline.put(_prepare(chunk, today))
    queued = sum(pipeline.results)
    if queued:
        analyze(ReminderSent, OutgoingEmail, Email)
    return queued
