"""Dues reminders before and after the closing date, each (invoice, stage) at most once.

How "exactly once" holds whatever retries, re-runs or two workers at once: the
run CLAIMS a stage by inserting its ``ReminderSent`` row with ``INSERT ... ON
CONFLICT (invoice, stage) DO NOTHING RETURNING``, and queues the reminder email
in the outbox in the same transaction. The unique constraint on (invoice,
stage) lets exactly one claimer win; a concurrent worker's insert waits for the
winner's commit and then inserts nothing, so it queues nothing. The claim and
its email commit together, so a crash loses neither; the outbox then delivers
each queued email once (alliance.outbox).
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from alliance.emails import queue_messages
from dues import conf
from dues.emails import reminder_messages
from dues.models import Invoice, InvoiceStatus, ReminderSent
from dues.rules import reminder_stage_due, stage_window
from dues.selectors import with_balance
from members.selectors import notification_recipients_for


def _claim(rows: list[tuple[int, str, str]], today: datetime.date) -> dict[int, int]:
    """Insert (invoice, stage, recipients) claims; return {invoice id: claim id} for those this run won."""
    if not rows:
        return {}
    table = connection.ops.quote_name(ReminderSent._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    run_on = connection.ops.adapt_datefield_value(today)
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params = []
    for invoice_id, stage, recipients in rows:
        params += [invoice_id, stage, run_on, recipients, now]
    sql = (
        f"INSERT INTO {table} (invoice_id, stage, run_on, recipients, claimed_at) VALUES {values} "
        "ON CONFLICT (invoice_id, stage) DO NOTHING RETURNING invoice_id, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def reminders_send(*, today: datetime.date) -> int:
    """Queue the reminder stage due ``today`` for every unpaid invoice; return how many were queued.

    Stages (conf: 30 and 7 days before 20 December, on the day, 30 days after)
    are relative to the invoice's due date. After a missed day only the latest
    stage due is sent, never the stale ones before it. Not one transaction on
    purpose: each batch's claims and emails commit together, batch by batch.
    """
    stages = conf.reminder_stages()
    first_due, last_due = stage_window(today, stages)
    batch_size = conf.reminder_batch_size()
    candidates = (
        with_balance(Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lte=last_due))
        .filter(outstanding__gt=0)
        .select_related("member")
        .order_by("pk")
    )
    queued = 0
    last_pk = 0
    while True:
        batch = list(candidates.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        due = {}
        for invoice in batch:
            stage = reminder_stage_due(invoice.due_on, today, stages)
            if stage is not None:
                due[invoice.pk] = (invoice, stage)
        already = set(
            ReminderSent.objects.filter(invoice_id__in=list(due)).values_list("invoice_id", "stage")
        )
        pending = {i: entry for i, entry in due.items() if (i, entry[1]) not in already}
        # One query for the whole batch's addresses, not one per member.
        # (address, language) pairs: each reminder is written in its recipient's language.
        emails = notification_recipients_for(
            {inv.member_id: inv.member for inv, _ in pending.values()}.values()
        )
        rows, recipients_of = [], {}
        for invoice_id, (invoice, stage) in pending.items():
            recipients = emails[invoice.member_id]
            recipients_of[invoice_id] = recipients
            rows.append((invoice_id, stage, ", ".join(address for address, _language in recipients)))
        with transaction.atomic():
            won = _claim(rows, today)
            # A member without any address is claimed but not marked sent: the list shows it.
            to_send = [invoice_id for invoice_id in sorted(won) if recipients_of[invoice_id]]
            messages = []
            for invoice_id in to_send:
                invoice, stage = due[invoice_id]
                messages += reminder_messages(invoice, stage, recipients_of[invoice_id], today)
            queue_messages(messages)
            ReminderSent.objects.filter(pk__in=[won[i] for i in to_send]).update(sent_at=timezone.now())
        queued += len(to_send)
    return queued
