"""The staff dashboard, composed here at the top layer from every app's sections, and the
secretariat's section of the member file (connected in apps.py).

Each context function runs a fixed number of queries whatever the size of the data.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.prepared import rows_for
from alliance.roles import Role, has_role, user_roles
from alliance.sections import Section
from dues import sections as dues_sections
from meetings import sections as meetings_sections
from members import dashboard as members_dashboard
from secretariat import conf, permissions, selectors
from secretariat.models import DocumentRecipient, DocumentStatus, FlagKind

LIST_SIZE = 5


def _is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def _counted(queryset) -> tuple[int, list]:
    """How many rows ``queryset`` holds and its first ``LIST_SIZE``, not read when it holds none."""
    count = queryset.count()
    return count, list(queryset[:LIST_SIZE]) if count else []


def reviews_context(request) -> dict:
    permissions.load_review_rights(request.user, request)
    figure, counts = selectors.document_counts(request.user)
    documents = list(selectors.review_queue(request.user)[:LIST_SIZE]) if figure else []
    return {
        "figure": figure,
        "figure_label": _("waiting for you"),
        "documents": documents,
        "status_bars": [
            (DocumentStatus(status).label, counts[status])
            for status in (
                DocumentStatus.DRAFT,
                DocumentStatus.IN_REVIEW,
                DocumentStatus.REVIEWED,
                DocumentStatus.APPROVED,
                DocumentStatus.ISSUED,
            )
        ],
        "link": reverse("secretariat:document_list"),
        "link_label": _("All documents"),
    }


def activities_context(request) -> dict:
    today = timezone.localdate()
    figure, per_month = selectors.activity_figures(today)
    activities = list(selectors.upcoming_activities(today)[:LIST_SIZE]) if figure else []
    return {
        "figure": figure,
        "figure_label": _("in the next %(days)d days") % {"days": conf.upcoming_days()},
        "activities": activities,
        # Labelled in the reader's language ("Dec 2026", "2026年12月"), by the format module.
        "per_month": [(formats.date_format(start, "YEAR_MONTH_FORMAT"), count) for start, count in per_month],
        "link": reverse("secretariat:activity_list"),
        "link_label": _("All activities"),
    }


def briefings_context(request) -> dict:
    late = selectors.late_offices_cached(request)
    return {
        "figure": len(late),
        "figure_label": _("offices late"),
        "tone": "warning" if late else "success",
        # The figure counts the same list the section shows: the first few, then how many more.
        "late": late[:LIST_SIZE],
        "more": len(late) - len(late[:LIST_SIZE]),
        "link": reverse("secretariat:briefing_list"),
        "link_label": _("Briefings"),
    }


def flags_context(request) -> dict:
    per_kind, flags = selectors.open_flag_figures(LIST_SIZE, request)
    return {
        "figure": sum(per_kind.values()),
        "figure_label": _("awaiting a decision"),
        "tone": "danger" if per_kind else "success",
        "kinds": [(kind.label, per_kind.get(kind.value, 0)) for kind in FlagKind],
        "flags": flags,
        "link": reverse("secretariat:flag_list"),
        "link_label": _("Decide"),
    }


def my_briefing_context(request) -> dict:
    """A liaison officer's own offices and whether their due briefing is in."""
    late_ids = {row.office.pk for row in selectors.late_offices_cached(request)}
    offices = list(selectors.offices_for_user(request.user))
    return {
        "offices": [(office, office.pk in late_ids) for office in offices],
        "figure": sum(1 for office in offices if office.pk in late_ids),
        "figure_label": _("briefings due"),
        "link": reverse("secretariat:briefing_create"),
        "link_label": _("Submit a briefing"),
    }


def unread_context(request) -> dict:
    unread = (
        DocumentRecipient.objects.filter(user=request.user, read_at__isnull=True)
        .select_related("document")
        .order_by("-circulated_at")
    )
    figure, receipts = _counted(unread)
    return {
        "figure": figure,
        "figure_label": _("unread"),
        "receipts": receipts,
        "link": reverse("secretariat:document_list"),
        "link_label": _("Documents"),
    }


def member_participation_context(request, *, member) -> dict:
    return {"attendance": rows_for("secretariat.member_participation", _member_participation, member.pk)}


def _member_participation(member_id: int):
    # The columns the section shows only.
    return selectors.member_activity_attendance(member_id).only(
        "attendee_name", "activity__starts_on", "activity__theme", "representative__name"
    )


SECRETARIAT_SECTIONS = [
    Section(
        key="secretariat-reviews",
        title=gettext_lazy("Documents waiting for review"),
        template="secretariat/dashboard/reviews.html",
        context=reviews_context,
        visible=_is_secretariat,
        versions=permissions.REVIEW_RIGHTS_VERSIONS,
    ),
    Section(
        key="secretariat-activities",
        title=gettext_lazy("Upcoming activities"),
        template="secretariat/dashboard/activities.html",
        context=activities_context,
        visible=_is_secretariat,
    ),
    Section(
        key="secretariat-briefings",
        title=gettext_lazy("Late liaison briefings"),
        template="secretariat/dashboard/briefings.html",
        context=briefings_context,
        visible=_is_secretariat,
        versions=selectors.LATE_OFFICES_VERSIONS,
    ),
    Section(
        key="secretariat-participation",
        title=gettext_lazy("Participation flags"),
        template="secretariat/dashboard/flags.html",
        context=flags_context,
        visible=_is_secretariat,
        versions=selectors.OPEN_FLAGS_VERSIONS,
    ),
    Section(
        key="secretariat-my-briefings",
        title=gettext_lazy("Your office's briefings"),
        template="secretariat/dashboard/my_briefings.html",
        context=my_briefing_context,
        versions=selectors.LATE_OFFICES_VERSIONS,
        visible=lambda user: has_role(user, Role.LIAISON_OFFICER) and not user.is_superuser,
    ),
    Section(
        key="secretariat-unread",
        title=gettext_lazy("Documents circulated to you"),
        template="secretariat/dashboard/unread.html",
        context=unread_context,
        visible=lambda user: bool(user_roles(user)),
    ),
]

# The staff dashboard, in the order shown: each user sees the sections meant for their roles.
DASHBOARD = [
    members_dashboard.APPLICATIONS_WAITING,
    dues_sections.MEMBER_DASHBOARD,
    meetings_sections.DASHBOARD,
    meetings_sections.MEMBER_DASHBOARD,
    dues_sections.DASHBOARD,
    *SECRETARIAT_SECTIONS,
]

MEMBER_FILE_PARTICIPATION = Section(
    key="secretariat-participation",
    title=gettext_lazy("Participation in activities"),
    template="secretariat/member_file/participation.html",
    context=member_participation_context,
    order=60,
)
