"""Meetings benchmarks: the sign-in page and the vote result for a meeting of 2,000 member
units. Figures are printed (time as a ratio to the bare-Django baseline), never asserted."""

import datetime
import os
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.db import analyze
from meetings import selectors, services
from meetings.models import Attendance, Ballot, BallotCast, Body, Choice, Elector, Meeting, Resolution
from members.models import Member, MemberKind, Tier
from tests.factories import UserFactory
from tests.perf import harness

pytestmark = pytest.mark.django_db

UNITS = int(os.environ.get("MEETINGS_BENCH_UNITS", 2_000))


def make_meeting(units: int, by) -> Meeting:
    Member.objects.bulk_create(
        [
            Member(
                number=f"MB{n:06d}",
                kind=MemberKind.UNIT,
                tier=Tier.GROUP_MEMBER,
                name=f"Bench Guard Co. {n:05d}",
                country="TH",
                joined_on=datetime.date(2025, 1, 1),
            )
            for n in range(units)
        ],
        batch_size=2000,
    )
    body, _ = Body.objects.get_or_create(code="BENCH", defaults={"name": "Bench assembly"})
    meeting = services.meeting_create(
        body=body, title="Bench", starts_at=timezone.now() + datetime.timedelta(days=3), venue="Hall", by=by
    )
    services.notice_issue(meeting=meeting, by=by)
    analyze(Member)
    return meeting


def test_sign_in_page_and_vote_result_for_2000_units(client):
    staff = UserFactory(username="bench-staff", roles=["Secretariat"])
    meeting, seconds = harness.timed(make_meeting, UNITS, staff)
    member_ids = list(Member.objects.filter(number__startswith="MB").values_list("pk", flat=True))
    present = member_ids[: UNITS * 9 // 10]
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member_id=pk, mode="in_person", signed_in_by=staff) for pk in present],
        batch_size=2000,
    )
    services.meeting_change_status(meeting=meeting, to_status="in_session", by=staff)
    harness.record("meetings: generate 2,000 units, invitations, sign-ins", seconds=round(seconds, 2))

    client.force_login(staff)
    m = harness.measure_get(client, f"/meetings/{meeting.pk}/sign-in/", runs=20)
    harness.record_page(f"meetings: sign-in page, {UNITS} units", m)

    resolution = services.resolution_propose(meeting=meeting, title="Bench motion", by=staff)
    _, seconds = harness.timed(services.voting_open, resolution=resolution, by=staff)
    harness.record(f"meetings: open vote (freeze electorate of {len(present)})", seconds=round(seconds, 3))
    rng = random.Random(7)
    choices = [Choice.FOR if rng.random() < 0.8 else Choice.AGAINST for _ in present]
    BallotCast.objects.bulk_create(
        [BallotCast(resolution=resolution, round=1, member_id=pk, recorded_by=staff) for pk in present],
        batch_size=2000,
    )
    Ballot.objects.bulk_create(
        [
            Ballot(resolution=resolution, round=1, member_id=pk, choice=c)
            for pk, c in zip(present, choices, strict=True)
        ],
        batch_size=2000,
    )
    with CaptureQueriesContext(connection) as ctx:
        resolution, seconds = harness.timed(services.voting_close, resolution=resolution, by=staff)
    harness.record(
        f"meetings: count and record the result, {len(present)} ballots",
        seconds=round(seconds, 3),
        queries=len(ctx.captured_queries),
        result=resolution.status,
    )
    assert Elector.objects.filter(resolution=resolution).count() == len(present)
    m = harness.measure_get(client, f"/meetings/resolutions/{resolution.pk}/", runs=20)
    harness.record_page(f"meetings: vote result page, {UNITS} units", m)
    _, seconds = harness.timed(selectors.quorum_state, meeting)
    harness.record(f"meetings: live quorum, {UNITS} units", seconds=round(seconds, 4))
    assert Resolution.objects.get(pk=resolution.pk).votes_for == choices.count(Choice.FOR)
