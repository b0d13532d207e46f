"""Celery tasks: thin, take ids or dates, call a service, harmless when run twice."""

import datetime

from celery import shared_task
from django.utils import timezone

from dues import services


@shared_task(name="dues.tasks.issue_annual_invoices")
def issue_annual_invoices(year: int | None = None) -> int:
    """On 1 January: invoice every active member for the new year (idempotent)."""
    return services.invoices_issue_annual(year=year or timezone.localdate().year)


@shared_task(name="dues.tasks.send_dues_reminders")
def send_dues_reminders(date: str | None = None) -> int:
    """Daily: send the reminder stage due today (each (invoice, stage) at most once)."""
    today = datetime.date.fromisoformat(date) if date else timezone.localdate()
    return services.reminders_send(today=today)


@shared_task(name="dues.tasks.import_statement")
def import_statement(statement_id: int) -> int:
    """Import an uploaded bank statement's credits (resumes where a crashed run stopped)."""
    return services.statement_import(statement_id=statement_id).created_count


@shared_task(name="dues.tasks.sweep_statements")
def sweep_statements() -> int:
    """Every minute from beat: import the statements whose task was lost or died half-way."""
    return services.statements_import_pending()
