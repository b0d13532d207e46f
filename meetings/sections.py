"""This app's sections of the staff dashboard (composed in secretariat/dashboard.py) and of
the member file (connected to ``members.member_file_sections`` in apps.py)."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.prepared import rows_for
from alliance.roles import Role, has_role
from alliance.sections import Section
from alliance.versions import cached_on_history
from meetings import selectors
from meetings.models import ActionItem, Attendance, Body, Invitation, Meeting, MeetingStatus, Resolution
from members.selectors import represented_members

DASHBOARD_ROWS = 5
# What the member file's positions show (meetings/sections/member_positions.html); the holder
# is named by alliance.apps.person_name.
HOLDING_COLUMNS = (
    "office",
    *(f"holder__{name}" for name in ("first_name", "last_name", "username")),
    "started_on",
    "ended_on",
    "end_reason",
    "how",
)


def _is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


# What the dashboard shows of meetings and action items (a body's code, a resolution's number).
DASHBOARD_VERSIONS = (Meeting, Body, ActionItem, Resolution)


def dashboard_context(request, **kwargs) -> dict:
    """Upcoming meetings and overdue action items, cached until one of them (or a body or a
    resolution shown with them) changes: their two queries cost ~1.2 ms of the staff dashboard
    in the issue 15 bench. The meetings are kept until the first of them has started, the
    items for the day (overdue is by date)."""
    now = timezone.now()
    today = timezone.localdate(now)

    def compute():
        # The columns shown only: a resolution's text and its body, the owner, are not.
        meetings = selectors.upcoming_meetings(now).only("title", "starts_at", "body__code")
        items = selectors.overdue_action_items(today).select_related(None).select_related("resolution")
        return {
            "upcoming_meetings": list(meetings[:DASHBOARD_ROWS]),
            "overdue_items": list(items.only("title", "due_on", "resolution__number")[:DASHBOARD_ROWS]),
        }

    def valid(context):
        return all(meeting.starts_at >= now for meeting in context["upcoming_meetings"])

    return cached_on_history(
        "meetings:dashboard", DASHBOARD_VERSIONS, compute, today, DASHBOARD_ROWS, request=request, valid=valid
    )


def _is_member_not_staff(user) -> bool:
    # Staff see the secretariat's section; superusers hold every role but represent nobody.
    return has_role(user, Role.MEMBER) and not user.is_superuser and not _is_secretariat(user)


def member_dashboard_context(request, **kwargs) -> dict:
    """The member's coming invitations and the minutes circulated to it not yet read (two queries)."""
    invitations = (
        Invitation.objects.filter(
            member__in=represented_members(request.user),
            meeting__starts_at__gte=timezone.now(),
            meeting__status=MeetingStatus.NOTICE_ISSUED,
        )
        .select_related("meeting", "meeting__body", "member")
        .order_by("meeting__starts_at")[:DASHBOARD_ROWS]
    )
    unread = selectors.minutes_for_member(request.user).filter(read_at__isnull=True)[:DASHBOARD_ROWS]
    return {"invitations": list(invitations), "unread_minutes": list(unread)}


def member_meetings_context(request, *, member, **kwargs) -> dict:
    """The member's participation record: meetings it was invited to and whether it attended."""
    rows = rows_for("meetings.member_meetings", _member_meetings, member.pk)
    return {"participation": [(inv.meeting, inv.attended) for inv in rows]}


def _member_meetings(member_id: int):
    attended = Attendance.objects.filter(meeting=OuterRef("meeting_id"), member_id=member_id)
    return (
        Invitation.objects.filter(member_id=member_id, meeting__status__in=["held", "archived"])
        .select_related("meeting", "meeting__body")
        .annotate(attended=Exists(attended))
        # The columns shown only (~0.3 ms less to compile and read on the member file).
        .only("meeting__title", "meeting__starts_at", "meeting__body__code")
        .order_by("-meeting__starts_at")[:20]
    )


def member_positions_context(request, *, member, **kwargs) -> dict:
    """Positions held in the alliance by the member's people (003 §三: history of positions)."""
    # The columns the section shows only: the holdings' four joins and every column cost
    # ~0.8 ms of the member file to compile in the issue 15 bench.
    holdings = rows_for("meetings.member_positions", _member_positions, member.pk)
    return {"holdings": holdings, "today": timezone.localdate()}


def _member_positions(member_id: int):
    return (
        selectors.office_history()
        .filter(member_id=member_id)
        .select_related(None)
        .select_related("holder")
        .only(*HOLDING_COLUMNS)[:20]
    )


DASHBOARD = Section(
    key="meetings",
    title=_("Meetings and resolutions"),
    template="meetings/sections/dashboard.html",
    context=dashboard_context,
    visible=_is_secretariat,
    versions=DASHBOARD_VERSIONS,
)
MEMBER_DASHBOARD = Section(
    key="my-meetings",
    title=_("Your meetings"),
    template="meetings/sections/member_dashboard.html",
    context=member_dashboard_context,
    visible=_is_member_not_staff,
)
MEMBER_FILE_MEETINGS = Section(
    key="meetings-attended",
    title=_("Meetings attended"),
    template="meetings/sections/member_meetings.html",
    context=member_meetings_context,
    order=40,
)
MEMBER_FILE_POSITIONS = Section(
    key="positions-held",
    title=_("Positions held"),
    template="meetings/sections/member_positions.html",
    context=member_positions_context,
    order=41,
)
