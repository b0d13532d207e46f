"""The staff dashboard's "Applications waiting" section (composed in secretariat/dashboard.py)."""

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.roles import Role, has_role
from alliance.sections import Section
from members.models import ReviewStage
from members.rules import STAGE_STATUSES, waiting_days
from members.selectors import review_queue


def _context(request) -> dict:
    now = timezone.now()
    rows = []
    # A liaison officer sees the preliminary stage only: the final one is not counted for them.
    stages = [ReviewStage.PRELIMINARY]
    if has_role(request.user, Role.SECRETARIAT):
        stages.append(ReviewStage.FINAL)
    for stage in stages:
        # One aggregate query per stage, whatever the number of applications.
        figures = (
            review_queue(request.user, stage)
            .order_by()
            .aggregate(count=Count("pk"), oldest=Min("status_changed_at"))
        )
        rows.append(
            {
                "stage": stage,
                "label": ReviewStage(stage).label,
                "count": figures["count"],
                "oldest_days": waiting_days(figures["oldest"], now) if figures["oldest"] else None,
                "statuses": STAGE_STATUSES[stage],
            }
        )
    return {"rows": rows}


APPLICATIONS_WAITING = Section(
    key="members-applications-waiting",
    title=_("Applications waiting"),
    template="members/dashboard/applications_waiting.html",
    context=_context,
    visible=lambda user: has_role(user, Role.SECRETARIAT, Role.LIAISON_OFFICER),
)
