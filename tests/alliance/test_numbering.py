import pytest
from django.db import transaction

from alliance.models import NumberSequence
from alliance.numbering import next_number
from tests.concurrency import run_concurrently, values


@pytest.mark.django_db
def test_numbers_follow_without_gaps_per_series_and_year():
    with transaction.atomic():
        assert [next_number("receipt", 2027) for _ in range(3)] == [1, 2, 3]
        assert next_number("receipt", 2028) == 1
        assert next_number("invoice", 2027) == 1


@pytest.mark.django_db
def test_a_rolled_back_number_is_handed_out_again():
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("receipt", 2027)
        raise RuntimeError("payment refused")
    with transaction.atomic():
        assert next_number("receipt", 2027) == 1


@pytest.mark.django_db(transaction=True)
def test_next_number_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="atomic"):
        next_number("receipt", 2027)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_get_unique_gapless_numbers():
    def worker():
        taken = []
        for _ in range(10):
            with transaction.atomic():
                taken.append(next_number("receipt", 2027))
        return taken

    taken = [n for numbers in values(run_concurrently([worker] * 8)) for n in numbers]
    assert sorted(taken) == list(range(1, 81))
    assert NumberSequence.objects.get(key="receipt", year=2027).last_value == 80
