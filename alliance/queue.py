"""Enqueue Celery tasks only once the surrounding transaction has committed.

By then the change is committed: a broker that is down or unreachable must not
turn it into an error page or a failed command (issue 10 §8). The send is
logged and skipped; every task sent this way only hastens work that is also
done on demand or by a beat sweep (a certificate renders when first opened).
"""

import logging
import time
from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

# What publishing raises when the broker is down or unreachable.
BROKER_ERRORS = (OperationalError, OSError)
# After a failed send, this process skips the broker for a while: each try costs
# the connection timeout and retries, and a loop of sends (the demo's payments)
# would otherwise take minutes against a dead broker.
BROKER_DOWN_PAUSE_SECONDS = 30.0

logger = logging.getLogger(__name__)
_broker_down_until = 0.0


def _send(task, args, kwargs) -> None:
    global _broker_down_until
    if isinstance(task, str):
        task = import_string(task)
    if time.monotonic() < _broker_down_until:
        logger.warning("Broker unreachable: %s not sent (its work is done on demand).", task.name)
        return
    try:
        task.delay(*args, **kwargs)
    except BROKER_ERRORS as error:
        _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE_SECONDS
        logger.warning("Broker unreachable: %s not sent (its work is done on demand): %s", task.name, error)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Send ``task`` with ids (never model instances) after commit.

    A service names its task by dotted path ("dues.tasks.import_statement"): tasks call
    services, so services sit below them and never import them (the per-app layers in
    pyproject.toml); the task is looked up when it is sent.

    A task queued inside the transaction could run before the rows it reads are
    visible, or for rows a rollback then removes.
    """
    transaction.on_commit(partial(_send, task, args, kwargs))
