"""Emails of the meetings app, queued in the outbox (alliance.emails) in the caller's transaction."""

from alliance import emails
from alliance.models import EmailKind
from meetings.ics import meeting_ics
from members.selectors import notification_recipients_for


@emails.attachment_builder("meetings.ics")
def _ics_attachment(*, meeting):
    return ("meeting.ics", meeting_ics(meeting), "text/calendar")


def invitation_addresses_for(invitations) -> dict[int, list]:
    """Return {invitation id: recipients} for many invitations: a member's addresses with
    their holders' languages (alliance.emails), or the invitee's address."""
    invitations = list(invitations)
    by_member = notification_recipients_for([i.member for i in invitations if i.member_id])
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
    language_of = {
        (member_id, address): language
        for member_id, pairs in notification_recipients_for(
            {r.member_id: r.member for r in recipients if r.member_id}.values()
        ).items()
        for address, language in pairs
    }
    messages = []
    for recipient in recipients:
        language = language_of.get((recipient.member_id, recipient.email))
        messages += emails.messages_for(
            "meetings/emails/minutes",
            [(recipient.email, language) if language else recipient.email],
            kind=EmailKind.MINUTES,
            about=minutes.meeting,
            member=recipient.member if recipient.member_id else None,
            minutes=minutes,
            meeting=minutes.meeting,
        )
    emails.queue_messages(messages)
    return len(messages)
