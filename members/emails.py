"""Emails of the members app: subject/text/HTML templates, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


def _send(template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"members/emails/{template}_subject.txt", context).split())
    text = render_to_string(f"members/emails/{template}.txt", context)
    html = render_to_string(f"members/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()


def send_after_commit(template: str, recipients: list[str], **context) -> None:
    """Send an email once the current transaction commits (never for a rolled-back change)."""
    transaction.on_commit(lambda: _send(template, context, list(recipients)))


def application_url(application) -> str:
    return settings.SITE_URL + reverse("members:application_detail", args=[application.pk])
