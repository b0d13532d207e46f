"""Document numbers under real concurrency (PostgreSQL row locks), 004 三.1: numbered and issued."""

import pytest

from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import Document, DocumentStatus
from tests.concurrency import errors as raised
from tests.concurrency import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6
PER_THREAD = 5


def test_concurrent_issuers_get_unique_gapless_numbers(make_document, clerk):
    batches = [[make_document("approved") for _ in range(PER_THREAD)] for _ in range(THREADS)]

    def issuer(batch):
        return lambda: [services.document_issue(document=d, by=clerk) for d in batch]

    assert raised(run_concurrently([issuer(batch) for batch in batches])) == []
    sequences = sorted(Document.objects.values_list("number_sequence", flat=True))
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))
    assert Document.objects.values("number").distinct().count() == THREADS * PER_THREAD


def test_two_issuers_of_one_document_give_it_one_number(make_document, clerk):
    document = make_document("approved")

    def issue():
        try:
            return services.document_issue(document=document, by=clerk).number
        except SecretariatError as exc:
            return str(exc)

    outcomes = [outcome.value for outcome in run_concurrently([issue, issue, issue])]
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert sorted(outcomes) == sorted(
        [document.number, str(errors.ALREADY_NUMBERED), str(errors.ALREADY_NUMBERED)]
    )
    assert document.number_sequence == 1
