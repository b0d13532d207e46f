"""Races on PostgreSQL: two clerks recording the same unit's vote, two results numbered at once."""

import pytest

from meetings import services
from meetings.models import Ballot, BallotCast
from tests.concurrency import errors, run_concurrently
from tests.factories import UserFactory
from tests.meetings.factories import in_session, make_meeting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_unit_voting_twice_at_once_counts_once():
    staff = UserFactory(roles=["Secretariat"])
    meeting, members = make_meeting(by=staff, units=3)
    in_session(meeting, members, by=staff)
    r = services.resolution_propose(meeting=meeting, title="Race", by=staff)
    r = services.voting_open(resolution=r, by=staff)
    outcomes = run_concurrently(
        [
            lambda c=c: services.vote_cast(resolution=r, member=members[0], choice=c, by=staff)
            for c in ("for", "against")
        ]
    )
    assert len(errors(outcomes)) == 1
    assert BallotCast.objects.filter(resolution=r).count() == 1
    assert Ballot.objects.filter(resolution=r).count() == 1


def test_results_closed_at_once_get_distinct_consecutive_numbers():
    staff = UserFactory(roles=["Secretariat"])
    meeting, members = make_meeting(by=staff, units=3)
    in_session(meeting, members, by=staff)
    motions = []
    for title in ("One", "Two", "Three"):
        r = services.resolution_propose(meeting=meeting, title=title, by=staff)
        motions.append(r)
    outcomes = run_concurrently(
        [
            lambda r=r: services.paper_result_record(
                resolution=r, votes_for=3, votes_against=0, votes_abstain=0, by=staff
            )
            for r in motions
        ]
    )
    numbers = sorted(outcome.value.number for outcome in outcomes if outcome.error is None)
    assert len(numbers) == 3
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3]
