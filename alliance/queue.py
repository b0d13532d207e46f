"""Enqueue Celery tasks only once the surrounding transaction has committed."""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Send ``task`` with ids (never model instances) after commit.

    A task queued inside the transaction could run before the rows it reads are
    visible, or for rows a rollback then removes.
    """
    transaction.on_commit(partial(task.delay, *args, **kwargs))
