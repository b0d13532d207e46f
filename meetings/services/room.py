"""The meeting room (000 §I.1 "online or offline"): the check-in window, mandates, check-in
and ballots from a representative's own account, and the list of speakers.

Presence stays one Attendance row per unit whoever records it (the clerk in the room or
the unit's representative online), and votes go through ``vote_cast``: one vote per unit
whichever way it comes.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from alliance.history import save_by
from meetings import errors, room
from meetings.errors import MeetingError
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceMode,
    BallotCast,
    Invitation,
    Mandate,
    Meeting,
    MeetingRoom,
    MeetingStatus,
    Resolution,
    SpeakerRequest,
    SpeakerStatus,
)
from meetings.services.meetings import attendance_record
from meetings.services.votes import vote_cast

LIVE = (MeetingStatus.NOTICE_ISSUED, MeetingStatus.IN_SESSION)


def _room(meeting: Meeting) -> MeetingRoom:
    """The meeting's room row, created on first use and locked for this transaction."""
    MeetingRoom.objects.get_or_create(meeting=meeting)
    return MeetingRoom.objects.select_for_update().get(meeting=meeting)


def _actor(user, meeting, member) -> room.Actor:
    actor = room.acting_as(user, meeting, member)
    if actor is None:
        raise MeetingError(errors.NOT_REPRESENTATIVE)
    return actor


@transaction.atomic
def check_in_window_set(*, meeting: Meeting, is_open: bool, by) -> MeetingRoom:
    """Open or close the window in which representatives check their units in themselves."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if is_open and meeting.status not in LIVE:
        raise MeetingError(errors.CHECK_IN_NOT_OPEN)
    state = _room(meeting)
    state.check_in_open = is_open
    state.check_in_changed_at = timezone.now()
    state.check_in_changed_by = by
    save_by(state, by)
    return state


@transaction.atomic
def mandate_grant(*, meeting: Meeting, member, delegate, by, note: str = "") -> Mandate:
    """Record a unit's mandate to a named person for this meeting (one holder at a time)."""
    if meeting.status not in LIVE and meeting.status != MeetingStatus.DRAFT:
        raise MeetingError(errors.MANDATES_CLOSED)
    if not Invitation.objects.filter(meeting=meeting, member=member, is_voting=True).exists():
        raise MeetingError(errors.NOT_INVITED)
    current = Mandate.objects.filter(meeting=meeting, member=member, revoked_at__isnull=True).first()
    if current:
        name = current.delegate.get_full_name() or current.delegate.username
        raise MeetingError(errors.MANDATE_TAKEN % {"name": name})
    try:
        with transaction.atomic():
            return Mandate.objects.create(
                meeting=meeting, member=member, delegate=delegate, note=note.strip(), granted_by=by
            )
    except IntegrityError:
        # Two clerks recording a mandate for the same unit at once: the constraint decides.
        raise MeetingError(errors.MANDATE_TAKEN % {"name": errors.MANDATE_HOLDER_UNKNOWN}) from None


@transaction.atomic
def mandate_revoke(*, mandate: Mandate, by) -> Mandate:
    """End a mandate; the delegate can no longer act (a check-in already made stays the unit's)."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.revoked_at:
        raise MeetingError(errors.MANDATE_REVOKED)
    mandate.revoked_at = timezone.now()
    mandate.revoked_by = by
    mandate.save(update_fields=["revoked_at", "revoked_by"])
    return mandate


@transaction.atomic
def room_check_in(*, meeting: Meeting, member, by) -> Attendance:
    """Check a unit in from the meeting room, by its representative or mandated delegate,
    while the secretariat keeps the check-in window open (000 §I quorum counts it at once)."""
    actor = _actor(by, meeting, member)
    if not _room(meeting).check_in_open:
        raise MeetingError(errors.CHECK_IN_CLOSED)
    if actor.role == room.DELEGATE:
        return attendance_record(
            meeting=meeting, member=member, mode=AttendanceMode.DELEGATE, delegate_name=actor.name, by=by
        )
    return attendance_record(
        meeting=meeting, member=member, mode=AttendanceMode.ONLINE, attendee_name=actor.name, by=by
    )


@transaction.atomic
def room_vote_cast(*, resolution: Resolution, member, choice: str, by) -> BallotCast:
    """Cast a unit's one vote from the meeting room.

    Refused unless ``by`` represents the unit or holds its mandate, and the unit is checked
    in; ``vote_cast`` then refuses a closed vote, a suspended unit, a unit outside the
    electorate frozen at opening, and a second vote.
    """
    actor = _actor(by, resolution.meeting, member)
    if not Attendance.objects.filter(meeting_id=resolution.meeting_id, member=member).exists():
        raise MeetingError(errors.NOT_CHECKED_IN)
    return vote_cast(resolution=resolution, member=member, choice=choice, by=by, cast_by_name=actor.name)


@transaction.atomic
def current_item_set(*, meeting: Meeting, agenda_item: AgendaItem | None, by) -> MeetingRoom:
    """Put an agenda item under discussion (requests to speak are taken on it)."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError(errors.ITEM_OF_OTHER_MEETING)
    state = _room(meeting)
    state.current_item = agenda_item
    save_by(state, by)
    return state


@transaction.atomic
def speaker_request(*, meeting: Meeting, member, by) -> SpeakerRequest:
    """Ask for the floor on the item under discussion for a checked-in unit (end of the list)."""
    actor = _actor(by, meeting, member)
    state = _room(meeting)
    if not state.current_item_id:
        raise MeetingError(errors.NO_CURRENT_ITEM)
    if not Attendance.objects.filter(meeting=meeting, member=member).exists():
        raise MeetingError(errors.NOT_CHECKED_IN)
    item_requests = SpeakerRequest.objects.filter(agenda_item_id=state.current_item_id)
    if item_requests.filter(
        member=member, status__in=[SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]
    ).exists():
        raise MeetingError(errors.ALREADY_ASKED)
    position = (item_requests.aggregate(m=Max("position"))["m"] or 0) + 1
    request = SpeakerRequest(
        agenda_item_id=state.current_item_id,
        member=member,
        speaker_name=actor.name,
        position=position,
        requested_by=by,
    )
    save_by(request, by)
    return request


def _speaker(request: SpeakerRequest) -> SpeakerRequest:
    return SpeakerRequest.objects.select_for_update().get(pk=request.pk)


def _set_speaker_status(request: SpeakerRequest, status: str, by) -> SpeakerRequest:
    request.status = status
    request.changed_by = by
    request.changed_at = timezone.now()
    save_by(request, by)
    return request


@transaction.atomic
def speaker_withdraw(*, request: SpeakerRequest, by) -> SpeakerRequest:
    """Withdraw a unit's request to speak, by its representative, while still waiting."""
    request = _speaker(request)
    _actor(by, request.agenda_item.meeting, request.member)
    if request.status != SpeakerStatus.WAITING:
        raise MeetingError(errors.REQUEST_NOT_WAITING)
    return _set_speaker_status(request, SpeakerStatus.WITHDRAWN, by)


@transaction.atomic
def speaker_call(*, request: SpeakerRequest, by) -> SpeakerRequest:
    """Give the floor (the chair): the one speaking before has spoken."""
    _room(request.agenda_item.meeting)  # one chair action at a time per meeting
    request = _speaker(request)
    if request.status != SpeakerStatus.WAITING:
        raise MeetingError(errors.SPEAKER_NOT_WAITING)
    for speaking in SpeakerRequest.objects.filter(
        agenda_item_id=request.agenda_item_id, status=SpeakerStatus.SPEAKING
    ):
        _set_speaker_status(speaking, SpeakerStatus.DONE, by)
    return _set_speaker_status(request, SpeakerStatus.SPEAKING, by)


@transaction.atomic
def speaker_done(*, request: SpeakerRequest, by) -> SpeakerRequest:
    """Mark the speaker as having spoken (the chair)."""
    request = _speaker(request)
    if request.status != SpeakerStatus.SPEAKING:
        raise MeetingError(errors.SPEAKER_HAS_NO_FLOOR)
    return _set_speaker_status(request, SpeakerStatus.DONE, by)


@transaction.atomic
def speaker_move(*, request: SpeakerRequest, up: bool, by) -> SpeakerRequest:
    """Move a waiting speaker one place up or down the list (the chair orders it)."""
    _room(request.agenda_item.meeting)
    request = _speaker(request)
    waiting = SpeakerRequest.objects.filter(
        agenda_item_id=request.agenda_item_id, status=SpeakerStatus.WAITING
    )
    if up:
        other = waiting.filter(position__lt=request.position).order_by("-position").first()
    else:
        other = waiting.filter(position__gt=request.position).order_by("position").first()
    if request.status != SpeakerStatus.WAITING or other is None:
        return request
    request.position, other.position = other.position, request.position
    for row in (request, other):
        row.changed_by, row.changed_at = by, timezone.now()
        save_by(row, by)
    return request
