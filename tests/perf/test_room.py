"""Meeting room benchmarks at 2,000 units: ballots cast from the rooms (ballots per second,
queries per ballot), and the polls of the projector, the sign-in sheet and a room (median
latency and queries, which must not grow with the meeting). Figures are printed, never
asserted against a clock; query counts are asserted equal at two sizes."""

import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import services
from meetings.models import Attendance, Body, MeetingRoom
from meetings.services import room as room_services
from members.models import Member, MemberKind, Representative, RepresentativeRole, Tier
from tests.factories import UserFactory
from tests.perf import harness

pytestmark = pytest.mark.django_db

UNITS = int(os.environ.get("MEETINGS_BENCH_UNITS", 2_000))
SMALL = 20


def online_meeting(units: int, by, tag: str):
    """``units`` units, each with a representative's account, all checked in online."""
    Member.objects.bulk_create(
        [
            Member(
                number=f"R{tag}{n:06d}",
                kind=MemberKind.UNIT,
                tier=Tier.GROUP_MEMBER,
                name=f"Room {tag} Guard Co. {n:05d}",
                country="TH",
                joined_on=datetime.date(2025, 1, 1),
            )
            for n in range(units)
        ],
        batch_size=2000,
    )
    members = list(Member.objects.filter(number__startswith=f"R{tag}").order_by("pk"))
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"rep-{tag}-{n}", password="!") for n in range(units)], batch_size=2000
    )
    users = list(User.objects.filter(username__startswith=f"rep-{tag}-").order_by("pk"))
    Representative.objects.bulk_create(
        [
            Representative(
                member=m,
                user=u,
                role=RepresentativeRole.PRIMARY,
                name=u.username,
                email=f"{u.username}@example.org",
                started_on=datetime.date(2025, 1, 1),
            )
            for m, u in zip(members, users, strict=True)
        ],
        batch_size=2000,
    )
    body, _ = Body.objects.get_or_create(code=f"RM{tag}", defaults={"name": f"Room bench {tag}"})
    body.entitled_tiers = [Tier.GROUP_MEMBER]
    body.save()
    meeting = services.meeting_create(
        body=body,
        title=f"Room bench {tag}",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        mode="online",
        online_link="https://meet.example.org/bench",
        by=by,
    )
    # Only this size's units: the other size's members are in the same tier.
    meeting.invitations.exclude(member__in=members).delete()
    services.notice_issue(meeting=meeting, by=by)
    room_services.check_in_window_set(meeting=meeting, is_open=True, by=by)
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, member=m, mode="online", attendee_name=u.username, signed_in_by=u)
            for m, u in zip(members, users, strict=True)
        ],
        batch_size=2000,
    )
    services.meeting_change_status(meeting=meeting, to_status="in_session", by=by)
    item = services.agenda_item_add(meeting=meeting, title="Item", by=by)
    room_services.current_item_set(meeting=meeting, agenda_item=item, by=by)
    meeting.refresh_from_db()
    return meeting, list(zip(members, users, strict=True))


def cast_all(resolution, voters):
    """Every unit casts from its room; return (seconds, queries of one ballot)."""
    with CaptureQueriesContext(connection) as ctx:
        room_services.room_vote_cast(
            resolution=resolution, member=voters[0][0], choice="for", by=voters[0][1]
        )
    per_ballot = len(ctx.captured_queries)
    _, seconds = harness.timed(
        lambda: [
            room_services.room_vote_cast(resolution=resolution, member=m, choice="for", by=u)
            for m, u in voters[1:]
        ]
    )
    return seconds, per_ballot


def polls(client, staff, meeting, voters):
    """(name, url, user) of each poll."""
    member, user = voters[0]
    newest = Attendance.objects.filter(meeting=meeting).order_by("-pk").values_list("pk", flat=True).first()
    return [
        ("projector poll", f"/meetings/{meeting.pk}/projector/live/", staff),
        # The steady poll: nothing signed in since the newest the sheet shows.
        ("sign-in sheet poll", f"/meetings/{meeting.pk}/sign-in/live/?after={newest}", staff),
        # A sheet catching up: the most rows one poll sends.
        ("sign-in sheet poll catching up", f"/meetings/{meeting.pk}/sign-in/live/?after=0", staff),
        ("meeting room poll", f"/meetings/{meeting.pk}/room/{member.pk}/live/", user),
    ]


def test_room_ballots_and_polls_at_2000_units(client):
    staff = UserFactory(username="bench-room-staff", roles=["Secretariat"])
    (small, small_voters), _ = harness.timed(online_meeting, SMALL, staff, "S")
    (meeting, voters), seconds = harness.timed(online_meeting, UNITS, staff, "L")
    harness.record(f"room: generate {UNITS} units with accounts, all checked in", seconds=round(seconds, 2))

    for m, vs in ((small, small_voters), (meeting, voters)):
        r = services.resolution_propose(meeting=m, title="Bench motion", by=staff)
        services.voting_open(resolution=r, by=staff)
        for member, user in vs[:10]:
            room_services.speaker_request(meeting=m, member=member, by=user)
        seconds, per_ballot = cast_all(r, vs)
        if m is meeting:
            harness.record(
                f"room: {len(vs)} ballots cast from the rooms, one after another",
                seconds=round(seconds, 2),
                ballots_per_s=round((len(vs) - 1) / seconds, 1),
                queries_per_ballot=per_ballot,
            )
        # A second vote stays open so that the polls show ballots received / expected.
        services.voting_close(resolution=r, by=staff)
        r2 = services.resolution_propose(meeting=m, title="Open motion", by=staff)
        services.voting_open(resolution=r2, by=staff)
        for member, user in vs[: len(vs) // 2]:
            room_services.room_vote_cast(resolution=r2, member=member, choice="against", by=user)

    assert MeetingRoom.objects.get(meeting=meeting).check_in_open
    for (name, url, user), (_n, small_url, small_user) in zip(
        polls(client, staff, meeting, voters), polls(client, staff, small, small_voters), strict=True
    ):
        client.force_login(small_user)
        small_m = harness.measure_get(client, small_url, runs=10)
        client.force_login(user)
        m = harness.measure_get(client, url, runs=30)
        harness.record_page(f"room: {name}, {UNITS} units", m, queries_at_20_units=small_m.queries)
        assert m.queries == small_m.queries, (name, m.queries, small_m.queries)
