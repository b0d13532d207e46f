"""Emails of the meetings app, queued in the outbox (alliance.emails) in the caller's transaction."""

from alliance import emails
from alliance.models import EmailKind
from meetings.ics import meeting_ics
from members.selectors import notification_emails_for


@emails.attachment_builder("meetings.ics")
def _ics_attachment(*, meeting):
    return ("meeting.ics", meeting_ics(meeting), "text/calendar")


def invitation_addresses_for(invitations) -> dict[int, list[str]]:
    """Return {invitation id: addresses} for many invitations with one query."""
    invitations = list(invitations)
    by_member = notification_emails_for([i.member for i in invitations if i.member_id])
    return {
        i.pk: by_member[i.member_id] if i.member_id else ([i.email] if i.email else []) for i in invitations
    }


def invitation_addresses(invitation) -> list[str]:
    return invitation_addresses_for([invitation])[invitation.pk]


def queue_notices(meeting, invitations) -> int:
    """Queue the notice to each invitation: agenda in the body, the meeting as an .ics attachment."""
    addresses = invitation_addresses_for(invitations)
    agenda_items = list(meeting.agenda_items.all())
    messages = []
    for invitation in invitations:
        messages += emails.messages_for(
            "meetings/emails/notice",
            addresses[invitation.pk],
            kind=EmailKind.MEETING_NOTICE,
            about=meeting,
            member=invitation.member if invitation.member_id else None,
            attachments=[("meetings.ics", {"meeting": meeting})],
            meeting=meeting,
            invitation=invitation,
            agenda_items=agenda_items,
        )
    emails.queue_messages(messages)
    return len(messages)


def queue_minutes(minutes, recipients) -> int:
    """Queue the circulated minutes to each recipient (a MinutesRecipient: member and address)."""
    messages = []
    for recipient in recipients:
        messages += emails.messages_for(
            "meetings/emails/minutes",
            [recipient.email],
            kind=EmailKind.MINUTES,
            about=minutes.meeting,
            member=recipient.member if recipient.member_id else None,
            minutes=minutes,
            meeting=minutes.meeting,
        )
    emails.queue_messages(messages)
    return len(messages)
