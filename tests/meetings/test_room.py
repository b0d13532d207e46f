"""The meeting room: check-in window, mandates, one attendance per unit, remote ballots,
secret ballots kept apart, requests to speak (issue 13)."""

import pytest
from django.db import IntegrityError, transaction

from meetings import errors, room, selectors, services
from meetings.errors import MeetingError
from meetings.models import (
    Attendance,
    Ballot,
    BallotCast,
    Mandate,
    SecretTally,
    SpeakerRequest,
    SpeakerStatus,
)
from meetings.services import room as room_services
from members.models import MemberStatus
from tests.factories import UserFactory
from tests.meetings.room_factories import check_in_all, online_meeting, rep_of
from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(secretariat_user):
    return online_meeting(by=secretariat_user, units=3)


def test_representative_checks_the_unit_in_and_the_quorum_counts_it(online, secretariat_user):
    meeting, members = online
    assert selectors.quorum_state(meeting).present == 0
    attendance = room_services.room_check_in(meeting=meeting, member=members[0], by=rep_of(members[0]))
    assert (attendance.mode, attendance.signed_in_by) == ("online", rep_of(members[0]))
    assert attendance.signed_in_at is not None
    assert selectors.quorum_state(meeting).present == 1
    meeting.refresh_from_db()
    assert meeting.status == "in_session"


def test_check_in_is_refused_while_the_window_is_closed(online, secretariat_user):
    meeting, members = online
    room_services.check_in_window_set(meeting=meeting, is_open=False, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.CHECK_IN_CLOSED)):
        room_services.room_check_in(meeting=meeting, member=members[0], by=rep_of(members[0]))
    assert not Attendance.objects.exists()
    state = room.room_of(meeting)
    assert state.check_in_changed_by == secretariat_user
    changes = state.history.filter(history_user=secretariat_user).order_by("history_date")
    assert [h.check_in_open for h in changes] == [True, False]  # who and when of each


def test_another_units_representative_cannot_check_a_unit_in(online):
    meeting, members = online
    with pytest.raises(MeetingError, match=str(errors.NOT_REPRESENTATIVE)):
        room_services.room_check_in(meeting=meeting, member=members[0], by=rep_of(members[1]))
    assert not Attendance.objects.exists()


def test_online_and_in_person_check_in_feed_one_attendance_per_unit(online, secretariat_user):
    meeting, members = online
    services.attendance_record(meeting=meeting, member=members[0], mode="in_person", by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.ALREADY_CHECKED_IN)):
        room_services.room_check_in(meeting=meeting, member=members[0], by=rep_of(members[0]))
    room_services.room_check_in(meeting=meeting, member=members[1], by=rep_of(members[1]))
    with pytest.raises(MeetingError, match=str(errors.ALREADY_CHECKED_IN)):
        services.attendance_record(meeting=meeting, member=members[1], mode="in_person", by=secretariat_user)
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting, member=members[0], mode="online", signed_in_by=secretariat_user
        )


def test_deputy_may_act_for_the_unit(online):
    meeting, members = online
    deputy = RepresentativeFactory(member=members[0], role="deputy").user
    attendance = room_services.room_check_in(meeting=meeting, member=members[0], by=deputy)
    assert attendance.signed_in_by == deputy


def test_a_mandate_without_check_in_gives_no_presence_and_no_vote(online, secretariat_user):
    """OpenSlides #5745: a delegated vote counted although the delegate was absent."""
    meeting, members = online
    delegate = UserFactory(first_name="Dana", last_name="Delegate")
    room_services.mandate_grant(meeting=meeting, member=members[0], delegate=delegate, by=secretariat_user)
    check_in_all(meeting, members[1:])
    assert selectors.quorum_state(meeting).present == 2
    # Quorum of 3 needs 3: the mandate alone does not make it.
    assert not selectors.quorum_state(meeting).met
    attendance = room_services.room_check_in(meeting=meeting, member=members[0], by=delegate)
    assert (attendance.mode, attendance.delegate_name) == ("delegate", "Dana Delegate")
    assert selectors.quorum_state(meeting).met


def test_a_delegate_without_a_check_in_cannot_vote(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=4)
    delegate = UserFactory()
    room_services.mandate_grant(meeting=meeting, member=members[0], delegate=delegate, by=secretariat_user)
    check_in_all(meeting, members[1:])
    r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    services.voting_open(resolution=r, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_CHECKED_IN)):
        room_services.room_vote_cast(resolution=r, member=members[0], choice="for", by=delegate)
    assert not BallotCast.objects.filter(resolution=r).exists()


def test_one_mandate_per_unit_at_a_time(online, secretariat_user):
    meeting, members = online
    first, second = UserFactory(), UserFactory()
    mandate = room_services.mandate_grant(
        meeting=meeting, member=members[0], delegate=first, by=secretariat_user
    )
    with pytest.raises(
        MeetingError, match=str(errors.MANDATE_TAKEN % {"name": first.get_full_name() or first.username})
    ):
        room_services.mandate_grant(meeting=meeting, member=members[0], delegate=second, by=secretariat_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(
            meeting=meeting, member=members[0], delegate=second, granted_by=secretariat_user
        )
    room_services.mandate_revoke(mandate=mandate, by=secretariat_user)
    assert room.acting_as(first, meeting, members[0]) is None
    room_services.mandate_grant(meeting=meeting, member=members[0], delegate=second, by=secretariat_user)
    assert room.acting_as(second, meeting, members[0]).role == room.DELEGATE
    with pytest.raises(MeetingError, match=str(errors.NOT_REPRESENTATIVE)):
        room_services.room_check_in(meeting=meeting, member=members[0], by=first)


def test_a_mandate_is_for_one_meeting_only(online, secretariat_user):
    meeting, members = online
    other, _ = online_meeting(by=secretariat_user, units=0, title="Other")
    delegate = UserFactory()
    room_services.mandate_grant(meeting=other, member=members[0], delegate=delegate, by=secretariat_user)
    assert room.acting_as(delegate, meeting, members[0]) is None


# --- remote voting ----------------------------------------------------------------------


@pytest.fixture
def voting(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=4)
    check_in_all(meeting, members[:3])  # 3 of 4: more than two thirds
    r = services.resolution_propose(meeting=meeting, title="Adopt the plan", by=secretariat_user)
    r = services.voting_open(resolution=r, by=secretariat_user)
    return meeting, members, r


def test_each_checked_in_unit_votes_once_from_the_room_and_the_result_uses_the_rule(voting, secretariat_user):
    meeting, members, r = voting
    for member, choice in zip(members[:3], ["for", "for", "for"], strict=True):
        room_services.room_vote_cast(resolution=r, member=member, choice=choice, by=rep_of(member))
    cast = BallotCast.objects.get(resolution=r, member=members[0])
    assert cast.recorded_by == rep_of(members[0]) and cast.cast_by_name
    # Open ballot: each unit's choice is recorded against it.
    assert Ballot.objects.get(resolution=r, member=members[0]).choice == "for"
    r = services.voting_close(resolution=r, by=secretariat_user)
    assert (r.status, r.votes_for, r.present_count, r.counting_method) == ("passed", 3, 3, "recorded")
    assert (r.rule_numerator, r.rule_denominator, r.rule_strict) == (2, 3, True)


@pytest.mark.parametrize(
    "case, message",
    [
        ("already voted", errors.ALREADY_VOTED),
        ("not checked in", errors.NOT_CHECKED_IN),
        ("suspended", errors.NO_VOTING_RIGHTS),
        ("not representative", errors.NOT_REPRESENTATIVE),
        ("closed", errors.VOTING_NOT_OPEN),
        ("checked in late", errors.NOT_PRESENT),
    ],
)
def test_refused_ballots_store_nothing(voting, secretariat_user, case, message):
    meeting, members, r = voting
    member, by = members[0], rep_of(members[0])
    if case == "already voted":
        room_services.room_vote_cast(resolution=r, member=member, choice="for", by=by)
    elif case == "not checked in":
        member, by = members[3], rep_of(members[3])
    elif case == "suspended":
        member.status = MemberStatus.SUSPENDED
        member.save()
    elif case == "not representative":
        by = rep_of(members[1])
    elif case == "closed":
        services.voting_close(resolution=r, by=secretariat_user)
    elif case == "checked in late":
        member, by = members[3], rep_of(members[3])
        room_services.room_check_in(meeting=meeting, member=member, by=by)
    before = (BallotCast.objects.count(), Ballot.objects.count())
    with pytest.raises(MeetingError, match=str(message)):
        room_services.room_vote_cast(resolution=r, member=member, choice="against", by=by)
    assert (BallotCast.objects.count(), Ballot.objects.count()) == before


def test_not_entitled_unit_cannot_vote(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=4)
    observer = members[3]
    meeting.invitations.filter(member=observer).update(is_voting=False)
    check_in_all(meeting, members)
    r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    r = services.voting_open(resolution=r, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_PRESENT)):
        room_services.room_vote_cast(resolution=r, member=observer, choice="for", by=rep_of(observer))
    assert not BallotCast.objects.filter(resolution=r).exists()


def test_secretariat_and_room_share_one_vote_per_unit(voting, secretariat_user):
    meeting, members, r = voting
    services.vote_cast(
        resolution=r, member=members[0], choice="against", by=secretariat_user, cast_by_name="Paper"
    )
    with pytest.raises(MeetingError, match=str(errors.ALREADY_VOTED)):
        room_services.room_vote_cast(resolution=r, member=members[0], choice="for", by=rep_of(members[0]))
    room_services.room_vote_cast(resolution=r, member=members[1], choice="for", by=rep_of(members[1]))
    with pytest.raises(MeetingError, match=str(errors.ALREADY_VOTED)):
        services.vote_cast(resolution=r, member=members[1], choice="against", by=secretariat_user)
    assert BallotCast.objects.filter(resolution=r).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotCast.objects.create(
            resolution=r, round=r.round, member=members[0], recorded_by=secretariat_user
        )


def test_secret_ballot_from_the_room_cannot_be_joined_back_to_units(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    check_in_all(meeting, members)
    r = services.resolution_propose(meeting=meeting, title="Secret", secret=True, by=secretariat_user)
    r = services.voting_open(resolution=r, by=secretariat_user)
    for member, choice in zip(members, ["for", "against", "for"], strict=True):
        room_services.room_vote_cast(resolution=r, member=member, choice=choice, by=rep_of(member))
    assert not Ballot.objects.filter(resolution=r).exists()
    assert dict(SecretTally.objects.filter(resolution=r).values_list("choice", "count")) == {
        "for": 2,
        "against": 1,
        "abstain": 0,
    }
    # The room shows the unit that it voted, never what.
    status = room.unit_status(meeting, members[1], r)
    assert status["cast"] is not None and status["choice"] is None
    r = services.voting_close(resolution=r, by=secretariat_user)
    assert (r.votes_for, r.votes_against, r.status) == (2, 1, "rejected")


# --- requests to speak ------------------------------------------------------------------


def test_speakers_ask_on_the_current_item_and_the_chair_orders_and_calls_them(online, secretariat_user):
    meeting, members = online
    check_in_all(meeting, members)
    with pytest.raises(MeetingError, match=str(errors.NO_CURRENT_ITEM)):
        room_services.speaker_request(meeting=meeting, member=members[0], by=rep_of(members[0]))
    item = services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    room_services.current_item_set(meeting=meeting, agenda_item=item, by=secretariat_user)
    a, b, c = (room_services.speaker_request(meeting=meeting, member=m, by=rep_of(m)) for m in members)
    with pytest.raises(MeetingError, match=str(errors.ALREADY_ASKED)):
        room_services.speaker_request(meeting=meeting, member=members[0], by=rep_of(members[0]))
    room_services.speaker_move(request=c, up=True, by=secretariat_user)
    assert [s.pk for s in room.speakers(room.room_of(meeting))] == [a.pk, c.pk, b.pk]
    room_services.speaker_call(request=a, by=secretariat_user)
    room_services.speaker_call(request=c, by=secretariat_user)
    statuses = dict(SpeakerRequest.objects.values_list("pk", "status"))
    assert statuses == {a.pk: SpeakerStatus.DONE, c.pk: SpeakerStatus.SPEAKING, b.pk: SpeakerStatus.WAITING}
    room_services.speaker_withdraw(request=b, by=rep_of(members[1]))
    room_services.speaker_done(request=c, by=secretariat_user)
    assert [s.status for s in room.speakers(room.room_of(meeting))] == ["done", "done"]
    assert SpeakerRequest.objects.get(pk=c.pk).changed_by == secretariat_user


def test_a_unit_not_checked_in_cannot_ask_to_speak(online, secretariat_user):
    meeting, members = online
    item = services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    room_services.current_item_set(meeting=meeting, agenda_item=item, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_CHECKED_IN)):
        room_services.speaker_request(meeting=meeting, member=members[0], by=rep_of(members[0]))
    with pytest.raises(MeetingError, match=str(errors.NOT_REPRESENTATIVE)):
        room_services.speaker_request(meeting=meeting, member=members[0], by=rep_of(members[1]))
    assert not SpeakerRequest.objects.exists()
