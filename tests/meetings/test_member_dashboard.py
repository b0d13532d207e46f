"""The member's home page lists its coming invitations and unread minutes."""

import pytest
from django.urls import reverse

from meetings import services
from tests.meetings.factories import make_meeting
from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_member_dashboard_lists_the_meeting_it_is_invited_to(client_for, member_user, secretariat_user):
    meeting, invited = make_meeting(by=secretariat_user, units=3)
    RepresentativeFactory(member=invited[0], user=member_user)
    services.notice_issue(meeting=meeting, by=secretariat_user)

    html = client_for(member_user).get(reverse("dashboard")).content.decode()

    assert "Your meetings" in html
    assert meeting.title in html


def test_secretariat_dashboard_has_no_member_meetings_section(client_for, secretariat_user):
    html = client_for(secretariat_user).get(reverse("dashboard")).content.decode()
    assert "Your meetings" not in html
