"""Meetings held in the room: units with representatives' accounts, the check-in window open."""

from meetings.services import notice_issue
from meetings.services import room as room_services
from tests.meetings.factories import make_meeting


def rep_of(member):
    """The primary representative's account of a unit made with ``with_reps=True``."""
    return member.representatives.get().user


def online_meeting(*, by, units=3, title="Online session", **kwargs):
    """A meeting of ``units`` units, each with a representative's account, notice issued and
    online check-in open; nobody is checked in yet."""
    meeting, members = make_meeting(by=by, units=units, with_reps=True, title=title, **kwargs)
    notice_issue(meeting=meeting, by=by, late_reason="test")
    room_services.check_in_window_set(meeting=meeting, is_open=True, by=by)
    meeting.refresh_from_db()
    return meeting, members


def check_in_all(meeting, members):
    for member in members:
        room_services.room_check_in(meeting=meeting, member=member, by=rep_of(member))
    meeting.refresh_from_db()
    return meeting
