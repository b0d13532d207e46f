"""Celery tasks of the project package: thin, harmless when run twice or at once."""

from celery import shared_task


@shared_task(name="alliance.tasks.deliver_outbox")
def deliver_outbox() -> int:
    """Deliver the outbox's due messages (after each commit, and every minute from beat)."""
    from alliance.outbox import deliver_due

    return deliver_due().sent


@shared_task(name="alliance.tasks.prune_submission_keys")
def prune_submission_keys() -> int:
    """Daily from beat: delete the submission keys past their retention period."""
    from alliance.submissions import submission_keys_prune

    return submission_keys_prune()
