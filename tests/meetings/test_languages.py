"""Meeting notices (with their .ics) and minutes reach each recipient in their own language."""

import pytest

from meetings import services
from tests.languages import bilingual_member, expected, languages_sent
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_a_notice_goes_to_each_representative_in_their_language_with_the_ics(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    member = bilingual_member()
    meeting, _members = make_meeting(by=secretariat_user, units=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_issue(meeting=meeting, by=secretariat_user)
    assert languages_sent("meeting_notice", mailoutbox) == expected(member)
    assert len(mailoutbox) == 2
    assert all(message.attachments[0][0] == "meeting.ics" for message in mailoutbox)


def test_minutes_go_to_each_attendee_in_their_language(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.meetings.factories import in_session

    member = bilingual_member()
    meeting, members = make_meeting(by=secretariat_user, units=0)
    in_session(meeting, [member], by=secretariat_user)
    services.meeting_change_status(meeting=meeting, to_status="held", by=secretariat_user)
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    minutes = services.minutes_approve(minutes=minutes, by=secretariat_user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(minutes=minutes, by=secretariat_user)
    assert languages_sent("minutes", [m for m in mailoutbox if "ics" not in str(m.attachments)]) == expected(
        member
    )
