"""Meeting preparation, notice with .ics, answers and sign-in."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from meetings import errors, rules, selectors, services
from meetings.errors import MeetingError
from meetings.models import Invitation, MeetingStatus
from tests.meetings.factories import BodyFactory, make_meeting
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_meeting_invites_the_members_entitled_to_the_body(secretariat_user):
    MemberFactory(tier="chairman_unit")
    MemberFactory(tier="group_member")
    MemberFactory(tier="vice_chairman_unit", status="suspended")
    body = BodyFactory(entitled_tiers=["chairman_unit", "vice_chairman_unit"])
    meeting, _ = make_meeting(by=secretariat_user, units=0, body=body)
    assert meeting.invitations.count() == 1


def test_notice_emails_representatives_with_agenda_and_ics(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, members = make_meeting(by=secretariat_user, units=2, with_reps=True)
    services.agenda_item_add(meeting=meeting, title="Annual report", by=secretariat_user)
    services.invitation_add_individual(
        meeting=meeting, name="Guest Speaker", email="guest@example.org", by=secretariat_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_issue(meeting=meeting, by=secretariat_user)
    assert len(mailoutbox) == 3
    message = mailoutbox[0]
    assert "Notice of meeting" in message.subject
    assert "Annual report" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert "Annual report" in str(event.get("description"))
    assert {m.to[0] for m in mailoutbox} >= {"guest@example.org"}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTICE_ISSUED and meeting.notice_issued_by == secretariat_user
    # Sending again (a task re-run) sends nothing twice.
    assert services.notice_send_emails(meeting_id=meeting.pk) == 0


def test_notice_for_a_meeting_in_the_past_is_refused(secretariat_user, mailoutbox):
    meeting, _ = make_meeting(by=secretariat_user, units=2, starts_in=-datetime.timedelta(hours=1))
    with pytest.raises(MeetingError, match=str(errors.NOTICE_IN_PAST)):
        services.notice_issue(meeting=meeting, by=secretariat_user)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT and not mailoutbox


def test_late_notice_needs_a_reason_which_is_recorded(secretariat_user):
    body = BodyFactory(min_notice_days=30)
    meeting, _ = make_meeting(by=secretariat_user, units=1, body=body, starts_in=datetime.timedelta(days=10))
    with pytest.raises(MeetingError) as refused:
        services.notice_issue(meeting=meeting, by=secretariat_user)
    days = rules.notice_days_short(issued=timezone.now(), starts_at=meeting.starts_at, min_days=30)
    assert refused.value.message == errors.LATE_NOTICE_NEEDS_REASON % {"days": days, "min": 30}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    services.notice_issue(meeting=meeting, by=secretariat_user, late_reason="Urgent matter")
    meeting.refresh_from_db()
    assert meeting.late_notice_reason == "Urgent matter"
    assert meeting.status_changes.get().comment == "Urgent matter"


def test_invitee_answers_attend_decline_or_delegate(secretariat_user, member_user):
    meeting, members = make_meeting(by=secretariat_user, units=1)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    invitation = Invitation.objects.get(meeting=meeting, member=members[0])
    with pytest.raises(MeetingError, match=str(errors.DELEGATE_NAME_REQUIRED)):
        services.invitation_answer(invitation=invitation, response="delegate", by=member_user)
    services.invitation_answer(
        invitation=invitation, response="delegate", delegate_name="A. Deputy", by=member_user
    )
    invitation.refresh_from_db()
    assert (invitation.response, invitation.delegate_name, invitation.responded_by) == (
        "delegate",
        "A. Deputy",
        member_user,
    )


def test_sign_in_by_delegate_needs_a_name_and_counts_once(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    with pytest.raises(MeetingError):
        services.attendance_record(meeting=meeting, member=members[0], mode="delegate", by=secretariat_user)
    services.attendance_record(
        meeting=meeting, member=members[0], mode="delegate", delegate_name="B", by=secretariat_user
    )
    with pytest.raises(MeetingError, match=str(errors.ALREADY_CHECKED_IN)):
        services.attendance_record(meeting=meeting, member=members[0], mode="online", by=secretariat_user)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_SESSION
    assert selectors.quorum_state(meeting).present == 1


def test_uninvited_member_cannot_sign_in(secretariat_user):
    meeting, _ = make_meeting(by=secretariat_user, units=1)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_INVITED)):
        services.attendance_record(
            meeting=meeting, member=MemberFactory(), mode="in_person", by=secretariat_user
        )


def test_meeting_attendance_rows_for_participation_rule(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    services.attendance_record(meeting=meeting, member=members[0], mode="in_person", by=secretariat_user)
    assert selectors.meeting_attendance() == []  # not held yet
    services.meeting_change_status(meeting=meeting, to_status="held", by=secretariat_user)
    rows = selectors.meeting_attendance(member_ids=[m.pk for m in members])
    day = timezone.localdate(meeting.starts_at)
    assert sorted(rows) == sorted([(meeting.pk, day, m.pk, m == members[0]) for m in members])


def test_cancelling_needs_a_reason(secretariat_user):
    meeting, _ = make_meeting(by=secretariat_user, units=1)
    with pytest.raises(MeetingError):
        services.meeting_change_status(meeting=meeting, to_status="cancelled", by=secretariat_user)
    services.meeting_change_status(
        meeting=meeting, to_status="cancelled", comment="Typhoon", by=secretariat_user
    )
    with pytest.raises(
        MeetingError,
        match=str(
            errors.ILLEGAL_MEETING_MOVE
            % {"from": MeetingStatus.CANCELLED.label, "to": MeetingStatus.IN_SESSION.label}
        ),
    ):
        services.meeting_change_status(meeting=meeting, to_status="in_session", by=secretariat_user)
