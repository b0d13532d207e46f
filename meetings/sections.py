"""Sections this app adds to the staff dashboard and to member files (alliance.registry)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance import registry
from alliance.registry import Section
from alliance.roles import Role, has_role
from meetings import selectors
from meetings.models import Attendance, Invitation

DASHBOARD_ROWS = 5


def _is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def dashboard_context(request, **kwargs) -> dict:
    """Upcoming meetings and overdue action items (two queries, whatever the data size)."""
    return {
        "upcoming_meetings": list(selectors.upcoming_meetings()[:DASHBOARD_ROWS]),
        "overdue_items": list(selectors.overdue_action_items()[:DASHBOARD_ROWS]),
    }


def member_meetings_context(request, *, member, **kwargs) -> dict:
    """The member's participation record: meetings it was invited to and whether it attended."""
    rows = (
        Invitation.objects.filter(member=member, meeting__status__in=["held", "archived"])
        .select_related("meeting", "meeting__body")
        .order_by("-meeting__starts_at")[:20]
    )
    attended = set(Attendance.objects.filter(member=member).values_list("meeting_id", flat=True))
    return {"participation": [(inv.meeting, inv.meeting_id in attended) for inv in rows]}


def member_positions_context(request, *, member, **kwargs) -> dict:
    """Positions held in the alliance by the member's people (003 §三: history of positions)."""
    return {"holdings": list(selectors.office_history(member=member)[:20]), "today": timezone.localdate()}


def register() -> None:
    registry.dashboard.register(
        Section(
            key="meetings",
            title=_("Meetings and resolutions"),
            template="meetings/sections/dashboard.html",
            context=dashboard_context,
            visible=_is_secretariat,
            order=20,
        )
    )
    registry.member_file.register(
        Section(
            key="meetings-attended",
            title=_("Meetings attended"),
            template="meetings/sections/member_meetings.html",
            context=member_meetings_context,
            order=40,
        )
    )
    registry.member_file.register(
        Section(
            key="positions-held",
            title=_("Positions held"),
            template="meetings/sections/member_positions.html",
            context=member_positions_context,
            order=41,
        )
    )
