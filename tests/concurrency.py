"""Run calls at the same moment in threads, as two users would (oscar's ``test_stockrecord_locking``).

Used by the PostgreSQL race tests with ``django_db(transaction=True)``: each thread opens its own
database connection, so the row locks and constraints are tested for real.
"""

import threading
from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Outcome:
    """What one call gave: its value, or the exception it raised."""

    value: object = None
    error: Exception | None = None


def run_concurrently(calls) -> list[Outcome]:
    """Start each call in its own thread, release them together with a barrier, wait for all, and
    return their outcomes in the calls' order. A thread cannot fail the test itself, so what it
    raised is returned for the test to assert on; each thread closes its database connections."""
    calls = list(calls)
    outcomes: list[Outcome | None] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = Outcome(value=call())
        except Exception as error:  # noqa: BLE001 - returned to the test, which asserts on it
            outcomes[index] = Outcome(error=error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def errors(outcomes) -> list[Exception]:
    """Return what the calls raised, in the calls' order."""
    return [outcome.error for outcome in outcomes if outcome.error is not None]


def values(outcomes) -> list:
    """Return the calls' values in order, raising the first error if any call failed."""
    for error in errors(outcomes):
        raise error
    return [outcome.value for outcome in outcomes]
