"""Contested elections from the meeting room: one choice per seat among the candidates, judged
by the body's election rule (000 §II), one ballot per unit whichever way it comes."""

import pytest
from django.urls import reverse

from meetings import errors, rules, services
from meetings.errors import MeetingError
from meetings.models import BallotCast, Office, OfficeHolding, SecretTally
from meetings.services import contests
from tests.factories import UserFactory
from tests.meetings.factories import BodyFactory
from tests.meetings.room_factories import check_in_all, online_meeting, rep_of

pytestmark = pytest.mark.django_db


def test_seats_go_to_those_who_reached_the_rule_then_to_the_most_votes():
    assert rules.seats_filled({1: 5, 2: 4}, 2) == {1, 2}
    assert rules.seats_filled({1: 5, 2: 4, 3: 6}, 2) == {1, 3}
    assert rules.seats_filled({}, 1) == set()
    with pytest.raises(ValueError):
        rules.seats_filled({1: 4, 2: 4, 3: 5}, 2)


def _contest(by, *, units, office, seats, candidates, body=None):
    meeting, members = online_meeting(by=by, units=units, body=body)
    check_in_all(meeting, members)
    people = [UserFactory(first_name=name, last_name="Candidate") for name in candidates]
    for person in people:
        services.election_nominate(meeting=meeting, office=office, candidate_user=person, by=by)
    contest = contests.contest_create(meeting=meeting, office=office, seats=seats, by=by)
    contests.contest_open(contest=contest, by=by)
    candidacies = contests.candidates_of(contest)
    return meeting, members, contest, candidacies


def test_units_choose_one_candidate_per_seat_from_their_rooms(secretariat_user):
    meeting, members, contest, (a, b, c) = _contest(
        secretariat_user, units=6, office=Office.VICE_CHAIRMAN, seats=2, candidates=["Ada", "Ben", "Cy"]
    )
    picks = [(a, b), (a, b), (a, c), (a, b), (b, c), (a, b)]
    for member, chosen in zip(members, picks, strict=True):
        contests.room_contest_vote_cast(
            contest=contest, member=member, picks=[r.pk for r in chosen], by=rep_of(member)
        )
    # Elections are secret by default: counters only.
    assert dict(SecretTally.objects.filter(resolution=c).values_list("choice", "count")) == {
        "for": 2,
        "against": 0,
        "abstain": 4,
    }
    a, b, c = contests.contest_close(contest=contest, by=secretariat_user)
    # At least 2/3 of the 6 entitled: 4 votes.
    assert [(r.votes_for, r.status) for r in (a, b, c)] == [(5, "passed"), (5, "passed"), (2, "rejected")]
    assert OfficeHolding.objects.filter(office=Office.VICE_CHAIRMAN).count() == 2


@pytest.mark.parametrize(
    "case, message",
    [
        ("too many", "at most 2"),
        ("not a candidate", "among this election"),
        ("twice", errors.ALREADY_VOTED),
        ("other unit", errors.NOT_REPRESENTATIVE),
    ],
)
def test_refused_contest_ballots_store_nothing(secretariat_user, case, message):
    meeting, members, contest, (a, b, c) = _contest(
        secretariat_user, units=3, office=Office.VICE_CHAIRMAN, seats=2, candidates=["Ada", "Ben", "Cy"]
    )
    member, by, picks = members[0], rep_of(members[0]), [a.pk]
    if case == "too many":
        picks = [a.pk, b.pk, c.pk]
    elif case == "not a candidate":
        picks = [a.pk + 1000]
    elif case == "twice":
        contests.room_contest_vote_cast(contest=contest, member=member, picks=[a.pk], by=by)
    elif case == "other unit":
        by = rep_of(members[1])
    before = BallotCast.objects.count(), list(SecretTally.objects.values_list("count", flat=True))
    with pytest.raises(MeetingError, match=str(message)):
        contests.room_contest_vote_cast(contest=contest, member=member, picks=picks, by=by)
    assert (BallotCast.objects.count(), list(SecretTally.objects.values_list("count", flat=True))) == before


def test_secretariat_ballot_and_room_ballot_are_one_per_unit(secretariat_user):
    meeting, members, contest, (a, b, c) = _contest(
        secretariat_user, units=3, office=Office.VICE_CHAIRMAN, seats=1, candidates=["Ada", "Ben", "Cy"]
    )
    contests.contest_vote_cast(contest=contest, member=members[0], picks=[a.pk], by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.ALREADY_VOTED)):
        contests.room_contest_vote_cast(
            contest=contest, member=members[0], picks=[b.pk], by=rep_of(members[0])
        )
    assert BallotCast.objects.filter(member=members[0]).count() == 3  # one per candidacy, once


def test_more_candidates_reaching_the_rule_than_seats_elect_the_most_voted(secretariat_user):
    body = BodyFactory(election_numerator=1, election_denominator=3)
    meeting, members, contest, (a, b) = _contest(
        secretariat_user, units=6, office=Office.CHAIRMAN, seats=1, candidates=["Ada", "Ben"], body=body
    )
    for member, chosen in zip(members, [a, a, a, a, b, b], strict=True):
        contests.room_contest_vote_cast(contest=contest, member=member, picks=[chosen.pk], by=rep_of(member))
    a, b = contests.contest_close(contest=contest, by=secretariat_user)
    assert (a.status, b.status) == ("passed", "rejected")
    assert b.votes_for == 2  # reached 1/3 of 6, but the seat went to Ada
    assert b.status_changes.filter(comment__contains="more votes").exists()


def test_a_tie_for_the_last_seat_is_refused(secretariat_user):
    meeting, members, contest, (a, b, c) = _contest(
        secretariat_user, units=3, office=Office.VICE_CHAIRMAN, seats=2, candidates=["Ada", "Ben", "Cy"]
    )
    for member, chosen in zip(members, [(a, b), (a, c), (b, c)], strict=True):
        contests.room_contest_vote_cast(
            contest=contest, member=member, picks=[r.pk for r in chosen], by=rep_of(member)
        )
    with pytest.raises(MeetingError, match=str(errors.TIED)):
        contests.contest_close(contest=contest, by=secretariat_user)
    assert all(r.status == "voting" for r in contests.candidates_of(contest))


def test_a_contest_needs_two_candidates(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    services.election_nominate(
        meeting=meeting, office=Office.CHAIRMAN, candidate_user=UserFactory(), by=secretariat_user
    )
    with pytest.raises(MeetingError, match=str(errors.TWO_CANDIDATES)):
        contests.contest_create(meeting=meeting, office=Office.CHAIRMAN, seats=1, by=secretariat_user)


def test_contest_pages_and_posts(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    check_in_all(meeting, members)
    for name in ("Ada", "Ben"):
        services.election_nominate(
            meeting=meeting,
            office=Office.CHAIRMAN,
            candidate_user=UserFactory(first_name=name),
            by=secretariat_user,
        )
    pk = meeting.pk
    client.force_login(rep_of(members[0]))
    assert (
        client.post(
            reverse("meetings:contest_create", args=[pk]), {"office": "chairman", "seats": 1}
        ).status_code
        == 403
    )
    client.force_login(secretariat_user)
    chair = client.get(reverse("meetings:chair", args=[pk])).content.decode()
    assert "2 candidates for Chairman" in chair
    client.post(reverse("meetings:contest_create", args=[pk]), {"office": "chairman", "seats": 1})
    contest = meeting.contests.get()
    client.post(reverse("meetings:contest_open", args=[pk, contest.pk]))
    a, b = contests.candidates_of(contest)
    assert a.status == "voting"
    # Staff enter one unit's ballot; the others vote from their rooms.
    client.post(
        reverse("meetings:contest_vote", args=[pk, contest.pk]), {"member": members[0].number, "pick": [a.pk]}
    )
    live = None
    for member in members[1:]:
        client.force_login(rep_of(member))
        live = client.get(reverse("meetings:room_live", args=[pk, member.pk])).content.decode()
        assert 'name="pick"' in live and "Election of the Chairman" in live
        client.post(
            reverse("meetings:room_contest_vote", args=[pk, member.pk, contest.pk]),
            {"pick": [a.pk]},
            HTTP_HX_REQUEST="true",
        )
    client.force_login(rep_of(members[1]))
    assert (
        client.post(
            reverse("meetings:room_contest_vote", args=[pk, members[2].pk, contest.pk]), {"pick": [a.pk]}
        ).status_code
        == 404
    )
    client.force_login(secretariat_user)
    client.post(reverse("meetings:contest_close", args=[pk, contest.pk]))
    projector = client.get(reverse("meetings:projector_live", args=[pk])).content.decode()
    assert "Elected" in projector and "Not elected" in projector
    a.refresh_from_db()
    assert (a.status, a.votes_for) == ("passed", 3)
