"""Approved minutes and recorded votes are read-only in the admin (issue 9 §6)."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Ballot, BallotCast, MinutesStatusChange
from tests.admin_checks import assert_editable_in_admin, assert_immutable_in_admin
from tests.meetings.factories import in_session, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def held(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    in_session(meeting, members, by=secretariat_user)
    return meeting, members


def test_approved_minutes_are_read_only_in_the_admin(held, secretariat_user, admin_client_):
    minutes = services.minutes_draft(meeting=held[0], by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    minutes = services.minutes_approve(minutes=minutes, by=secretariat_user)
    assert_immutable_in_admin(admin_client_, minutes, "text", "Rewritten after approval")


def test_approved_minutes_cannot_be_reverted_to_their_draft_through_the_history(
    held, secretariat_user, admin_client_
):
    minutes = services.minutes_draft(meeting=held[0], by=secretariat_user)
    draft_version = minutes.history.latest().history_id
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    minutes = services.minutes_approve(minutes=minutes, by=secretariat_user)
    url = reverse("admin:meetings_minutes_simple_history", args=[minutes.pk, draft_version])
    page = admin_client_.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client_.post(url, {"text": "old", "status": "draft"}).status_code == 403
    minutes.refresh_from_db()
    assert minutes.status == "approved"


def test_draft_minutes_stay_editable_in_the_admin(held, secretariat_user, admin_client_):
    minutes = services.minutes_draft(meeting=held[0], by=secretariat_user)
    assert_editable_in_admin(admin_client_, minutes, "text", "Fixed a typo in the draft")


def test_minutes_status_changes_are_read_only(held, secretariat_user, admin_client_):
    minutes = services.minutes_draft(meeting=held[0], by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    change = MinutesStatusChange.objects.filter(minutes=minutes).first()
    assert_immutable_in_admin(admin_client_, change, "comment", "forged")


def test_a_recorded_vote_result_is_read_only_in_the_admin(held, secretariat_user, admin_client_):
    resolution = services.resolution_propose(meeting=held[0], title="Adopt the budget", by=secretariat_user)
    resolution = services.paper_result_record(
        resolution=resolution, votes_for=3, votes_against=0, votes_abstain=0, by=secretariat_user
    )
    assert resolution.status == "passed"
    assert_immutable_in_admin(admin_client_, resolution, "votes_for", "1")


def test_a_motion_not_yet_voted_stays_editable_in_the_admin(held, secretariat_user, admin_client_):
    resolution = services.resolution_propose(meeting=held[0], title="Adopt the budget", by=secretariat_user)
    assert_editable_in_admin(admin_client_, resolution, "title", "Adopt the 2027 budget")


def test_ballots_are_read_only_in_the_admin(held, secretariat_user, admin_client_):
    meeting, members = held
    resolution = services.resolution_propose(meeting=meeting, title="Adopt the budget", by=secretariat_user)
    resolution = services.voting_open(resolution=resolution, by=secretariat_user)
    services.vote_cast(resolution=resolution, member=members[0], choice="for", by=secretariat_user)
    assert_immutable_in_admin(admin_client_, Ballot.objects.get(resolution=resolution), "choice", "against")
    assert_immutable_in_admin(admin_client_, BallotCast.objects.get(resolution=resolution), "round", "2")
    add = reverse("admin:meetings_ballot_add")
    assert admin_client_.get(add).status_code == 403
