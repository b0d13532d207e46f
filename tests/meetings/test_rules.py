"""Quorum and majority arithmetic against exact rational arithmetic, every count from 1 to 60."""

from fractions import Fraction

import pytest

from meetings import rules
from meetings.models import Body, RuleBase

TWO_THIRDS = Fraction(2, 3)
FRACTIONS = [Fraction(2, 3), Fraction(1, 2), Fraction(3, 4), Fraction(1, 3), Fraction(1, 1), Fraction(0, 1)]


@pytest.mark.parametrize("fraction", FRACTIONS, ids=str)
@pytest.mark.parametrize("strict", [True, False])
def test_meets_matches_exact_rationals_for_every_count_up_to_60(fraction, strict):
    for base in range(1, 61):
        for count in range(0, base + 1):
            share = Fraction(count, base)
            expected = share > fraction if strict else share >= fraction
            assert rules.meets(count, base, fraction, strict=strict) is expected, (count, base)


@pytest.mark.parametrize("fraction", FRACTIONS, ids=str)
@pytest.mark.parametrize("strict", [True, False])
def test_minimum_needed_is_the_smallest_count_that_meets(fraction, strict):
    for base in range(1, 61):
        needed = rules.minimum_needed(base, fraction, strict=strict)
        meeting = [c for c in range(0, base + 2) if rules.meets(c, base, fraction, strict=strict)]
        assert needed == (meeting[0] if meeting else base + 1)


def test_exactly_two_thirds_fails_more_than_two_thirds():
    for base in range(3, 61, 3):
        exact = base * 2 // 3
        assert not rules.meets(exact, base, TWO_THIRDS, strict=True)
        assert rules.meets(exact + 1, base, TWO_THIRDS, strict=True)
        assert rules.meets(exact, base, TWO_THIRDS, strict=False)


def test_known_edges():
    # 9 units: 6 is exactly two thirds, so "more than 2/3" needs 7.
    assert rules.minimum_needed(9, TWO_THIRDS, strict=True) == 7
    assert rules.minimum_needed(9, TWO_THIRDS, strict=False) == 6
    # 10 units: two thirds is 6.67, so 7 either way.
    assert rules.minimum_needed(10, TWO_THIRDS, strict=True) == 7
    assert rules.minimum_needed(10, TWO_THIRDS, strict=False) == 7
    assert not rules.meets(0, 0, TWO_THIRDS, strict=False)


def test_no_float_rounding_on_large_bases():
    base = 3 * 10**15
    assert not rules.meets(2 * 10**15, base, TWO_THIRDS, strict=True)
    assert rules.meets(2 * 10**15 + 1, base, TWO_THIRDS, strict=True)


def test_quorum_reports_margin_and_needed():
    state = rules.quorum(6, 9, TWO_THIRDS, strict=True)
    assert (state.met, state.needed, state.margin) == (False, 7, -1)
    state = rules.quorum(8, 9, TWO_THIRDS, strict=True)
    assert (state.met, state.margin) == (True, 1)


@pytest.mark.parametrize("present", range(1, 61))
def test_vote_result_on_present_base_for_every_count(present):
    rule = rules.Rule(TWO_THIRDS, True, RuleBase.PRESENT)
    for yes in range(0, present + 1):
        result = rules.vote_result(
            votes_for=yes,
            votes_against=present - yes,
            votes_abstain=0,
            present=present,
            entitled=60,
            rule=rule,
        )
        assert result.passed is (Fraction(yes, present) > TWO_THIRDS)


@pytest.mark.parametrize("entitled", range(1, 61))
def test_election_rule_takes_all_entitled_as_base(entitled):
    rule = rules.Rule(TWO_THIRDS, False, RuleBase.ENTITLED)
    for yes in range(0, entitled + 1):
        # Everyone present votes for, but the base is all members entitled.
        result = rules.vote_result(
            votes_for=yes, votes_against=0, votes_abstain=0, present=yes, entitled=entitled, rule=rule
        )
        assert result.passed is (Fraction(yes, entitled) >= TWO_THIRDS)


def test_abstentions_count_in_the_present_base():
    rule = rules.Rule(TWO_THIRDS, True, RuleBase.PRESENT)
    result = rules.vote_result(
        votes_for=7, votes_against=0, votes_abstain=3, present=10, entitled=10, rule=rule
    )
    assert result.passed is True
    result = rules.vote_result(
        votes_for=6, votes_against=0, votes_abstain=3, present=9, entitled=9, rule=rule
    )
    assert result.passed is False


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        rules.meets(-1, 3, TWO_THIRDS, strict=True)


def test_rule_is_described_in_words():
    assert rules.describe_rule(2, 3, True, RuleBase.PRESENT) == "more than 2/3 member units present"
    assert rules.describe_rule(2, 3, False, RuleBase.ENTITLED) == "at least 2/3 all members entitled"


def test_a_body_answers_its_rules_from_its_fractions():
    body = Body(code="CM", name="Chairman's Meeting")  # the defaults: 000 §I and §II
    assert body.quorum_rule() == rules.Rule(TWO_THIRDS, True, RuleBase.ENTITLED)
    assert body.pass_rule().describe() == "more than 2/3 member units present"
    assert body.election_rule().describe() == "at least 2/3 all members entitled"
    body.pass_numerator, body.pass_denominator, body.pass_strict = 1, 2, False
    assert body.pass_rule() == rules.Rule(Fraction(1, 2), False, RuleBase.PRESENT)
