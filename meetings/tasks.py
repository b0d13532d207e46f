"""Celery tasks: thin, take ids, harmless when run twice."""

from celery import shared_task

from meetings.services import minutes_send_emails, notice_send_emails


@shared_task
def send_meeting_notice(meeting_id: int) -> int:
    """Queue the notice for invitees not yet notified (the notice itself queues them; kept for re-runs)."""
    return notice_send_emails(meeting_id=meeting_id)


@shared_task
def send_minutes(minutes_id: int) -> int:
    """Queue circulated minutes for recipients not yet emailed (kept for re-runs)."""
    return minutes_send_emails(minutes_id=minutes_id)
