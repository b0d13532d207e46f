"""Dues reminders before and after the closing date, each (invoice, stage) at most once.

How "exactly once" holds whatever retries, re-runs or two workers at once: the
run CLAIMS a stage by inserting its ``ReminderSent`` row with ``INSERT ... ON
CONFLICT (invoice, stage) DO NOTHING RETURNING``, and queues the reminder email
in the outbox in the same transaction. The unique constraint on (invoice,
stage) lets exactly one claimer win; a concurrent worker's insert waits for the
winner's commit and then inserts nothing, so it queues nothing. The claim and
its email commit together, so a crash loses neither; the outbox then delivers
each queued email once (alliance.outbox).

Set-wise, for 100,000 invoices in seconds (issue 15 item 5): one streamed query
reads the invoices due a stage not claimed yet, with the stage computed in it
(dues.selectors.reminders_due); then, per chunk, one query for the addresses,
one multi-row INSERT of the claims and two of the outbox rows. No model instance
is built: the emails reference the invoice and member by id (the worker loads
them when it renders).
"""

import datetime
import itertools
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from post_office.models import Email

from alliance.db import analyze
from alliance.emails import queue_messages
from alliance.models import OutgoingEmail
from dues import conf
from dues.emails import reminder_messages
from dues.models import ReminderSent
from dues.selectors import reminders_due
from members.selectors import notification_recipients_for


class Due(NamedTuple):
    """One invoice's stage to remind, as read by the run (no model instance)."""

    pk: int
    member_id: int
    email: str
    due_on: datetime.date
    outstanding: object
    currency: str
    stage: str


class _Addressee(NamedTuple):
    """What ``notification_recipients_for`` reads of a member: its id and own address."""

    pk: int
    email: str


Recipients = dict[int, list[tuple[str, str]]]  # member id -> [(address, language)]


def _claim(dues: list[Due], recipients_of: Recipients, today: datetime.date) -> set[int]:
    """Insert the chunk's (invoice, stage) claims; return the invoice ids this run won.

    A claim with addresses is marked sent in the same row (its email is queued in this
    transaction); one without stays unsent, so the list shows it.
    """
    table = connection.ops.quote_name(ReminderSent._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    run_on = connection.ops.adapt_datefield_value(today)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(dues))
    params = []
    for due in dues:
        recipients = recipients_of[due.member_id]
        addresses = ", ".join(address for address, _language in recipients)
        params += [due.pk, due.stage, run_on, addresses, now, now if recipients else None]
    sql = (
        f"INSERT INTO {table} (invoice_id, stage, run_on, recipients, claimed_at, sent_at) VALUES {values} "
        "ON CONFLICT (invoice_id, stage) DO NOTHING RETURNING invoice_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {invoice_id for (invoice_id,) in cursor.fetchall()}


def _queue_chunk(dues: list[Due], today: datetime.date) -> int:
    # The chunk's (address, language) pairs in a few queries, not one per member: each
    # reminder is written in its recipient's language.
    members = {due.member_id: _Addressee(due.member_id, due.email) for due in dues}
    recipients_of = notification_recipients_for(members.values())
    with transaction.atomic():
        won = _claim(dues, recipients_of, today)
        messages = []
        for due in dues:
            if due.pk in won and recipients_of[due.member_id]:
                messages += reminder_messages(due, recipients_of[due.member_id], today)
        queue_messages(messages)
    return sum(1 for due in dues if due.pk in won and recipients_of[due.member_id])


def reminders_send(*, today: datetime.date) -> int:
    """Queue the reminder stage due ``today`` for every unpaid invoice; return how many were queued.

    Stages (conf: 30 and 7 days before 20 December, on the day, 30 days after)
    are relative to the invoice's due date. After a missed day only the latest
    stage due is sent, never the stale ones before it. Not one transaction on
    purpose: each chunk's claims and emails commit together, chunk by chunk.
    """
    size = conf.reminder_batch_size()
    rows = (
        reminders_due(today=today, stages=conf.reminder_stages())
        .values_list("pk", "member_id", "member__email", "due_on", "outstanding", "currency", "stage")
        .iterator(chunk_size=size)
    )
    queued = 0
    while chunk := [Due(*row) for row in itertools.islice(rows, size)]:
        queued += _queue_chunk(chunk, today)
    if queued:
        analyze(ReminderSent, OutgoingEmail, Email)
    return queued
