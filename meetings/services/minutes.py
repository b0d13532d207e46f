"""Minutes (004 三.2): drafted from the meeting, reviewed by the Secretary-General or a deputy,
approved (then immutable), circulated to attendees with read receipts, archived."""

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from alliance.history import save_by
from alliance.roles import Role, has_role
from meetings import emails, errors, selectors
from meetings.errors import MINUTES_LOCKED, MeetingError
from meetings.models import (
    Attendance,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesRecipient,
    MinutesStatus,
    Office,
)
from meetings.models.minutes import STAND_IN_CAPACITY
from meetings.services.meetings import meeting_change_status
from members.selectors import notification_emails

REVIEWING_OFFICES = (Office.SECRETARY_GENERAL, Office.DEPUTY_SECRETARY_GENERAL)


def _lock(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting", "meeting__body").get(pk=minutes.pk)


def draft_text(meeting: Meeting) -> str:
    """Compose the first draft from the meeting: time, place, attendees, agenda, resolutions with counts."""
    context = {
        "meeting": meeting,
        "attendances": Attendance.objects.filter(meeting=meeting).select_related("member"),
        "agenda_items": meeting.agenda_items.prefetch_related("resolutions"),
    }
    return render_to_string("meetings/minutes_draft.txt", context).strip()


@transaction.atomic
def minutes_draft(*, meeting: Meeting, by) -> Minutes:
    """Start the minutes of a meeting that has been held (a first version)."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if not meeting.took_place:
        raise MeetingError(errors.MINUTES_BEFORE_MEETING)
    if meeting.minutes.exists():
        raise MeetingError(errors.MINUTES_EXIST)
    minutes = Minutes(meeting=meeting, version=1, text=draft_text(meeting), created_by=by)
    save_by(minutes, by)
    return minutes


@transaction.atomic
def minutes_edit(*, minutes: Minutes, text: str, by) -> Minutes:
    minutes = _lock(minutes)
    if minutes.is_locked:
        raise MeetingError(MINUTES_LOCKED)
    if not text.strip():
        raise MeetingError(errors.MINUTES_EMPTY)
    minutes.text = text.strip()
    save_by(minutes, by)
    return minutes


@transaction.atomic
def minutes_submit(*, minutes: Minutes, by) -> Minutes:
    minutes = _lock(minutes)
    minutes.move(MinutesStatus.IN_REVIEW, by=by)
    return minutes


def reviewer_capacity(user, *, on=None) -> str:
    """Return the capacity in which ``user`` may approve minutes, or '' if they may not.

    The Secretary-General or a deputy reviews (004 三.2). When no such holder is recorded
    at all, secretariat staff stand in, so an organisation that has not yet entered its
    officers can still work; once one is recorded, only the holders approve.
    """
    holders = list(
        selectors.current_office_holders(on)
        .filter(office__in=REVIEWING_OFFICES)
        .values_list("office", "holder_id")
    )
    for office, holder_id in holders:
        if holder_id == user.pk:
            return str(Office(office).label)
    if not holders and has_role(user, Role.SECRETARIAT):
        return str(STAND_IN_CAPACITY)
    return ""


@transaction.atomic
def minutes_return(*, minutes: Minutes, comment: str, by) -> Minutes:
    minutes = _lock(minutes)
    if not reviewer_capacity(by):
        raise MeetingError(errors.NOT_MINUTES_REVIEWER)
    if not comment.strip():
        raise MeetingError(errors.RETURN_REASON_REQUIRED)
    minutes.move(MinutesStatus.DRAFT, by=by, comment=comment)
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by, comment: str = "") -> Minutes:
    minutes = _lock(minutes)
    capacity = reviewer_capacity(by)
    if not capacity:
        raise MeetingError(errors.NOT_MINUTES_APPROVER)
    minutes.move(
        MinutesStatus.APPROVED,
        by=by,
        comment=comment,
        approved_by=by,
        approved_at=timezone.now(),
        approved_as=capacity,
    )
    return minutes


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, by) -> Minutes:
    """Send approved minutes to the attendees (their representatives) and record each recipient."""
    minutes = _lock(minutes)
    minutes.move(MinutesStatus.CIRCULATED, by=by, circulated_at=timezone.now())
    recipients = []
    for attendance in Attendance.objects.filter(meeting=minutes.meeting).select_related("member"):
        for email in notification_emails(attendance.member):
            recipients.append(MinutesRecipient(minutes=minutes, member=attendance.member, email=email))
    MinutesRecipient.objects.bulk_create(recipients, ignore_conflicts=True, batch_size=500)
    minutes_send_emails(minutes_id=minutes.pk)
    return minutes


@transaction.atomic
def minutes_send_emails(*, minutes_id: int) -> int:
    """Queue the minutes (in the outbox) to the recipients not yet emailed; a re-run queues nothing twice."""
    minutes = Minutes.objects.select_related("meeting", "meeting__body").get(pk=minutes_id)
    pending = list(
        MinutesRecipient.objects.select_for_update(of=("self",))
        .filter(minutes=minutes, emailed_at__isnull=True)
        .select_related("member")
    )
    if not pending:
        return 0
    MinutesRecipient.objects.filter(pk__in=[r.pk for r in pending]).update(emailed_at=timezone.now())
    return emails.queue_minutes(minutes, pending)


@transaction.atomic
def minutes_mark_read(*, minutes: Minutes, user, members) -> int:
    """Record that ``user`` read the minutes for the members they represent (read receipt)."""
    return MinutesRecipient.objects.filter(minutes=minutes, member__in=members, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=user
    )


@transaction.atomic
def minutes_archive(*, minutes: Minutes, by) -> Minutes:
    """Archive the minutes with the meeting's notice and materials (the meeting is archived too)."""
    minutes = _lock(minutes)
    minutes.move(MinutesStatus.ARCHIVED, by=by, archived_at=timezone.now())
    meeting = Meeting.objects.select_for_update().get(pk=minutes.meeting_id)
    if meeting.status == MeetingStatus.HELD:
        meeting_change_status(meeting=meeting, to_status=MeetingStatus.ARCHIVED, by=by)
    return minutes


@transaction.atomic
def minutes_correct(*, minutes: Minutes, note: str, by) -> Minutes:
    """Start a correction of approved minutes: a new draft version; the approved one stays as it was."""
    minutes = _lock(minutes)
    if not minutes.is_locked:
        raise MeetingError(errors.CORRECT_ONLY_APPROVED)
    if hasattr(minutes, "superseded_by"):
        raise MeetingError(errors.ALREADY_CORRECTED)
    if not note.strip():
        raise MeetingError(errors.CORRECTION_REASON_REQUIRED)
    version = (Minutes.objects.filter(meeting=minutes.meeting).aggregate(v=Max("version"))["v"] or 0) + 1
    new = Minutes(
        meeting=minutes.meeting,
        version=version,
        supersedes=minutes,
        text=minutes.text,
        correction_note=note.strip(),
        created_by=by,
    )
    save_by(new, by)
    return new
