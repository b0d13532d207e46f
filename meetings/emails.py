"""Emails of the meetings app: each is a subject, text and HTML template under templates/meetings/emails/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from meetings.ics import meeting_ics
from members.selectors import notification_emails


def _send(template: str, context: dict, to: list[str], attachments=()) -> None:
    subject = " ".join(render_to_string(f"meetings/emails/{template}_subject.txt", context).split())
    text = render_to_string(f"meetings/emails/{template}.txt", context)
    html = render_to_string(f"meetings/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def invitation_addresses(invitation) -> list[str]:
    if invitation.member_id:
        return notification_emails(invitation.member)
    return [invitation.email] if invitation.email else []


def send_notice(meeting, invitation) -> None:
    """The notice: agenda in the body, the meeting as an .ics attachment."""
    to = invitation_addresses(invitation)
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "meeting": meeting,
            "invitation": invitation,
            "agenda_items": list(meeting.agenda_items.all()),
            "site_url": settings.SITE_URL,
        }
        _send("notice", context, to, [("meeting.ics", meeting_ics(meeting), "text/calendar")])


def send_minutes(minutes, addresses: list[str]) -> None:
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"minutes": minutes, "meeting": minutes.meeting, "site_url": settings.SITE_URL}
        _send("minutes", context, addresses)
