"""Motions on the agenda (000 §I), including the expulsion motion dues proposes (001 §IV.7)."""

from django.db import transaction
from django.utils.translation import gettext as _

from alliance.history import save_by
from meetings import errors
from meetings.errors import MeetingError
from meetings.models import AgendaItem, Meeting, MeetingStatus, Resolution, ResolutionKind
from meetings.services.meetings import agenda_item_add
from members.models import MemberStatus

OPEN_MEETING = (MeetingStatus.DRAFT, MeetingStatus.NOTICE_ISSUED, MeetingStatus.IN_SESSION)


@transaction.atomic
def resolution_propose(
    *,
    meeting: Meeting,
    title: str,
    by,
    kind: str = ResolutionKind.ORDINARY,
    text: str = "",
    agenda_item: AgendaItem | None = None,
    secret: bool = False,
    subject_member=None,
    office: str = "",
    candidate_user=None,
    candidate_member=None,
) -> Resolution:
    """Put a motion on an agenda item (a new item titled after it when none is given)."""
    if meeting.status not in OPEN_MEETING:
        raise MeetingError(errors.MOTIONS_CLOSED)
    if not title.strip():
        raise MeetingError(errors.MOTION_NEEDS_TITLE)
    if kind == ResolutionKind.EXPULSION and subject_member is None:
        raise MeetingError(errors.EXPULSION_NEEDS_MEMBER)
    if agenda_item is None:
        agenda_item = agenda_item_add(meeting=meeting, title=title, description=text, by=by)
    elif agenda_item.meeting_id != meeting.pk:
        raise MeetingError(errors.ITEM_OF_OTHER_MEETING)
    resolution = Resolution(
        meeting=meeting,
        body=meeting.body,
        agenda_item=agenda_item,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        secret=secret,
        subject_member=subject_member,
        office=office,
        candidate_user=candidate_user,
        candidate_member=candidate_member,
        proposed_by=by,
    )
    save_by(resolution, by)
    return resolution


@transaction.atomic
def expulsion_propose(*, member, meeting: Meeting, reason: str, by) -> Resolution:
    """Put the expulsion of a member on a meeting's agenda (001 §IV.7: the congress may expel
    members in arrears or in breach of the Charter). Dues calls this from its arrears page."""
    if not reason.strip():
        raise MeetingError(errors.EXPULSION_REASON_REQUIRED)
    if member.status in (MemberStatus.EXPELLED, MemberStatus.WITHDRAWN):
        raise MeetingError(errors.NO_LONGER_A_MEMBER)
    return resolution_propose(
        meeting=meeting,
        title=_("Expulsion of %(member)s") % {"member": member.name},
        text=reason,
        kind=ResolutionKind.EXPULSION,
        subject_member=member,
        by=by,
    )
