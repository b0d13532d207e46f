"""Motions, votes and results; the bad-input list of the issue."""

import pytest
from django.utils import timezone

from meetings import errors, selectors, services
from meetings.errors import MeetingError
from meetings.models import Ballot, BallotCast, ResolutionStatus, RuleBase, SecretTally, VoteReset
from members.models import MemberStatus
from tests.meetings.factories import BodyFactory, in_session, make_meeting

pytestmark = pytest.mark.django_db


def open_motion(meeting, by, **kwargs):
    resolution = services.resolution_propose(meeting=meeting, title="Adopt the work plan", by=by, **kwargs)
    return services.voting_open(resolution=resolution, by=by)


def vote(resolution, members, choices, by):
    for member, choice in zip(members, choices, strict=False):
        services.vote_cast(resolution=resolution, member=member, choice=choice, by=by)


def test_quorum_counts_only_present_units_with_voting_rights(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=9)
    in_session(meeting, members, by=secretariat_user, present=6)
    state = selectors.quorum_state(meeting)
    assert (state.present, state.entitled, state.needed, state.met) == (6, 9, 7, False)
    services.attendance_record(meeting=meeting, member=members[6], mode="online", by=secretariat_user)
    assert selectors.quorum_state(meeting).met
    # A suspended member neither counts as entitled nor as present.
    members[0].status = MemberStatus.SUSPENDED
    members[0].save()
    state = selectors.quorum_state(meeting)
    assert (state.present, state.entitled) == (6, 8)


def test_seven_of_nine_passes_six_of_nine_fails(meeting9, secretariat_user):
    meeting, members = meeting9
    resolution = open_motion(meeting, secretariat_user)
    vote(resolution, members, ["for"] * 7 + ["against", "abstain"], secretariat_user)
    resolution = services.voting_close(resolution=resolution, by=secretariat_user)
    assert resolution.status == ResolutionStatus.PASSED
    assert (resolution.votes_for, resolution.votes_against, resolution.votes_abstain) == (7, 1, 1)
    assert (resolution.rule_numerator, resolution.rule_denominator, resolution.rule_strict) == (2, 3, True)
    assert resolution.rule_base == RuleBase.PRESENT and resolution.present_count == 9
    year = timezone.localdate(meeting.starts_at).year
    assert resolution.number == f"{meeting.body.code}-{year}-01"

    second = open_motion(meeting, secretariat_user)
    vote(second, members, ["for"] * 6 + ["against"] * 3, secretariat_user)
    second = services.voting_close(resolution=second, by=secretariat_user)
    assert second.status == ResolutionStatus.REJECTED
    assert second.number is None  # only adopted resolutions enter the register


def test_register_numbers_are_gapless_per_body_and_year(meeting9, secretariat_user):
    meeting, members = meeting9
    numbers = []
    for _ in range(3):
        r = open_motion(meeting, secretariat_user)
        vote(r, members, ["for"] * 9, secretariat_user)
        numbers.append(services.voting_close(resolution=r, by=secretariat_user).number)
    year = timezone.localdate(meeting.starts_at).year
    assert numbers == [f"{meeting.body.code}-{year}-{n:02d}" for n in (1, 2, 3)]


def test_result_keeps_the_rule_it_was_judged_by(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    vote(r, members, ["for"] * 7, secretariat_user)
    r = services.voting_close(resolution=r, by=secretariat_user)
    body = meeting.body
    body.pass_numerator, body.pass_denominator, body.pass_strict = 1, 2, False
    body.save()
    r.refresh_from_db()
    assert (r.rule_numerator, r.rule_denominator, r.rule_strict) == (2, 3, True)


def test_voting_twice_for_one_unit_is_refused(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    services.vote_cast(resolution=r, member=members[0], choice="for", by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.ALREADY_VOTED)):
        services.vote_cast(resolution=r, member=members[0], choice="against", by=secretariat_user)
    assert Ballot.objects.filter(resolution=r).count() == 1


def test_vote_from_unit_not_present_is_refused(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=9)
    in_session(meeting, members, by=secretariat_user, present=8)
    r = open_motion(meeting, secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NOT_PRESENT)):
        services.vote_cast(resolution=r, member=members[8], choice="for", by=secretariat_user)
    # Signing in after voting opened does not join the frozen electorate.
    services.attendance_record(meeting=meeting, member=members[8], mode="in_person", by=secretariat_user)
    with pytest.raises(MeetingError):
        services.vote_cast(resolution=r, member=members[8], choice="for", by=secretariat_user)
    assert not BallotCast.objects.filter(resolution=r).exists()


def test_vote_from_suspended_member_is_refused(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    members[0].status = MemberStatus.SUSPENDED
    members[0].save()
    with pytest.raises(MeetingError, match=str(errors.NO_VOTING_RIGHTS)):
        services.vote_cast(resolution=r, member=members[0], choice="for", by=secretariat_user)
    assert not BallotCast.objects.filter(resolution=r).exists()


def test_vote_before_quorum_is_refused(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=9)
    in_session(meeting, members, by=secretariat_user, present=6)  # exactly two thirds: not more
    r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NO_QUORUM)):
        services.voting_open(resolution=r, by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.NO_QUORUM)):
        services.paper_result_record(
            resolution=r, votes_for=6, votes_against=0, votes_abstain=0, by=secretariat_user
        )
    r.refresh_from_db()
    assert r.status == ResolutionStatus.DRAFT


def test_secret_ballot_stores_who_voted_apart_from_choice(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user, secret=True)
    vote(r, members[:3], ["for", "against", "abstain"], secretariat_user)
    assert set(BallotCast.objects.filter(resolution=r).values_list("member_id", flat=True)) == {
        m.pk for m in members[:3]
    }
    # No row per secret choice (its insertion order could be joined to the casts): counters only.
    assert not Ballot.objects.filter(resolution=r).exists()
    assert dict(SecretTally.objects.filter(resolution=r).values_list("choice", "count")) == {
        "for": 1,
        "against": 1,
        "abstain": 1,
    }
    field_names = {f.name for f in SecretTally._meta.get_fields()}
    assert not field_names & {"member", "recorded_at", "cast", "history"}
    r = services.voting_close(resolution=r, by=secretariat_user)
    assert (r.votes_for, r.votes_against, r.votes_abstain) == (1, 1, 1)


def test_open_ballot_names_the_member(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    vote(r, members[:1], ["for"], secretariat_user)
    assert Ballot.objects.get(resolution=r).member_id == members[0].pk


def test_reopening_a_vote_is_audited_and_keeps_the_ballots(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    vote(r, members[:4], ["for"] * 4, secretariat_user)
    with pytest.raises(MeetingError):
        services.vote_reopen(resolution=r, reason="  ", by=secretariat_user)
    reset = services.vote_reopen(resolution=r, reason="Counting machine fault", by=secretariat_user)
    r.refresh_from_db()
    assert (reset.voided_round, reset.ballots_voided, reset.reset_by) == (1, 4, secretariat_user)
    assert r.round == 2 and r.status == ResolutionStatus.VOTING
    assert Ballot.objects.filter(resolution=r, round=1).count() == 4  # nothing deleted
    assert r.status_changes.filter(comment__contains="Counting machine fault").exists()
    # The same units may vote again in the new round; only that round counts.
    vote(r, members, ["against"] * 9, secretariat_user)
    r = services.voting_close(resolution=r, by=secretariat_user)
    assert (r.votes_for, r.votes_against, r.status) == (0, 9, ResolutionStatus.REJECTED)
    assert VoteReset.objects.filter(resolution=r).count() == 1


def test_recorded_result_cannot_be_reopened(meeting9, secretariat_user):
    meeting, members = meeting9
    r = open_motion(meeting, secretariat_user)
    vote(r, members, ["for"] * 9, secretariat_user)
    services.voting_close(resolution=r, by=secretariat_user)
    with pytest.raises(MeetingError):
        services.vote_reopen(resolution=r, reason="Second thoughts", by=secretariat_user)


def test_paper_ballot_totals(meeting9, secretariat_user):
    meeting, members = meeting9
    r = services.resolution_propose(meeting=meeting, title="Paper", by=secretariat_user)
    with pytest.raises(MeetingError, match=str(errors.TOO_MANY_BALLOTS % {"total": 10, "present": 9})):
        services.paper_result_record(
            resolution=r, votes_for=8, votes_against=2, votes_abstain=0, by=secretariat_user
        )
    r = services.paper_result_record(
        resolution=r, votes_for=7, votes_against=2, votes_abstain=0, by=secretariat_user
    )
    assert r.status == ResolutionStatus.PASSED and r.counting_method == "paper"


def test_arrears_option_removes_vote_through_the_extension_point(secretariat_user):
    from meetings.extensions import members_in_arrears
    from tests.meetings.conftest import arrears_of_first_two

    with members_in_arrears.replaced(arrears_of_first_two):
        _vote_refused_for_arrears(secretariat_user)


def _vote_refused_for_arrears(secretariat_user):
    body = BodyFactory(arrears_lose_vote=True)
    meeting, members = make_meeting(by=secretariat_user, units=9, body=body)
    in_session(meeting, members, by=secretariat_user)
    state = selectors.quorum_state(meeting)
    assert (state.present, state.entitled) == (7, 7)
    r = open_motion(meeting, secretariat_user)
    in_arrears = sorted(m.pk for m in members)[:2]
    with pytest.raises(MeetingError, match=str(errors.NOT_PRESENT)):
        services.vote_cast(
            resolution=r,
            member=next(m for m in members if m.pk == in_arrears[0]),
            choice="for",
            by=secretariat_user,
        )


def test_arrears_option_off_by_default_never_calls_the_check(secretariat_user):
    from meetings.extensions import members_in_arrears

    def fail(member_ids, *, on):
        raise AssertionError("the arrears check was called")

    meeting, members = make_meeting(by=secretariat_user, units=3)
    in_session(meeting, members, by=secretariat_user)
    with members_in_arrears.replaced(fail):
        assert selectors.quorum_state(meeting).entitled == 3


def test_expulsion_that_passes_expels_the_member_citing_the_resolution(meeting9, secretariat_user):
    meeting, members = meeting9
    target = members[8]
    r = services.expulsion_propose(
        member=target, meeting=meeting, reason="Dues unpaid for three years", by=secretariat_user
    )
    assert r.kind == "expulsion" and r.agenda_item is not None and r.status == "draft"
    r = services.voting_open(resolution=r, by=secretariat_user)
    vote(r, members[:8], ["for"] * 8, secretariat_user)
    r = services.voting_close(resolution=r, by=secretariat_user)
    target.refresh_from_db()
    assert target.status == MemberStatus.EXPELLED
    change = target.status_changes.get()
    assert change.resolution_reference == r.number
    assert change.changed_by == secretariat_user


def test_rejected_expulsion_leaves_the_member(meeting9, secretariat_user):
    meeting, members = meeting9
    r = services.expulsion_propose(member=members[0], meeting=meeting, reason="Breach", by=secretariat_user)
    r = services.voting_open(resolution=r, by=secretariat_user)
    vote(r, members, ["against"] * 9, secretariat_user)
    services.voting_close(resolution=r, by=secretariat_user)
    members[0].refresh_from_db()
    assert members[0].status == MemberStatus.ACTIVE


def test_passed_resolutions_selector_filters_kind_and_body(meeting9, secretariat_user):
    meeting, members = meeting9
    r = services.resolution_propose(
        meeting=meeting, title="Waive dues of X", kind="waiver", by=secretariat_user
    )
    services.paper_result_record(
        resolution=r, votes_for=9, votes_against=0, votes_abstain=0, by=secretariat_user
    )
    assert list(selectors.passed_resolutions(kind="waiver", body_code=meeting.body.code)) == [r]
    assert not selectors.passed_resolutions(kind="waiver", body_code="GA").exists()
    assert not selectors.passed_resolutions(kind="fee_schedule").exists()
