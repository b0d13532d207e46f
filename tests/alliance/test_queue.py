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
def test_a_service_names_its_task_by_dotted_path(monkeypatch):
    """Services sit below tasks (pyproject.toml), so they name the task; it is looked up at send."""
    from members import tasks

    monkeypatch.setattr(tasks.render_admission_documents, "delay", mock.Mock())
    with transaction.atomic():
        enqueue_on_commit("members.tasks.render_admission_documents", 7)
    tasks.render_admission_documents.delay.assert_called_once_with(7)


@pytest.mark.django_db(transaction=True)
def test_task_is_not_sent_when_the_transaction_rolls_back():
    task = mock.Mock()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(task, 7)
        raise RuntimeError("rollback")
    task.delay.assert_not_called()


@pytest.fixture
def broker_clock(monkeypatch):
    """A hand-driven clock for the broker pause, starting with the broker presumed up."""
    from alliance import queue

    now = [1000.0]
    monkeypatch.setattr(queue.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(queue, "_broker_down_until", 0.0)
    return now


def _dead_broker_task():
    from kombu.exceptions import OperationalError

    task = mock.Mock()
    task.name = "tests.task"
    task.delay.side_effect = OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")
    return task


@pytest.mark.django_db(transaction=True)
def test_a_dead_broker_is_logged_and_the_commit_stands(broker_clock, caplog):
    from members.models import LiaisonOffice

    task = _dead_broker_task()
    with transaction.atomic():
        office = LiaisonOffice.objects.create(name="Broker-down office")
        enqueue_on_commit(task, office.pk)

    task.delay.assert_called_once_with(office.pk)
    assert LiaisonOffice.objects.filter(pk=office.pk).exists()
    assert "Broker unreachable: tests.task not sent" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_after_a_failure_the_broker_is_skipped_for_a_while_then_tried_again(broker_clock):
    from alliance.queue import BROKER_DOWN_PAUSE_SECONDS

    task = _dead_broker_task()
    with transaction.atomic():
        enqueue_on_commit(task, 1)
    with transaction.atomic():
        enqueue_on_commit(task, 2)
    assert task.delay.call_count == 1  # the second send did not wait on the dead broker

    broker_clock[0] += BROKER_DOWN_PAUSE_SECONDS + 1
    task.delay.side_effect = None
    with transaction.atomic():
        enqueue_on_commit(task, 3)
    task.delay.assert_called_with(3)
