"""The .ics calendar file attached to a meeting notice (RFC 5545, via ``icalendar``)."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event


def meeting_ics(meeting) -> bytes:
    """Return a one-event calendar for the meeting, its times in UTC (as stored)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Alliance secretariat//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_host()}")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add(
        "dtend", (meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)).astimezone(datetime.UTC)
    )
    event.add("summary", f"{meeting.title} ({meeting.body.display_name})")
    location = ", ".join(part for part in (meeting.venue, meeting.online_link) if part)
    if location:
        event.add("location", location)
    if meeting.online_link:
        event.add("url", meeting.online_link)
    agenda = "\n".join(f"{item.position}. {item.title}" for item in meeting.agenda_items.all())
    if agenda:
        event.add("description", agenda)
    calendar.add_component(event)
    return calendar.to_ical()


def _host() -> str:
    site = getattr(settings, "SITE_URL", "http://localhost")
    return site.split("://", 1)[-1].split("/", 1)[0]
