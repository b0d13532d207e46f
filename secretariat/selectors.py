"""Reads of the secretariat, scoped to who asks (DESIGN.md: scoping lives in querysets)."""

import datetime
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from alliance.roles import Role, has_role
from alliance.versions import cached_on_history
from meetings.models import Meeting
from meetings.selectors import current_office_holders, meeting_attendance
from members.models import LiaisonOffice, Member, Representative
from secretariat import conf, permissions
from secretariat.models import (
    Activity,
    ActivityAttendance,
    ActivityStatus,
    Audience,
    Document,
    DocumentKind,
    DocumentRecipient,
    DocumentStatus,
    FlagStatus,
    LiaisonBriefing,
    ParticipationFlag,
)
from secretariat.rules import briefing_due_period

PUBLISHED = (DocumentStatus.ISSUED, DocumentStatus.ARCHIVED)
PUBLIC_KINDS = (DocumentKind.ANNOUNCEMENT, DocumentKind.NOTICE)


def documents_visible_to(user) -> QuerySet[Document]:
    """Return the documents the user may open.

    Secretariat staff see every document; anyone else sees issued documents that
    are public, members-only ones if they are a member, and any circulated to them.
    Internal documents are for staff (and the staff they are circulated to) only.
    """
    base = Document.objects.select_related("department", "author")
    if has_role(user, Role.SECRETARIAT):
        return base
    published = Q(status__in=PUBLISHED)
    visible = Q(audience=Audience.PUBLIC)
    if has_role(user, Role.MEMBER):
        visible |= Q(audience=Audience.MEMBERS)
    if user.is_authenticated:
        visible |= Q(Exists(DocumentRecipient.objects.filter(document=OuterRef("pk"), user=user)))
    return base.filter(published & visible)


def document_for(user, pk) -> Document:
    """Return the document if the user may open it, else 404 (outside their scope)."""
    return get_object_or_404(documents_visible_to(user), pk=pk)


def activity_for(user, pk) -> Activity:
    """Return the activity if the user may open it (the secretariat's), else 404."""
    activities = Activity.objects.select_related("department", "created_by", "approved_by")
    if not has_role(user, Role.SECRETARIAT):
        activities = activities.none()
    return get_object_or_404(activities, pk=pk)


def flag_for(user, pk) -> ParticipationFlag:
    """Return the participation flag if the user may decide it (the secretariat), else 404."""
    flags = ParticipationFlag.objects.select_related("member", "representative", "decided_by")
    if not has_role(user, Role.SECRETARIAT):
        flags = flags.none()
    return get_object_or_404(flags, pk=pk)


def search_documents(queryset: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Full-text search over titles and bodies: PostgreSQL's when available, else a plain match."""
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "body", weight="B", config="simple"
        )
        search = SearchQuery(query, search_type="websearch", config="simple")
        return queryset.annotate(rank=SearchRank(vector, search)).filter(rank__gt=0).order_by("-rank", "-id")
    return queryset.filter(Q(title__icontains=query) | Q(body__icontains=query))


def public_notices(user=None) -> QuerySet[Document]:
    """Return issued announcements and notices for the public page (members-only ones for members)."""
    audiences = [Audience.PUBLIC]
    if user is not None and has_role(user, Role.MEMBER, Role.SECRETARIAT):
        audiences.append(Audience.MEMBERS)
    return (
        Document.objects.filter(status=DocumentStatus.ISSUED, kind__in=PUBLIC_KINDS, audience__in=audiences)
        .select_related("department")
        .order_by("-issued_at", "-id")
    )


def public_notice(user, pk) -> Document:
    return get_object_or_404(public_notices(user), pk=pk)


def review_queue_condition(user) -> Q:
    """The documents waiting for the user's review or approval (never their own)."""
    waiting = Q(status=DocumentStatus.IN_REVIEW, department_id__in=permissions.headed_department_ids(user))
    if permissions.is_approver(user):
        waiting |= Q(status__in=[DocumentStatus.IN_REVIEW, DocumentStatus.REVIEWED])
    return waiting & ~Q(author=user)


def review_queue(user) -> QuerySet[Document]:
    """Return the documents waiting for the user's review or approval (never their own)."""
    return (
        Document.objects.filter(review_queue_condition(user))
        .select_related("department", "author")
        .order_by("updated_at")
    )


def document_counts(user) -> tuple[int, dict[str, int]]:
    """How many documents wait for the user (``review_queue``) and how many are in each
    status, in one query grouped by status and read from the review queue's index (status,
    department, author) alone. Seven filtered counts over every row took ~6 ms on PostgreSQL
    at 10,000 documents; one count per status group, with the waiting ones counted in the
    same pass, ~1.5 ms (issue 15 bench)."""
    rows = (
        Document.objects.values("status")
        .annotate(total=Count("status"), waiting=Count("status", filter=review_queue_condition(user)))
        .order_by()
    )
    counts = dict.fromkeys(DocumentStatus.values, 0)
    waiting = 0
    for row in rows:
        counts[row["status"]] = row["total"]
        waiting += row["waiting"]
    return waiting, counts


def upcoming_condition(today: datetime.date | None = None, days: int | None = None) -> Q:
    """The activities not over by ``today`` starting in the next ``days`` and not yet held."""
    today = today or timezone.localdate()
    days = conf.upcoming_days() if days is None else days
    return Q(
        ends_on__gte=today,
        starts_on__lte=today + datetime.timedelta(days=days),
        status__in=[ActivityStatus.PLANNED, ActivityStatus.APPROVED, ActivityStatus.PREPARING],
    )


def upcoming_activities(today: datetime.date | None = None, days: int | None = None) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(upcoming_condition(today, days))
        .select_related("department")
        .order_by("starts_on", "id")
    )


def activity_figures(today: datetime.date, months: int = 12) -> tuple[int, list[tuple[datetime.date, int]]]:
    """How many activities are upcoming (``upcoming_activities``) and (first day of month,
    activities starting that month) for the last ``months`` months, in one query grouped by
    month: a count and a grouped count of their own cost ~0.7 ms more of the staff dashboard
    in the issue 15 bench (Django compiling and sending the second)."""
    from django.db.models.functions import TruncMonth

    first = datetime.date(today.year, today.month, 1)
    starts = [first]
    for _ in range(months - 1):
        prev = starts[-1] - datetime.timedelta(days=1)
        starts.append(datetime.date(prev.year, prev.month, 1))
    starts.reverse()
    started = Q(starts_on__gte=starts[0], starts_on__lte=today) & ~Q(status=ActivityStatus.CANCELLED)
    upcoming = upcoming_condition(today)
    rows = (
        Activity.objects.filter(started | upcoming)
        .annotate(month=TruncMonth("starts_on"))
        .values("month")
        .annotate(n=Count("id", filter=started), upcoming=Count("id", filter=upcoming))
        .order_by()
    )
    counts = {}
    total_upcoming = 0
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        counts[month] = row["n"]
        total_upcoming += row["upcoming"]
    return total_upcoming, [(start, counts.get(start, 0)) for start in starts]


def offices_for_user(user) -> QuerySet[LiaisonOffice]:
    """Return the liaison offices the user works for (officer or director)."""
    if not user.is_authenticated:
        return LiaisonOffice.objects.none()
    return LiaisonOffice.objects.filter(Q(officers=user) | Q(director=user)).distinct()


def briefings_visible_to(user) -> QuerySet[LiaisonBriefing]:
    """Secretariat staff see every briefing; a liaison officer their own offices' only."""
    base = LiaisonBriefing.objects.select_related("office", "submitted_by")
    if has_role(user, Role.SECRETARIAT):
        return base
    return base.filter(office__in=offices_for_user(user))


def briefing_for(user, pk) -> LiaisonBriefing:
    """Return the briefing if the user may read it, else 404 (another office's)."""
    return get_object_or_404(briefings_visible_to(user), pk=pk)


def briefing_offices_visible_to(user) -> QuerySet[LiaisonOffice]:
    if has_role(user, Role.SECRETARIAT):
        return LiaisonOffice.objects.all()
    return offices_for_user(user)


class LateOffice(NamedTuple):
    office: LiaisonOffice
    period_start: datetime.date
    period_end: datetime.date
    last_period_start: datetime.date | None


def late_offices(today: datetime.date | None = None) -> list[LateOffice]:
    """Return the active offices whose briefing for the last due period is missing."""
    today = today or timezone.localdate()
    start, end = briefing_due_period(today, conf.briefing_period_months(), conf.briefing_grace_days())
    offices = (
        LiaisonOffice.objects.filter(is_active=True)
        .exclude(Exists(LiaisonBriefing.objects.filter(office=OuterRef("pk"), period_start=start)))
        .annotate(
            last_period=LiaisonBriefing.objects.filter(office=OuterRef("pk"))
            .order_by("-period_start")
            .values("period_start")[:1]
        )
        .order_by("name")
    )
    return [LateOffice(office, start, end, office.last_period) for office in offices]


# What ``late_offices`` reads: offices (their names, whether active) and their briefings.
LATE_OFFICES_VERSIONS = (LiaisonOffice, LiaisonBriefing)


def late_offices_cached(request=None, today: datetime.date | None = None) -> list[LateOffice]:
    """``late_offices``, cached until an office or a briefing changes, per due period (which
    follows the day). Its query, with a subquery per office, cost ~0.8 ms of the staff dashboard
    in the issue 15 bench (mostly Django compiling it)."""
    today = today or timezone.localdate()
    period = briefing_due_period(today, conf.briefing_period_months(), conf.briefing_grace_days())

    def compute():
        return late_offices(today)

    return cached_on_history("secretariat:late", LATE_OFFICES_VERSIONS, compute, period, request=request)


def open_flags() -> QuerySet[ParticipationFlag]:
    return ParticipationFlag.objects.filter(status=FlagStatus.OPEN).select_related("member", "representative")


# What the dashboard shows of open flags: their kinds, and the newest with their member.
OPEN_FLAGS_VERSIONS = (ParticipationFlag, Member, Representative)


def open_flag_figures(limit: int, request=None) -> tuple[dict[str, int], list[ParticipationFlag]]:
    """How many flags are open of each kind and the ``limit`` newest (not read when none is),
    cached until a flag, a member or a representative changes: the count grouped by kind cost
    ~0.7 ms of the staff dashboard in the issue 15 bench, on every request."""

    def compute():
        rows = ParticipationFlag.objects.filter(status=FlagStatus.OPEN).values("kind").annotate(n=Count("id"))
        per_kind = {row["kind"]: row["n"] for row in rows.order_by()}
        return per_kind, list(open_flags().order_by("-raised_at")[:limit]) if per_kind else []

    return cached_on_history("secretariat:open-flags", OPEN_FLAGS_VERSIONS, compute, limit, request=request)


class ParticipationEvent(NamedTuple):
    """An activity or meeting in the participation record.

    ``rows`` maps member id to whether its representative came in person. For an
    activity every member admitted by then was expected, and a missing member sent
    nobody (``invited_only`` False); for a meeting only the invited members were
    expected, each with a row (True when it attended, False when not).
    """

    key: str
    date: datetime.date
    label: str
    rows: dict
    invited_only: bool


def recent_participation_events(*, limit: int, until: datetime.date) -> list[ParticipationEvent]:
    """Return the events that can fall among any member's last ``limit`` occasions, oldest first.

    Every member admitted by then is expected at every activity, so a member's last
    ``limit`` occasions all fall on or after the ``limit``-th last activity; meetings
    from that date on are added from ``meetings`` (its attendance records).
    """
    activities = list(
        Activity.objects.filter(
            status__in=[ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.ARCHIVED],
            starts_on__lte=until,
        )
        .order_by("-starts_on", "-id")
        .values("pk", "starts_on", "theme")[:limit]
    )
    activities.reverse()
    events = {
        a["pk"]: ParticipationEvent(f"activity:{a['pk']}", a["starts_on"], a["theme"], {}, False)
        for a in activities
    }
    rows = ActivityAttendance.objects.filter(activity_id__in=list(events)).values_list(
        "activity_id", "member_id", "representative_id"
    )
    for activity_id, member_id, representative_id in rows.iterator(chunk_size=5000):
        events[activity_id].rows[member_id] = representative_id is not None
    since = activities[0]["starts_on"] if len(activities) >= limit else None
    return sorted([*events.values(), *_meeting_events(since, until)], key=lambda e: (e.date, e.key))


def _meeting_events(since: datetime.date | None, until: datetime.date) -> list[ParticipationEvent]:
    """Held meetings and who of the invited members attended (003 第九条 counts meetings too).

    The meetings app records attendance per member unit, not per person, so a unit
    present at a meeting counts as its representative present.
    """
    events: dict[int, ParticipationEvent] = {}
    for meeting_id, date, member_id, attended in meeting_attendance(since=since):
        if date > until:
            continue
        event = events.get(meeting_id)
        if event is None:
            event = events[meeting_id] = ParticipationEvent(f"meeting:{meeting_id}", date, "", {}, True)
        event.rows[member_id] = bool(attended)
    if not events:
        return []
    labels = {m.pk: str(m) for m in Meeting.objects.filter(pk__in=list(events)).select_related("body")}
    return [event._replace(label=labels.get(pk, event.key)) for pk, event in events.items()]


def member_activity_attendance(member, limit: int = 20):
    """Return the member's most recent attendance at activities (its participation record)."""
    return (
        ActivityAttendance.objects.filter(member=member)
        .select_related("activity", "representative")
        .order_by("-activity__starts_on")[:limit]
    )


def office_holders() -> list:
    """Return the alliance's current office holders (elections and appointments live in
    ``meetings``, 000 §II)."""
    return list(current_office_holders())
