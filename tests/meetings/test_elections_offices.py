"""Elections of Chairman and Vice Chairmen (000 §II), office holdings and their history."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings import errors, selectors, services
from meetings.errors import MeetingError
from meetings.models import HoldingEnd, Office, OfficeHolding
from members import extensions
from tests.factories import UserFactory
from tests.meetings.factories import BodyFactory, in_session, make_meeting
from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def elect(*, candidate, office, by, body, units=6, yes=None):
    meeting, members = make_meeting(by=by, units=units, body=body)
    in_session(meeting, members, by=by)
    r = services.election_nominate(meeting=meeting, office=office, candidate_user=candidate, by=by)
    r = services.voting_open(resolution=r, by=by)
    for member in members[: len(members) if yes is None else yes]:
        services.vote_cast(resolution=r, member=member, choice="for", by=by)
    return services.voting_close(resolution=r, by=by)


def test_election_needs_two_thirds_of_all_entitled_members(secretariat_user):
    body = BodyFactory()
    candidate = UserFactory()
    meeting, members = make_meeting(by=secretariat_user, units=9, body=body)
    in_session(meeting, members, by=secretariat_user, present=7)
    r = services.election_nominate(
        meeting=meeting, office=Office.CHAIRMAN, candidate_user=candidate, by=secretariat_user
    )
    r = services.voting_open(resolution=r, by=secretariat_user)
    for member in members[:5]:
        services.vote_cast(resolution=r, member=member, choice="for", by=secretariat_user)
    r = services.voting_close(resolution=r, by=secretariat_user)
    # 5 of the 7 present is more than 2/3 of those present, but not 2/3 of all 9 members.
    assert r.status == "rejected"
    assert (r.rule_base, r.rule_strict, r.entitled_count) == ("entitled", False, 9)


def test_elected_candidate_gets_a_five_year_term_and_succeeds_the_holder(secretariat_user):
    body = BodyFactory()
    first, second = UserFactory(), UserFactory()
    with time_machine.travel(datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)):
        elect(candidate=first, office=Office.CHAIRMAN, by=secretariat_user, body=body)
    holding = OfficeHolding.objects.get(holder=first)
    assert holding.term_ends_on == datetime.date(2030, 5, 10)
    with time_machine.travel(datetime.datetime(2030, 5, 1, tzinfo=datetime.UTC)):
        elect(candidate=second, office=Office.CHAIRMAN, by=secretariat_user, body=body)
    holding.refresh_from_db()
    assert holding.end_reason == HoldingEnd.SUCCEEDED
    assert [h.holder for h in selectors.current_office_holders(datetime.date(2030, 6, 1))] == [second]


def test_third_consecutive_nomination_is_refused_across_elections(secretariat_user):
    body = BodyFactory()
    person = UserFactory()
    for year in (2015, 2020):
        with time_machine.travel(datetime.datetime(year, 5, 1, tzinfo=datetime.UTC)):
            r = elect(candidate=person, office=Office.CHAIRMAN, by=secretariat_user, body=body)
            assert r.status == "passed"
    assert OfficeHolding.objects.filter(holder=person).count() == 2
    with time_machine.travel(datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)):
        meeting, members = make_meeting(by=secretariat_user, units=3, body=body)
        with pytest.raises(MeetingError, match=re.escape(str(errors.TERM_LIMIT_REACHED % {"count": 2}))):
            services.election_nominate(
                meeting=meeting, office=Office.CHAIRMAN, candidate_user=person, by=secretariat_user
            )
        assert not meeting.resolutions.exists()
        # The Vice Chairman office is a different office: not limited by the Chairman terms.
        services.election_nominate(
            meeting=meeting, office=Office.VICE_CHAIRMAN, candidate_user=person, by=secretariat_user
        )


def test_several_vice_chairmen_can_hold_office(secretariat_user):
    body = BodyFactory()
    a, b = UserFactory(), UserFactory()
    elect(candidate=a, office=Office.VICE_CHAIRMAN, by=secretariat_user, body=body)
    elect(candidate=b, office=Office.VICE_CHAIRMAN, by=secretariat_user, body=body)
    on = timezone.localdate() + datetime.timedelta(days=11)
    assert {h.holder for h in selectors.current_office_holders(on)} == {a, b}


def test_secretary_general_is_appointed_by_the_chairman_and_may_resign(secretariat_user):
    body = BodyFactory()
    chairman, sg, not_chairman = UserFactory(), UserFactory(), UserFactory()
    elect(candidate=chairman, office=Office.CHAIRMAN, by=secretariat_user, body=body)
    today = timezone.localdate() + datetime.timedelta(days=20)
    with pytest.raises(MeetingError, match=str(errors.NOT_APPOINTED_BY_CHAIRMAN)):
        services.office_appoint(
            office=Office.SECRETARY_GENERAL,
            holder=sg,
            appointed_by=not_chairman,
            started_on=today,
            by=secretariat_user,
        )
    holding = services.office_appoint(
        office=Office.SECRETARY_GENERAL,
        holder=sg,
        appointed_by=chairman,
        started_on=today,
        by=secretariat_user,
    )
    assert holding.how == "appointed"
    with pytest.raises(MeetingError, match=str(errors.ELECTED_NOT_APPOINTED)):
        services.office_appoint(
            office=Office.CHAIRMAN, holder=sg, appointed_by=chairman, started_on=today, by=secretariat_user
        )
    services.office_resign(holding=holding, on=today + datetime.timedelta(days=30), by=secretariat_user)
    holding.refresh_from_db()
    assert holding.end_reason == HoldingEnd.RESIGNED and holding.ended_on == today + datetime.timedelta(
        days=30
    )
    assert holding.history.count() >= 2


def test_representative_departure_ends_positions_and_successor_inherits_nothing(secretariat_user):
    representative = RepresentativeFactory()
    body = BodyFactory()
    elect(candidate=representative.user, office=Office.VICE_CHAIRMAN, by=secretariat_user, body=body)
    holding = OfficeHolding.objects.get(holder=representative.user)
    extensions.representative_left.call(
        representative=representative,
        ended_on=timezone.localdate() + datetime.timedelta(days=30),
        by=secretariat_user,
    )
    holding.refresh_from_db()
    assert holding.end_reason == HoldingEnd.REPRESENTATIVE_LEFT
    successor = RepresentativeFactory(member=representative.member, role="deputy")
    assert not OfficeHolding.objects.filter(holder=successor.user).exists()


def test_ineligible_candidate_is_refused_again_when_voting_opens(secretariat_user):
    """A holding recorded after the nomination (e.g. a late entry) still stops the vote."""
    body = BodyFactory()
    person = UserFactory()
    meeting, members = make_meeting(by=secretariat_user, units=3, body=body)
    in_session(meeting, members, by=secretariat_user)
    r = services.election_nominate(
        meeting=meeting, office=Office.CHAIRMAN, candidate_user=person, by=secretariat_user
    )
    start = timezone.localdate(meeting.starts_at)
    for years_ago in (10, 5):
        OfficeHolding.objects.create(
            office=Office.CHAIRMAN,
            holder=person,
            how="elected",
            started_on=start.replace(year=start.year - years_ago),
            ended_on=start.replace(year=start.year - years_ago + 5) - datetime.timedelta(days=1),
            recorded_by=secretariat_user,
        )
    with pytest.raises(MeetingError, match=re.escape(str(errors.TERM_LIMIT_REACHED % {"count": 2}))):
        services.voting_open(resolution=r, by=secretariat_user)


def test_an_election_at_a_meeting_dated_later_shows_in_the_current_holders(client_for, secretariat_user):
    """Issue 9 §12: the current table said "No office holder recorded" while the history said "in office"."""
    body = BodyFactory()
    chairman = UserFactory(first_name="Viktor", last_name="Almeida")
    elect(candidate=chairman, office=Office.CHAIRMAN, by=secretariat_user, body=body)
    holding = OfficeHolding.objects.get(holder=chairman)
    assert holding.started_on > timezone.localdate()  # the meeting is dated in ten days
    page = client_for(secretariat_user).get(reverse("meetings:office_list")).content.decode()
    current = page.split('<h2 class="h5">')[0]
    assert "No office holder recorded" not in current
    assert "Viktor Almeida" in current and "Takes office on" in current
    assert list(selectors.current_office_holders(incoming=True)) == [holding]
    # The rights of the office (approving minutes) start with the term, not before.
    assert not selectors.current_office_holders().exists()
