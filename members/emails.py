"""Emails of the members app, queued in the outbox (alliance.emails) in the caller's transaction."""

from alliance import emails
from alliance.models import EmailKind, Profile

KINDS = {
    "application_received": EmailKind.APPLICATION,
    "application_decision": EmailKind.DECISION,
    "application_to_review": EmailKind.REVIEWER,
    "admission": EmailKind.ADMISSION,
    "activation": EmailKind.ACTIVATION,
    "account_exists": EmailKind.ACTIVATION,
}


def send_after_commit(
    template: str, recipients, *, language: str | None = None, about=None, member=None, **context
) -> None:
    """Queue ``members/emails/<template>`` in the outbox: written in this transaction (a
    rolled-back change leaves no email), delivered by the worker after commit, in
    ``language`` (the applicant's) rather than the language of whoever acted."""
    application = context.get("application")
    about = about or application or member
    if member is None and application is not None and application.member_id:
        member = application.member
    emails.queue(
        f"members/emails/{template}",
        recipients,
        kind=KINDS.get(template, EmailKind.OTHER),
        about=about,
        member=member,
        language=language,
        **context,
    )


def applicant_recipient(application) -> tuple[str, str]:
    """The application's address, in the applicant's preferred language: the language
    they applied in unless they chose another since (alliance.languages)."""
    profile = (
        Profile.objects.filter(user_id=application.applicant_id).values_list("language", flat=True).first()
    )
    return (application.email, profile or application.language)


def application_url(application) -> str:
    return emails.absolute_url("members:application_detail", application.pk)
