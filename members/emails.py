"""Emails of the members app: subject/text/HTML templates, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _send(template: str, context: dict, recipients: list[str], language: str | None) -> None:
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        _render_and_send(template, {"site_url": settings.SITE_URL, **context}, recipients)


def _render_and_send(template: str, context: dict, recipients: list[str]) -> None:
    subject = " ".join(render_to_string(f"members/emails/{template}_subject.txt", context).split())
    text = render_to_string(f"members/emails/{template}.txt", context)
    html = render_to_string(f"members/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()


def send_after_commit(
    template: str, recipients: list[str], *, language: str | None = None, **context
) -> None:
    """Send an email once the current transaction commits (never for a rolled-back change),
    in ``language`` (the applicant's) rather than the language of whoever acted."""
    transaction.on_commit(lambda: _send(template, context, list(recipients), language))


def application_url(application) -> str:
    return settings.SITE_URL + reverse("members:application_detail", args=[application.pk])
