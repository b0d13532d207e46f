"""Minutes (004 三.2) and resolution tracking (000 §I.2)."""

import datetime
import re

import pytest
from django.utils import timezone

from meetings import errors, selectors, services, tasks
from meetings.errors import MeetingError
from meetings.models import MinutesStatus, Office
from tests.meetings.factories import in_session, make_meeting, office_holder

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3, with_reps=True)
    services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    in_session(meeting, members, by=secretariat_user)
    r = services.resolution_propose(meeting=meeting, title="Adopt the budget", by=secretariat_user)
    r = services.paper_result_record(
        resolution=r, votes_for=3, votes_against=0, votes_abstain=0, by=secretariat_user
    )
    services.meeting_change_status(meeting=meeting, to_status="held", by=secretariat_user)
    meeting.refresh_from_db()
    return meeting, members, r


def test_draft_is_composed_from_the_meeting(held, secretariat_user):
    meeting, members, r = held
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    assert meeting.title in minutes.text
    assert members[0].name in minutes.text
    assert "Budget" in minutes.text
    assert r.number in minutes.text and "3 for, 0 against, 0 abstentions" in minutes.text


def test_full_workflow_with_read_receipts(
    held, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, members, _ = held
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    # No Secretary-General recorded: the secretariat stands in, and the capacity is recorded.
    minutes = services.minutes_approve(minutes=minutes, by=secretariat_user)
    assert minutes.status == MinutesStatus.APPROVED and "Secretariat" in minutes.approved_as
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(minutes=minutes, by=secretariat_user)
    # The outbox also delivers the notices queued when the meeting was called.
    assert len([m for m in mailoutbox if m.subject.startswith("Minutes")]) == 3
    assert minutes.recipients.count() == 3
    assert tasks.send_minutes(minutes.pk) == 0  # a re-run sends nothing twice
    rep = members[0].representatives.get()
    assert services.minutes_mark_read(minutes=minutes, user=rep.user, members=[members[0]]) == 1
    receipt = minutes.recipients.get(member=members[0])
    assert receipt.read_by == rep.user and receipt.read_at is not None
    services.minutes_archive(minutes=minutes, by=secretariat_user)
    meeting.refresh_from_db()
    assert meeting.status == "archived"


def test_only_the_secretary_general_or_deputy_approves_once_one_is_recorded(held, secretariat_user):
    meeting, _, _ = held
    sg = office_holder(Office.DEPUTY_SECRETARY_GENERAL, by=secretariat_user)
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_MINUTES_APPROVER)):
        services.minutes_approve(minutes=minutes, by=secretariat_user)
    minutes = services.minutes_approve(minutes=minutes, by=sg)
    assert minutes.approved_as == "Deputy Secretary-General"


def test_approved_minutes_cannot_be_edited_a_correction_is_a_new_version(held, secretariat_user):
    meeting, _, _ = held
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    services.minutes_approve(minutes=minutes, by=secretariat_user)
    original = minutes.text
    with pytest.raises(MeetingError, match=re.escape(str(errors.MINUTES_LOCKED))):
        services.minutes_edit(minutes=minutes, text="Rewritten", by=secretariat_user)
    minutes.refresh_from_db()
    assert minutes.text == original
    correction = services.minutes_correct(minutes=minutes, note="Spelling of a name", by=secretariat_user)
    assert (correction.version, correction.supersedes, correction.status) == (2, minutes, MinutesStatus.DRAFT)
    services.minutes_edit(minutes=correction, text="Corrected text", by=secretariat_user)
    minutes.refresh_from_db()
    assert minutes.text == original and minutes.status == MinutesStatus.APPROVED


def test_minutes_pdf_renders(held, secretariat_user):
    from alliance.pdf import render_pdf

    meeting, _, _ = held
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    assert render_pdf("meetings/pdf/minutes.html", {"minutes": minutes}).startswith(b"%PDF")


def test_action_items_overdue_and_progress(held, secretariat_user):
    meeting, _, r = held
    today = timezone.localdate()
    late = services.action_item_add(
        resolution=r,
        title="Publish budget",
        owner_name="Finance",
        due_on=today - datetime.timedelta(days=1),
        by=secretariat_user,
    )
    services.action_item_add(
        resolution=r,
        title="Hire auditor",
        owner_name="Finance",
        due_on=today + datetime.timedelta(days=9),
        by=secretariat_user,
    )
    assert list(selectors.overdue_action_items()) == [late]
    services.action_item_report(item=late, note="Draft ready", status="in_progress", by=secretariat_user)
    with pytest.raises(MeetingError):
        services.action_item_report(item=late, note="", status="done", by=secretariat_user)
    services.action_item_report(item=late, note="Published", status="done", by=secretariat_user)
    assert not selectors.overdue_action_items().exists()
    assert late.updates.count() == 2


def test_action_items_only_follow_passed_resolutions(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=1)
    rejected = services.resolution_propose(meeting=meeting, title="x", by=secretariat_user)
    with pytest.raises(MeetingError):
        services.action_item_add(
            resolution=rejected, title="t", owner_name="o", due_on=timezone.localdate(), by=secretariat_user
        )


def test_progress_report_goes_on_the_next_agenda_in_one_step(held, secretariat_user):
    meeting, _, r = held
    services.action_item_add(
        resolution=r, title="Publish", owner_name="Finance", due_on=timezone.localdate(), by=secretariat_user
    )
    upcoming, _ = make_meeting(by=secretariat_user, units=0, title="Next meeting")
    item = services.progress_report_to_agenda(meeting=upcoming, by=secretariat_user)
    assert item.meeting == upcoming
    material = item.materials.get()
    assert material.file.read(4) == b"%PDF"
