"""Celery tasks of the project package: thin, harmless when run twice or at once."""

from celery import shared_task


@shared_task(name="alliance.tasks.deliver_outbox")
def deliver_outbox() -> int:
    """Deliver the outbox's due messages (after each commit, and every minute from beat)."""
    from alliance.outbox import deliver_due

    return deliver_due().sent
