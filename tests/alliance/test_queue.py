from unittest import mock

import pytest
from django.db import transaction

from alliance.queue import enqueue_on_commit


@pytest.mark.django_db(transaction=True)
def test_task_is_sent_only_after_commit():
    task = mock.Mock()
    with transaction.atomic():
        enqueue_on_commit(task, 7, kind="letter")
        task.delay.assert_not_called()
    task.delay.assert_called_once_with(7, kind="letter")


@pytest.mark.django_db(transaction=True)
def test_task_is_not_sent_when_the_transaction_rolls_back():
    task = mock.Mock()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(task, 7)
        raise RuntimeError("rollback")
    task.delay.assert_not_called()
