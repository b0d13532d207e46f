"""Races on PostgreSQL in the meeting room: 200 representatives casting at once, a unit's paper
vote racing its online ballot, check-in racing the clerk (issue 13)."""

import pytest

from meetings import errors, services
from meetings.errors import MeetingError
from meetings.models import Attendance, Ballot, BallotCast, SecretTally
from meetings.services import room as room_services
from tests.concurrency import errors as raised
from tests.concurrency import run_concurrently, values
from tests.factories import UserFactory
from tests.meetings.room_factories import check_in_all, online_meeting, rep_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UNITS = 200
# PostgreSQL here allows 100 connections shared by every developer: 40 threads, each its own
# connection, released together by the barrier, cast the 200 units' ballots between them.
THREADS = 40
CHOICES = ("for", "for", "against", "abstain")


def _choice(index):
    return CHOICES[index % len(CHOICES)]


@pytest.mark.parametrize("secret", [False, True])
def test_200_representatives_casting_at_once_give_200_ballots_each_unit_once(secret):
    staff = UserFactory(roles=["Secretariat"])
    meeting, members = online_meeting(by=staff, units=UNITS)
    check_in_all(meeting, members)
    r = services.resolution_propose(meeting=meeting, title="Race", secret=secret, by=staff)
    r = services.voting_open(resolution=r, by=staff)
    voters = [(m, rep_of(m), _choice(i)) for i, m in enumerate(members)]
    share = UNITS // THREADS

    def worker(n):
        # Each unit's ballot is sent twice, by two threads: one is recorded, one refused.
        mine = voters[n * share : (n + 1) * share] + voters[((n + 1) % THREADS) * share :][:share]
        outcomes = []
        for member, user, choice in mine:
            try:
                room_services.room_vote_cast(resolution=r, member=member, choice=choice, by=user)
                outcomes.append("ok")
            except MeetingError as exc:
                outcomes.append(str(exc))
        return outcomes

    outcomes = [
        o
        for value in values(run_concurrently([lambda n=n: worker(n) for n in range(THREADS)]))
        for o in value
    ]
    assert outcomes.count("ok") == UNITS
    assert outcomes.count(str(errors.ALREADY_VOTED)) == UNITS
    casts = list(BallotCast.objects.filter(resolution=r).values_list("member_id", flat=True))
    assert sorted(casts) == sorted(m.pk for m in members)
    r = services.voting_close(resolution=r, by=staff)
    expected = {c: sum(1 for i in range(UNITS) if _choice(i) == c) for c in set(CHOICES)}
    assert (r.votes_for, r.votes_against, r.votes_abstain) == (
        expected["for"],
        expected["against"],
        expected["abstain"],
    )
    assert r.present_count == UNITS and r.status == "rejected"  # 100 for of 200 present
    if secret:
        assert not Ballot.objects.filter(resolution=r).exists()
        assert sum(SecretTally.objects.filter(resolution=r).values_list("count", flat=True)) == UNITS
    else:
        assert Ballot.objects.filter(resolution=r).count() == UNITS


def test_a_units_paper_vote_racing_its_online_ballot_counts_once():
    staff = UserFactory(roles=["Secretariat"])
    meeting, members = online_meeting(by=staff, units=12)
    check_in_all(meeting, members)
    r = services.resolution_propose(meeting=meeting, title="Hybrid", by=staff)
    r = services.voting_open(resolution=r, by=staff)
    funcs = []
    for member in members:
        funcs.append(
            lambda m=member: services.vote_cast(
                resolution=r, member=m, choice="against", by=staff, cast_by_name="Paper slip"
            )
        )
        funcs.append(
            lambda m=member: room_services.room_vote_cast(resolution=r, member=m, choice="for", by=rep_of(m))
        )
    refused = raised(run_concurrently(funcs))
    assert len(refused) == 12
    assert all(str(exc) == str(errors.ALREADY_VOTED) for exc in refused)
    assert BallotCast.objects.filter(resolution=r).count() == 12
    assert Ballot.objects.filter(resolution=r).count() == 12
    for member in members:
        assert BallotCast.objects.filter(resolution=r, member=member).count() == 1


def test_online_check_in_racing_the_clerk_gives_one_attendance():
    staff = UserFactory(roles=["Secretariat"])
    meeting, members = online_meeting(by=staff, units=10)
    funcs = []
    for member in members:
        funcs.append(
            lambda m=member: services.attendance_record(meeting=meeting, member=m, mode="in_person", by=staff)
        )
        funcs.append(lambda m=member: room_services.room_check_in(meeting=meeting, member=m, by=rep_of(m)))
    assert len(raised(run_concurrently(funcs))) == 10
    assert Attendance.objects.filter(meeting=meeting).count() == 10
