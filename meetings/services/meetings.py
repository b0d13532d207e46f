"""Preparing a meeting, its notice and the sign-in (004 三.2)."""

from pathlib import PurePath

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from alliance.history import save_by
from meetings import emails, errors, rules
from meetings.errors import (
    ALREADY_CHECKED_IN,
    LATE_NOTICE_NEEDS_REASON,
    NOTICE_IN_PAST,
    MeetingError,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceMode,
    Invitation,
    InvitationResponse,
    Material,
    Meeting,
    MeetingStatus,
)
from members.models import Member, MemberStatus
from members.uploads import check_upload

EDITABLE = (MeetingStatus.DRAFT, MeetingStatus.NOTICE_ISSUED)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


@transaction.atomic
def meeting_create(
    *, body, title: str, starts_at, by, ends_at=None, mode="offline", venue="", online_link=""
):
    """Prepare a meeting (004 三.2: topic, time, place or link) and invite those entitled."""
    if ends_at and ends_at <= starts_at:
        raise MeetingError(errors.ENDS_BEFORE_START)
    if mode in ("offline", "hybrid") and not venue.strip():
        raise MeetingError(errors.VENUE_REQUIRED)
    if mode in ("online", "hybrid") and not online_link.strip():
        raise MeetingError(errors.LINK_REQUIRED)
    meeting = Meeting(
        body=body,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        venue=venue.strip(),
        online_link=online_link.strip(),
        created_by=by,
    )
    save_by(meeting, by)
    invitations_default(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, **fields) -> Meeting:
    """Change the preparation data of a meeting not yet held."""
    meeting = _lock(meeting)
    if meeting.status not in EDITABLE:
        raise MeetingError(errors.MEETING_STARTED)
    for name in ("title", "starts_at", "ends_at", "mode", "venue", "online_link"):
        if name in fields:
            setattr(meeting, name, fields[name])
    if meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise MeetingError(errors.ENDS_BEFORE_START)
    save_by(meeting, by)
    return meeting


@transaction.atomic
def invitations_default(*, meeting: Meeting, by) -> int:
    """Invite every active member entitled to sit in the body (its tiers; all when none set)."""
    members = Member.objects.filter(status=MemberStatus.ACTIVE)
    if meeting.body.entitled_tiers:
        members = members.filter(tier__in=meeting.body.entitled_tiers)
    existing = set(Invitation.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    new = [
        Invitation(meeting=meeting, member_id=pk)
        for pk in members.values_list("pk", flat=True)
        if pk not in existing
    ]
    # With their history rows: the sign-in sheet's quorum is cached on the invitations' history
    # version (meetings.selectors.sheet_quorum_counts), which a plain bulk_create would not move.
    bulk_create_with_history(Invitation.member_names(new), Invitation, batch_size=500, default_user=by)
    return len(new)


def invitations_follow_member_name(sender, instance, update_fields=None, **kwargs) -> None:
    """Keep the invitations' copy of a member's name (the sign-in sheet's order) when it is
    saved: connected to the member's ``post_save`` (``meetings.apps``)."""
    if update_fields is not None and "name" not in update_fields:
        return
    Invitation.objects.filter(member_id=instance.pk).exclude(member_name=instance.name).update(
        member_name=instance.name
    )


@transaction.atomic
def invitation_add_individual(*, meeting: Meeting, name: str, email: str, by) -> Invitation:
    """Invite a person who is not a member unit (a guest without a vote)."""
    if not name.strip() or not email.strip():
        raise MeetingError(errors.INVITEE_NEEDS_NAME_AND_EMAIL)
    invitation = Invitation(meeting=meeting, name=name.strip(), email=email.strip(), is_voting=False)
    save_by(invitation, by)
    return invitation


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, by, description: str = "") -> AgendaItem:
    meeting = _lock(meeting)
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.ARCHIVED, MeetingStatus.CANCELLED):
        raise MeetingError(errors.AGENDA_CLOSED)
    if not title.strip():
        raise MeetingError(errors.AGENDA_ITEM_NEEDS_TITLE)
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem(
        meeting=meeting, position=position, title=title.strip(), description=description, created_by=by
    )
    save_by(item, by)
    return item


@transaction.atomic
def material_add(*, agenda_item: AgendaItem, title: str, file, by) -> Material:
    """Attach a material to an agenda item: PDF, JPEG or PNG by content, within the size limit.

    Checked here, not only in the form: the stored file's type comes from its content
    (members.uploads, the one upload check), and its name gets the matching extension.
    """
    if not title.strip():
        raise MeetingError(errors.MATERIAL_NEEDS_TITLE)
    problem, _content_type, extension = check_upload(file)
    if problem:
        raise MeetingError(problem)
    file.name = f"{PurePath(file.name).stem[:100] or 'material'}{extension}"
    material = Material(agenda_item=agenda_item, title=title.strip(), file=file, uploaded_by=by)
    save_by(material, by)
    return material


@transaction.atomic
def notice_issue(*, meeting: Meeting, by, late_reason: str = "", now=None) -> Meeting:
    """Issue the notice: email every invitee's representatives the agenda and an .ics file.

    Refused for a meeting in the past. Later than the body's minimum notice period, it
    needs a reason, which is recorded (the override).
    """
    meeting = _lock(meeting)
    now = now or timezone.now()
    if meeting.starts_at <= now:
        raise MeetingError(NOTICE_IN_PAST)
    days = rules.notice_days_short(
        issued=now, starts_at=meeting.starts_at, min_days=meeting.body.min_notice_days
    )
    if days and not late_reason.strip():
        raise MeetingError(LATE_NOTICE_NEEDS_REASON % {"days": days, "min": meeting.body.min_notice_days})
    meeting.move(
        MeetingStatus.NOTICE_ISSUED,
        by=by,
        comment=late_reason,
        notice_issued_at=now,
        notice_issued_by=by,
        late_notice_reason=late_reason.strip() if days else "",
    )
    notice_send_emails(meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def notice_send_emails(*, meeting_id: int) -> int:
    """Queue the notice (in the outbox) for the invitees not yet notified; a re-run queues nothing twice.

    The invitations are marked notified in the transaction that queues their emails,
    so the notice and its emails commit together or not at all.
    """
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return 0
    invitations = list(
        Invitation.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, notified_at__isnull=True)
        .select_related("member")
    )
    if not invitations:
        return 0
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(notified_at=timezone.now())
    emails.queue_notices(meeting, invitations)
    return len(invitations)


@transaction.atomic
def invitation_answer(*, invitation: Invitation, response: str, by, delegate_name: str = "") -> Invitation:
    """Record an invitee's answer: attend, decline or send a delegate (named)."""
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if invitation.meeting.status != MeetingStatus.NOTICE_ISSUED:
        raise MeetingError(errors.ANSWERS_CLOSED)
    if response not in (InvitationResponse.ATTEND, InvitationResponse.DECLINE, InvitationResponse.DELEGATE):
        raise MeetingError(errors.CHOOSE_ANSWER)
    if response == InvitationResponse.DELEGATE and not delegate_name.strip():
        raise MeetingError(errors.DELEGATE_NAME_REQUIRED)
    invitation.response = response
    invitation.delegate_name = delegate_name.strip() if response == InvitationResponse.DELEGATE else ""
    invitation.responded_at = timezone.now()
    invitation.responded_by = by
    save_by(invitation, by)
    return invitation


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, member, mode: str, by, attendee_name: str = "", delegate_name: str = "", mandate=None
) -> Attendance:
    """Sign a member unit in (in person, online, or by a delegate with name and mandate)."""
    meeting = _lock(meeting)
    if meeting.status not in (MeetingStatus.NOTICE_ISSUED, MeetingStatus.IN_SESSION):
        raise MeetingError(errors.SIGN_IN_CLOSED)
    if not Invitation.objects.filter(meeting=meeting, member=member).exists():
        raise MeetingError(errors.NOT_INVITED)
    if mode not in AttendanceMode.values:
        raise MeetingError(errors.CHOOSE_ATTENDANCE)
    if mode == AttendanceMode.DELEGATE and not delegate_name.strip():
        raise MeetingError(errors.DELEGATE_NAME_REQUIRED)
    if Attendance.objects.filter(meeting=meeting, member=member).exists():
        raise MeetingError(ALREADY_CHECKED_IN)
    attendance = Attendance(
        meeting=meeting,
        member=member,
        mode=mode,
        attendee_name=attendee_name.strip(),
        delegate_name=delegate_name.strip() if mode == AttendanceMode.DELEGATE else "",
        signed_in_by=by,
    )
    if mandate:
        attendance.mandate = mandate
    save_by(attendance, by)
    if meeting.status == MeetingStatus.NOTICE_ISSUED:
        # The first sign-in opens the session.
        meeting.move(MeetingStatus.IN_SESSION, by=by, comment=_("Sign-in started"))
    return attendance


@transaction.atomic
def meeting_change_status(*, meeting: Meeting, to_status: str, by, comment: str = "") -> Meeting:
    """Open the session, close it (held), archive or cancel a meeting, recording who and why."""
    meeting = _lock(meeting)
    if to_status == MeetingStatus.CANCELLED and not comment.strip():
        raise MeetingError(errors.CANCEL_REASON_REQUIRED)
    if to_status == MeetingStatus.HELD and meeting.resolutions.filter(status="voting").exists():
        raise MeetingError(errors.VOTES_STILL_OPEN)
    meeting.move(to_status, by=by, comment=comment)
    return meeting


@transaction.atomic
def body_save(*, body, by):
    """Create or change a body and its rules; past results keep the rule they were judged by."""
    if not body.code.strip() or not body.name.strip():
        raise MeetingError(errors.BODY_NEEDS_CODE_AND_NAME)
    body.code = body.code.strip().upper()
    save_by(body, by)
    return body
