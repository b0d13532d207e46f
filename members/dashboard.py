"""The staff dashboard's "Applications waiting" section (composed in secretariat/dashboard.py)."""

from functools import reduce
from operator import or_

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.roles import Role, has_role
from alliance.sections import Section
from alliance.versions import cached_on_history
from members.models import Application, ReviewStage
from members.rules import STAGE_STATUSES, waiting_days
from members.selectors import liaison_countries, review_queue_condition


def _context(request) -> dict:
    now = timezone.now()
    # A liaison officer sees the preliminary stage only: the final one is not counted for them.
    stages = [ReviewStage.PRELIMINARY]
    if has_role(request.user, Role.SECRETARIAT):
        stages.append(ReviewStage.FINAL)
    figures = _stage_figures(request, stages)
    rows = []
    for stage in stages:
        oldest = figures[f"oldest_{stage}"]
        rows.append(
            {
                "stage": stage,
                "label": ReviewStage(stage).label,
                "count": figures[f"count_{stage}"],
                "oldest_days": waiting_days(oldest, now) if oldest else None,
                "statuses": STAGE_STATUSES[stage],
            }
        )
    return {"rows": rows}


def _stage_figures(request, stages) -> dict:
    """How many applications wait for each stage the user decides and since when, in one query
    counting each stage's rows under its condition (one aggregate per stage cost ~0.8 ms more of
    the staff dashboard in the issue 15 bench), cached until an application changes, per scope:
    the reader's roles and a liaison officer's countries."""
    user = request.user

    def compute():
        conditions = {stage: review_queue_condition(user, stage) for stage in stages}
        aggregates = {}
        for stage, condition in conditions.items():
            aggregates[f"count_{stage}"] = Count("pk", filter=condition)
            aggregates[f"oldest_{stage}"] = Min("status_changed_at", filter=condition)
        return Application.objects.filter(reduce(or_, conditions.values())).aggregate(**aggregates)

    countries = sorted(liaison_countries(user)) if has_role(user, Role.LIAISON_OFFICER) else None
    scope = (tuple(stages), has_role(user, Role.SECRETARIAT), countries)
    return cached_on_history("members:applications-waiting", (Application,), compute, scope, request=request)


APPLICATIONS_WAITING = Section(
    key="members-applications-waiting",
    title=_("Applications waiting"),
    template="members/dashboard/applications_waiting.html",
    context=_context,
    visible=lambda user: has_role(user, Role.SECRETARIAT, Role.LIAISON_OFFICER),
    versions=(Application,),
)
