"""Reads of the meeting room: who may act for a unit, and the live state every poll shows.

Each function costs a fixed number of queries whatever the number of units, because
the pages that call them are polled every two seconds by every unit in the room.
"""

from dataclasses import dataclass

from django.db.models import Q

from alliance.prepared import rows_for
from meetings import rules, selectors
from meetings.models import (
    Attendance,
    Ballot,
    BallotCast,
    Choice,
    ContestCandidate,
    Elector,
    Invitation,
    Mandate,
    Meeting,
    MeetingRoom,
    MeetingStatus,
    Resolution,
    ResolutionStatus,
    SpeakerRequest,
    SpeakerStatus,
)
from members.models import Representative

PRIMARY, DEPUTY, DELEGATE = "primary", "deputy", "delegate"
ROOM_STATUSES = (MeetingStatus.NOTICE_ISSUED, MeetingStatus.IN_SESSION, MeetingStatus.HELD)
RECENT_CHECK_INS = 10


@dataclass(frozen=True)
class Actor:
    """A person acting for a unit in a meeting: as its primary or deputy, or by mandate."""

    role: str
    name: str


def acting_as(user, meeting: Meeting, member) -> Actor | None:
    """Return how ``user`` may act for ``member`` in ``meeting``, or None (two queries at most).

    The primary and deputy act for their unit; anyone else only while holding the unit's
    current mandate for this very meeting.
    """
    if not user.is_authenticated:
        return None
    if getattr(member, "user_id", None) == user.pk:
        # An individual member acts for itself (as members.selectors.represented_members has it).
        return Actor(role=PRIMARY, name=user.get_full_name() or user.username)
    rep = (
        Representative.objects.current()
        .filter(member_id=member.pk, user=user)
        .order_by("role")
        .values_list("role", "name")
        .first()
    )
    if rep:
        return Actor(role=rep[0], name=rep[1])
    if Mandate.objects.filter(
        meeting=meeting, member_id=member.pk, delegate=user, revoked_at__isnull=True
    ).exists():
        return Actor(role=DELEGATE, name=user.get_full_name() or user.username)
    return None


def rooms_for(user, meeting: Meeting):
    """The invitations of the units ``user`` may act for in ``meeting`` (by role or by mandate)."""
    if not user.is_authenticated or meeting.status not in ROOM_STATUSES:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(meeting=meeting, member__isnull=False)
        .filter(
            Q(member__representatives__user=user, member__representatives__ended_on__isnull=True)
            | Q(member__user=user)
            | Q(
                member__meeting_mandates__meeting=meeting,
                member__meeting_mandates__delegate=user,
                member__meeting_mandates__revoked_at__isnull=True,
            )
        )
        .select_related("member")
        .distinct()
        .order_by("member__name")
    )


def meetings_with_room(user):
    """Meetings of the rooms ``user`` may enter: as a representative or as a delegate."""
    return (
        Meeting.objects.filter(status__in=ROOM_STATUSES)
        .filter(
            Q(
                invitations__member__representatives__user=user,
                invitations__member__representatives__ended_on__isnull=True,
            )
            | Q(mandates__delegate=user, mandates__revoked_at__isnull=True)
        )
        .select_related("body")
        .distinct()
        .order_by("-starts_at")
    )


def room_of(meeting: Meeting) -> MeetingRoom:
    """The meeting's room state; an unsaved closed one before the secretariat first opens it."""
    room = MeetingRoom.objects.filter(meeting=meeting).select_related("current_item").first()
    return room or MeetingRoom(meeting=meeting)


def open_vote(meeting: Meeting) -> Resolution | None:
    return (
        Resolution.objects.filter(meeting=meeting, status=ResolutionStatus.VOTING)
        .select_related("candidate_user", "agenda_item")
        .order_by("-voting_opened_at", "-id")
        .first()
    )


def last_result(meeting: Meeting) -> Resolution | None:
    return (
        Resolution.objects.filter(
            meeting=meeting, status__in=[ResolutionStatus.PASSED, ResolutionStatus.REJECTED]
        )
        .order_by("-decided_at", "-id")
        .first()
    )


def ballots_progress(resolution: Resolution) -> tuple[int, int]:
    """(ballots received, ballots expected) in the current round: two counts."""
    round_filter = {"resolution": resolution, "round": resolution.round}
    return BallotCast.objects.filter(**round_filter).count(), Elector.objects.filter(**round_filter).count()


def speakers(room: MeetingRoom) -> list[SpeakerRequest]:
    """The list of speakers on the item under discussion, in the chair's order."""
    if not room.current_item_id:
        return []
    return list(
        SpeakerRequest.objects.filter(agenda_item_id=room.current_item_id)
        .exclude(status=SpeakerStatus.WITHDRAWN)
        .order_by("position", "id")
    )


def live_state(meeting: Meeting) -> dict:
    """What the projector and every room show: quorum, the vote under way or the last result,
    the item under discussion and its speakers (a fixed number of queries)."""
    room = room_of(meeting)
    vote = open_vote(meeting)
    state = {
        "meeting": meeting,
        "room": room,
        "quorum": selectors.quorum_state(meeting),
        "vote": vote,
        "result": None,
        "speakers": speakers(room),
    }
    if vote:
        state["received"], state["expected"] = ballots_progress(vote)
        state["contest"], state["candidates"] = contest_of(vote)
    else:
        result = state["result"] = last_result(meeting)
        if result and result.rule_numerator is not None:
            state["result_rule"] = rules.describe_rule(
                result.rule_numerator, result.rule_denominator, result.rule_strict, result.rule_base
            )
        if result:
            state["contest"], state["candidates"] = contest_of(result)
    return state


def contest_of(resolution: Resolution):
    """(contest, its candidacies) when ``resolution`` is a candidacy in one, else (None, [])."""
    entry = ContestCandidate.objects.filter(resolution=resolution).select_related("contest").first()
    if entry is None:
        return None, []
    candidates = list(
        Resolution.objects.filter(contest_entry__contest=entry.contest)
        .select_related("candidate_user")
        .order_by("pk")
    )
    return entry.contest, candidates


def unit_status(meeting: Meeting, member, vote: Resolution | None) -> dict:
    """The unit's own status: its attendance, and its ballot on the open vote (with its choice
    when the vote is open: a secret choice is never stored against the unit)."""
    attendance = Attendance.objects.filter(meeting=meeting, member_id=member.pk).first()
    status = {"attendance": attendance, "elector": False, "cast": None, "choice": None}
    if vote:
        round_filter = {"resolution": vote, "round": vote.round, "member_id": member.pk}
        status["elector"] = Elector.objects.filter(**round_filter).exists()
        status["cast"] = BallotCast.objects.filter(**round_filter).first()
        if status["cast"] and not vote.secret:
            choice = Ballot.objects.filter(**round_filter).values_list("choice", flat=True).first()
            status["choice"] = Choice(choice).label if choice else None
    return status


def recent_check_ins(meeting: Meeting) -> list[Attendance]:
    """The latest sign-ins, newest first (the first one's id is the sheet's watermark), with
    the columns the sheet's live head shows only: each member's twenty columns cost ~0.3 ms of
    the sheet in the issue 15 bench. Compiled once per process (``alliance.prepared``), which
    saved ~0.5 ms more of the sheet and of each of its polls there."""
    return rows_for("meetings.recent_check_ins", _recent_check_ins, meeting.pk)


def _recent_check_ins(meeting_id: int):
    return (
        Attendance.objects.filter(meeting_id=meeting_id)
        .select_related("member")
        .only("meeting_id", "member_id", "mode", "signed_in_at", "member__name")
        .order_by("-id")[:RECENT_CHECK_INS]
    )


def check_in_is_open(meeting: Meeting) -> bool:
    """Whether units may check in online now: all the sign-in sheet's window button reads of
    the room, which comes with the meeting when read by ``selectors.sheet_meeting_for``."""
    try:
        return meeting.room.check_in_open
    except MeetingRoom.DoesNotExist:
        return False


SIGNED_ROWS_PER_POLL = 100


def signed_in_after(meeting: Meeting, after: int) -> list[tuple[Invitation, Attendance]]:
    """Sign-ins recorded since attendance id ``after``, oldest first and at most
    SIGNED_ROWS_PER_POLL (a poll that sends fewer than there are catches up at the next),
    each with its invitation: the rows the sign-in sheet's poll swaps (two queries)."""
    attendances = list(
        Attendance.objects.filter(meeting=meeting, pk__gt=after).order_by("pk")[:SIGNED_ROWS_PER_POLL]
    )
    invitations = {
        inv.member_id: inv
        for inv in Invitation.objects.filter(
            meeting=meeting, member_id__in=[a.member_id for a in attendances]
        ).select_related("member")
    }
    return [(invitations[a.member_id], a) for a in attendances if a.member_id in invitations]
