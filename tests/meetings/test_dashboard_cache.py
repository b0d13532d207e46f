"""The meetings section of the staff dashboard, cached on the meetings' history."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_the_next_meetings_follow_a_change_and_leave_once_started(client, secretariat_user):
    meeting, _ = make_meeting(
        by=secretariat_user, units=1, title="Autumn assembly", starts_in=datetime.timedelta(minutes=10)
    )
    client.force_login(secretariat_user)
    assert "Autumn assembly" in client.get(reverse("dashboard")).content.decode()
    meeting.title = "Winter assembly"
    meeting.save()
    content = client.get(reverse("dashboard")).content.decode()
    assert "Winter assembly" in content and "Autumn assembly" not in content
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        client.force_login(secretariat_user)
        assert "Winter assembly" not in client.get(reverse("dashboard")).content.decode()
