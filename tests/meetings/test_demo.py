"""The demo loader runs after the members loader and is idempotent."""

import pytest
from django.utils.module_loading import autodiscover_modules

from alliance import demo
from meetings import models

pytestmark = pytest.mark.django_db


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (
            models.Meeting,
            models.Resolution,
            models.OfficeHolding,
            models.ActionItem,
            models.Invitation,
            models.Attendance,
            models.Minutes,
        )
    }


def run_loaders():
    autodiscover_modules("demo")
    for func in demo.loaders():
        if func.__module__.split(".")[0] in ("alliance", "members", "meetings"):
            func()


def test_demo_loads_twice_without_change():
    run_loaders()
    first = counts()
    assert first["Meeting"] == 4 and first["OfficeHolding"] == 4
    assert models.ActionItem.objects.filter(status__in=["open", "in_progress"]).count() >= 1
    run_loaders()
    assert counts() == first


def test_demo_member_is_invited_to_the_upcoming_meeting():
    from django.contrib.auth import get_user_model

    from meetings.demo import UPCOMING_TITLE
    from members.selectors import represented_members

    run_loaders()
    user = get_user_model().objects.get(username="member")
    meeting = models.Meeting.objects.get(title=UPCOMING_TITLE)
    assert meeting.invitations.filter(member__in=represented_members(user)).exists()


def test_demo_online_meeting_is_ready_to_try():
    from django.contrib.auth import get_user_model

    from meetings import room
    from meetings.demo_online import ONLINE_TITLE

    run_loaders()
    meeting = models.Meeting.objects.get(title=ONLINE_TITLE)
    users = get_user_model().objects
    state = room.room_of(meeting)
    assert state.check_in_open and state.current_item is not None
    units = [inv.member for inv in meeting.invitations.select_related("member")]
    assert len(units) == 4
    acting = {
        name: [m.pk for m in units if room.acting_as(users.get(username=name), meeting, m)]
        for name in ("rep1", "rep2", "rep3", "delegate1")
    }
    assert all(len(pks) == 1 for pks in acting.values())
    assert len({pks[0] for pks in acting.values()}) == 4
    assert meeting.resolutions.filter(status="draft").exists()
