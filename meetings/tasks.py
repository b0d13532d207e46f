"""Celery tasks: thin, take ids, harmless when run twice."""

from celery import shared_task
from django.utils import timezone

from meetings.models import Minutes, MinutesRecipient


@shared_task
def send_meeting_notice(meeting_id: int) -> int:
    from meetings.services import notice_send_emails

    return notice_send_emails(meeting_id=meeting_id)


@shared_task
def send_minutes(minutes_id: int) -> int:
    """Email circulated minutes to recipients not yet emailed (claimed one by one)."""
    from meetings import emails

    minutes = Minutes.objects.select_related("meeting", "meeting__body").get(pk=minutes_id)
    sent = 0
    for recipient in MinutesRecipient.objects.filter(minutes=minutes, emailed_at__isnull=True):
        if MinutesRecipient.objects.filter(pk=recipient.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        ):
            emails.send_minutes(minutes, [recipient.email])
            sent += 1
    return sent
