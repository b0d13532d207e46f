"""Issue 10 §8: the demo's history emails are recorded as sent, so a worker mails nobody."""

import pytest
from django.core.management import call_command
from post_office.models import STATUS, Email

from alliance.models import OutgoingEmail
from alliance.outbox import deliver_due

pytestmark = pytest.mark.django_db


def test_a_worker_started_after_the_demo_mails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
    assert OutgoingEmail.objects.exists()  # the history did write its emails
    assert Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count() == 0
    assert OutgoingEmail.objects.filter(next_attempt_at__isnull=False).count() == 0
    assert deliver_due().sent == 0
    assert mailoutbox == []
