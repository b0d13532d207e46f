"""Tell reviewers an application waits for them (001 §II.3–4), after the transaction commits.

The liaison officers of the office covering the applicant's country review first; where
no office covers it, the secretariat does; the secretariat alone holds the final review.
"""

from django.contrib.auth import get_user_model

from alliance.roles import Role
from members import rules
from members.emails import application_url, send_after_commit
from members.models import Application, ReviewStage


def reviewers(application: Application, stage: str):
    """Whoever reviews ``application`` at ``stage`` (one query, with their preferred language)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if stage == ReviewStage.PRELIMINARY and application.liaison_office_id:
        users = users.filter(liaison_offices=application.liaison_office_id, groups__name=Role.LIAISON_OFFICER)
    else:
        users = users.filter(groups__name=Role.SECRETARIAT)
    return list(users.distinct().select_related("profile").order_by("email"))


def reviewer_emails(application: Application, stage: str) -> list[str]:
    """Addresses of whoever reviews ``application`` at ``stage``: one query."""
    return sorted({user.email for user in reviewers(application, stage)})


def notify_reviewers(application: Application) -> None:
    """Email each reviewer of the stage the application now waits for (one message each,
    so no reviewer sees the others' addresses), once the change commits."""
    stage = rules.stage_of(application.status)
    if not stage:
        return
    url = application_url(application)
    for user in reviewers(application, stage):
        send_after_commit(
            "application_to_review",
            [user],
            application=application,
            stage=stage,
            is_final=stage == ReviewStage.FINAL,
            url=url,
        )
