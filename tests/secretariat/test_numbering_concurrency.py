"""Document numbers under real concurrency (PostgreSQL row locks), 004 三.1: numbered and issued."""

import threading

import pytest
from django.db import connection

from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import Document, DocumentStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6
PER_THREAD = 5


def _run(workers):
    problems = []
    barrier = threading.Barrier(len(workers))

    def wrap(work):
        def run():
            try:
                barrier.wait()
                work()
            except Exception as exc:  # surfaced below: a thread cannot fail the test itself
                problems.append(exc)
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrap(work)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return problems


def test_concurrent_issuers_get_unique_gapless_numbers(make_document, clerk):
    batches = [[make_document("approved") for _ in range(PER_THREAD)] for _ in range(THREADS)]

    def issuer(batch):
        return lambda: [services.document_issue(document=d, by=clerk) for d in batch]

    assert _run([issuer(batch) for batch in batches]) == []
    sequences = sorted(Document.objects.values_list("number_sequence", flat=True))
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))
    assert Document.objects.values("number").distinct().count() == THREADS * PER_THREAD


def test_two_issuers_of_one_document_give_it_one_number(make_document, clerk):
    document = make_document("approved")
    outcomes = []

    def issue():
        try:
            outcomes.append(services.document_issue(document=document, by=clerk).number)
        except SecretariatError as exc:
            outcomes.append(str(exc))

    assert _run([issue, issue, issue]) == []
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert sorted(outcomes) == sorted(
        [document.number, str(errors.ALREADY_NUMBERED), str(errors.ALREADY_NUMBERED)]
    )
    assert document.number_sequence == 1
