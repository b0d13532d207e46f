"""Reads of the meetings app, scoped to who asks (DESIGN.md: scoping lives in querysets)."""

import datetime

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from alliance.prepared import rows_for
from alliance.roles import Role, has_role
from alliance.versions import cached_on_history
from meetings import extensions, rules
from meetings.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesRecipient,
    MinutesStatus,
    OfficeHolding,
    Resolution,
    ResolutionKind,
    ResolutionStatus,
)
from members.models import Member, MemberStatus
from members.selectors import represented_members


def rule_for(resolution: Resolution) -> rules.Rule:
    """Return the majority the resolution needs: its body's election or pass rule."""
    body = resolution.body
    return body.election_rule() if resolution.kind == ResolutionKind.ELECTION else body.pass_rule()


def is_staff(user) -> bool:
    """Secretariat staff run meetings (DESIGN.md roles); administrators hold every role."""
    return has_role(user, Role.SECRETARIAT)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Every meeting for the secretariat; for a member, the issued meetings it is invited to."""
    qs = Meeting.objects.select_related("body")
    if is_staff(user):
        return qs
    if has_role(user, Role.MEMBER):
        invited = Invitation.objects.filter(meeting=OuterRef("pk"), member__in=represented_members(user))
        return qs.filter(Exists(invited)).exclude(status__in=[MeetingStatus.DRAFT])
    return qs.none()


def passed_resolutions(kind=None, body_code=None) -> QuerySet[Resolution]:
    """Resolutions that passed, newest first; dues links waivers (GA only) and fee schedules to them."""
    qs = Resolution.objects.filter(status=ResolutionStatus.PASSED).select_related("body", "meeting")
    if kind:
        qs = qs.filter(kind=kind)
    if body_code:
        qs = qs.filter(body__code=body_code)
    return qs.order_by("-decided_at", "-id")


def expulsion_resolutions(member_id: int) -> list[tuple[str, str]]:
    """Passed expulsion resolutions naming the member, as (register number, label), newest first.

    Members cites one of them on an expulsion (extension point ``members.expulsion_resolutions``), so a
    status change can name only a real resolution that passed (001 §IV.7).
    """
    # Two columns, no joins, compiled once: the member file's status form asks on every view.
    resolutions = rows_for("meetings.expulsion_resolutions", _expulsion_resolutions, member_id)
    return [(number, f"{number}: {title}") for number, title in resolutions]


def _expulsion_resolutions(member_id: int) -> QuerySet:
    return (
        passed_resolutions(kind=ResolutionKind.EXPULSION)
        .filter(subject_member_id=member_id)
        .select_related(None)
        .values_list("number", "title")
    )


def current_office_holders(
    on: datetime.date | None = None, *, incoming: bool = False
) -> QuerySet[OfficeHolding]:
    """Office holdings running on ``on`` (today by default), in the order of the offices.

    ``incoming`` adds the holdings already recorded that start later: an election at a
    meeting dated after today (its term starts on the meeting's date) is in the register
    at once, and the page of office holders shows it beside the holder it succeeds. Rights
    that go with an office (approving minutes) follow only the holdings running on ``on``.
    """
    on = on or timezone.localdate()
    running = OfficeHolding.objects.all() if incoming else OfficeHolding.objects.filter(started_on__lte=on)
    return (
        running.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("holder", "member", "resolution")
        .order_by("office", "started_on", "id")
    )


def office_history(*, office=None, holder=None, member=None) -> QuerySet[OfficeHolding]:
    qs = OfficeHolding.objects.select_related("holder", "member", "resolution", "appointed_by")
    if office:
        qs = qs.filter(office=office)
    if holder is not None:
        qs = qs.filter(holder=holder)
    if member is not None:
        qs = qs.filter(member=member)
    return qs.order_by("-started_on", "-id")


def meeting_attendance(member_ids=None, since=None) -> list[tuple[int, datetime.date, int, bool]]:
    """Rows (meeting id, date, member id, attended) per held meeting in date order, for every
    member unit invited; feeds the participation rule (003 第九条) of the secretariat."""
    invitations = Invitation.objects.filter(
        member__isnull=False, meeting__status__in=[MeetingStatus.HELD, MeetingStatus.ARCHIVED]
    )
    if member_ids is not None:
        invitations = invitations.filter(member_id__in=list(member_ids))
    if since is not None:
        invitations = invitations.filter(meeting__starts_at__date__gte=since)
    attended = Attendance.objects.filter(meeting=OuterRef("meeting_id"), member=OuterRef("member_id"))
    rows = (
        invitations.annotate(attended=Exists(attended))
        .order_by("meeting__starts_at", "meeting_id", "member_id")
        .values_list("meeting_id", "meeting__starts_at", "member_id", "attended")
    )
    return [(mid, timezone.localdate(at), member_id, att) for mid, at, member_id, att in rows]


def voting_units(meeting: Meeting) -> QuerySet:
    """Invited member units entitled to vote now (rights not suspended or ended)."""
    return Invitation.objects.filter(meeting=meeting, is_voting=True, member__status=MemberStatus.ACTIVE)


def members_in_arrears(body, member_ids, *, on: datetime.date) -> set[int]:
    """Return the members among ``member_ids`` who lose their vote for arrears at ``body``.

    Only when the body's option is on (the Charter does not say so); the check is the
    ``meetings.members_in_arrears`` extension point (provided by dues, which this layer
    must not import).
    """
    if not body.arrears_lose_vote or not member_ids:
        return set()
    return set(extensions.members_in_arrears.call_one(list(member_ids), on=on))


def electorate(meeting: Meeting) -> tuple[set[int], set[int]]:
    """Return (entitled member ids, present-and-entitled member ids) at this moment."""
    entitled = set(voting_units(meeting).values_list("member_id", flat=True))
    entitled -= members_in_arrears(meeting.body, entitled, on=timezone.localdate())
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    return entitled, present & entitled


def quorum_counts(meeting: Meeting) -> tuple[int, int]:
    """(entitled units, entitled units present), counted in one query over the voting units.

    The present ones are the voting units joined to their attendance at this meeting (one at
    most: unique per meeting and member) and counted where one is found, where a second COUNT
    read the voting units and their members again: ~2.5 ms and a query less on the sign-in
    sheet of 2,000 units in the issue 15 bench (an EXISTS per unit instead cost ~1 ms more).
    """
    counts = (
        voting_units(meeting)
        .annotate(
            attended=FilteredRelation(
                "member__meeting_attendances", condition=Q(member__meeting_attendances__meeting=meeting)
            )
        )
        .aggregate(entitled=Count("pk"), present=Count("attended"))
    )
    return counts["entitled"], counts["present"]


def sheet_quorum_counts(meeting: Meeting, newest_sign_in: int) -> tuple[int, int]:
    """``quorum_counts`` kept in the cache until an invitation, attendance or member changes
    (their history versions; every write to them goes through history) or the meeting's newest
    sign-in does: ~3 ms of the sign-in sheet of 2,000 units in the issue 15 bench, where the
    count joins every voting invitation to its member and attendance.

    ``newest_sign_in`` is the id of the meeting's latest attendance, read before this call
    (the sheet's ``recent_check_ins``): sign-ins of a meeting are serialised by its row lock,
    so their ids grow in commit order there, while history ids of all meetings' sign-ins need
    not (a later id committed first would hide an earlier one from the versions alone).
    """
    return cached_on_history(
        "meetings:quorum-counts",
        (Invitation, Attendance, Member),
        lambda: quorum_counts(meeting),
        meeting.pk,
        newest_sign_in,
    )


def quorum_state(meeting: Meeting, *, newest_sign_in: int | None = None) -> rules.QuorumState:
    """Return the live quorum: entitled units present against all entitled units (000 §I).

    With ``newest_sign_in`` (the sign-in sheet's, see ``sheet_quorum_counts``) the counts may
    come from the cache; the decisions of the services (may a vote open?) count afresh.
    """
    body = meeting.body
    if body.arrears_lose_vote:
        # Members fall into arrears with the days and the ledger: always counted afresh.
        entitled, present = electorate(meeting)
        entitled_count, present_count = len(entitled), len(present)
    elif newest_sign_in is not None:
        entitled_count, present_count = sheet_quorum_counts(meeting, newest_sign_in)
    else:
        entitled_count, present_count = quorum_counts(meeting)
    rule = body.quorum_rule()
    return rules.quorum(present_count, entitled_count, rule.fraction, strict=rule.strict)


def overdue_action_items(today: datetime.date | None = None) -> QuerySet[ActionItem]:
    today = today or timezone.localdate()
    return (
        ActionItem.objects.filter(due_on__lt=today, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        .select_related("resolution", "resolution__body", "owner")
        .order_by("due_on", "id")
    )


def upcoming_meetings(now=None) -> QuerySet[Meeting]:
    now = now or timezone.now()
    return (
        Meeting.objects.filter(starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("starts_at")
    )


def open_resolutions_with_progress() -> QuerySet[Resolution]:
    """Passed resolutions with open action items, and those items with their updates (the report)."""
    open_items = ActionItem.objects.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    return (
        Resolution.objects.filter(status=ResolutionStatus.PASSED)
        .filter(Exists(open_items.filter(resolution=OuterRef("pk"))))
        .select_related("body", "meeting")
        .prefetch_related(
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner")
                .prefetch_related("updates")
                .order_by("due_on"),
            )
        )
        .order_by("decided_at", "id")
    )


def minutes_for_member(user) -> QuerySet[MinutesRecipient]:
    """The circulated minutes addressed to the members the user represents."""
    return (
        MinutesRecipient.objects.filter(
            member__in=represented_members(user),
            minutes__status__in=[MinutesStatus.CIRCULATED, MinutesStatus.ARCHIVED],
        )
        .select_related("minutes", "minutes__meeting", "minutes__meeting__body")
        .order_by("-minutes__meeting__starts_at")
    )


def minutes_visible_to(user) -> QuerySet[Minutes]:
    qs = Minutes.objects.select_related("meeting", "meeting__body")
    if is_staff(user):
        return qs
    if has_role(user, Role.MEMBER):
        return qs.filter(
            status__in=[MinutesStatus.CIRCULATED, MinutesStatus.ARCHIVED],
            recipients__member__in=represented_members(user),
        ).distinct()
    return qs.none()


def _staff_only(user, queryset: QuerySet) -> QuerySet:
    """The secretariat runs meetings: its pages open any of them, nobody else's do."""
    return queryset if is_staff(user) else queryset.none()


def meeting_for(user, pk) -> Meeting:
    """Return the meeting if the user runs meetings (the secretariat), else 404."""
    return get_object_or_404(_staff_only(user, Meeting.objects.select_related("body")), pk=pk)


def sheet_meeting_for(user, pk) -> Meeting:
    """``meeting_for`` with the meeting's room in the same query (``meeting.room``, absent
    until the secretariat first opens it), for the sign-in sheet and its poll, which show
    whether online check-in is open: a query less on each. Compiled once per process
    (``alliance.prepared``: the meeting, its body and room are forty columns), ~0.4 ms of the
    sheet of 2,000 units and of each of its polls in the issue 15 bench."""
    # Beyond the column's range Django would compile the lookup to no row at all.
    if not is_staff(user) or not 0 < pk < 2**63:
        raise Http404
    rows = rows_for("meetings.sheet_meeting", _sheet_meeting, pk)
    if not rows:
        raise Http404
    return rows[0]


def _sheet_meeting(pk: int) -> QuerySet:
    return Meeting.objects.select_related("body", "room").filter(pk=pk)


def resolution_for(user, pk) -> Resolution:
    """Return the motion if the user runs meetings (the secretariat), else 404."""
    resolutions = Resolution.objects.select_related(
        "meeting", "body", "subject_member", "candidate_user", "agenda_item"
    )
    return get_object_or_404(_staff_only(user, resolutions), pk=pk)


def minutes_for(user, pk) -> Minutes:
    """Return the minutes if the user drafts them (the secretariat), else 404."""
    minutes = Minutes.objects.select_related("meeting", "meeting__body", "approved_by")
    return get_object_or_404(_staff_only(user, minutes), pk=pk)


def readable_minutes_for(user, pk) -> Minutes:
    """Return circulated minutes the user may read (as staff or a recipient), else 404."""
    return get_object_or_404(minutes_visible_to(user), pk=pk)


def attendance_counts(meeting_ids) -> dict[int, int]:
    return dict(
        Attendance.objects.filter(meeting_id__in=meeting_ids)
        .values("meeting_id")
        .annotate(n=Count("id"))
        .values_list("meeting_id", "n")
    )


def round_counts(resolution: Resolution) -> dict[str, int]:
    """The current round's choices (one query): a secret ballot's counters, or the rows of an
    open ballot (each naming its unit)."""
    from meetings.models import Ballot, SecretTally

    if resolution.secret:
        rows = SecretTally.objects.filter(resolution=resolution, round=resolution.round).values_list(
            "choice", "count"
        )
    else:
        rows = (
            Ballot.objects.filter(resolution=resolution, round=resolution.round)
            .values("choice")
            .annotate(n=Count("id"))
            .values_list("choice", "n")
        )
    counts = dict(rows)
    return {c: counts.get(c, 0) for c in ("for", "against", "abstain")}


def tally(resolution: Resolution) -> dict:
    """The current round's counts: electors, ballots cast, and choices (three queries)."""
    from meetings.models import BallotCast, Elector

    return {
        "electors": Elector.objects.filter(resolution=resolution, round=resolution.round).count(),
        "cast": BallotCast.objects.filter(resolution=resolution, round=resolution.round).count(),
        **round_counts(resolution),
    }
