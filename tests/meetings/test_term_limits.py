"""Term limits (000 §II): five-year terms, at most one consecutive re-election."""

import datetime

from meetings import rules

D = datetime.date


def problem(terms, start):
    return rules.term_limit_problem(terms, new_start=start, max_consecutive=2, gap_days=366)


def test_first_election_is_allowed():
    assert problem([], D(2025, 5, 28)) == ""


def test_one_re_election_is_allowed():
    assert problem([(D(2020, 5, 28), D(2025, 5, 27))], D(2025, 5, 28)) == ""


def test_third_consecutive_term_is_refused_with_a_message_saying_so():
    terms = [(D(2015, 5, 28), D(2020, 5, 27)), (D(2020, 5, 28), D(2025, 5, 27))]
    message = problem(terms, D(2025, 5, 28))
    assert "2 consecutive terms" in message
    assert "Not eligible" in message


def test_a_break_restores_eligibility():
    terms = [(D(2010, 5, 28), D(2015, 5, 27)), (D(2015, 5, 28), D(2020, 5, 27))]
    # Out for a whole term, then may stand again...
    assert problem(terms, D(2025, 5, 28)) == ""
    # ...and be re-elected once more after that.
    terms.append((D(2025, 5, 28), D(2030, 5, 27)))
    assert problem(terms, D(2030, 5, 28)) == ""
    terms.append((D(2030, 5, 28), D(2035, 5, 27)))
    assert problem(terms, D(2035, 5, 28)) != ""


def test_sequence_of_elections_alternating_holders():
    """Simulate ten elections every five years, each time electing whoever is eligible:
    the same person can never hold more than two terms in a row."""
    people = ["A", "B"]
    history = {p: [] for p in people}
    held = []
    start = D(2000, 1, 1)
    for _ in range(10):
        preferred = "A"  # the assembly always prefers A when A may stand
        candidate = preferred if problem(history[preferred], start) == "" else "B"
        end = rules.term_end(start, 5)
        history[candidate].append((start, end))
        held.append(candidate)
        start = end + datetime.timedelta(days=1)
    assert held == ["A", "A", "B", "A", "A", "B", "A", "A", "B", "A"]
    for i in range(len(held) - 2):
        assert len(set(held[i : i + 3])) > 1


def test_term_cut_short_still_counts_as_consecutive():
    # Resigned after two years, re-elected, re-elected again: the third run is refused.
    terms = [(D(2020, 1, 1), D(2022, 1, 1)), (D(2022, 6, 1), D(2027, 5, 31))]
    assert problem(terms, D(2027, 6, 1)) != ""


def test_current_term_without_end_counts():
    terms = [(D(2015, 1, 1), D(2019, 12, 31)), (D(2020, 1, 1), None)]
    assert problem(terms, D(2025, 1, 1)) != ""


def test_configurable_maximum():
    terms = [(D(2015, 1, 1), D(2019, 12, 31)), (D(2020, 1, 1), D(2024, 12, 31))]
    assert rules.term_limit_problem(terms, new_start=D(2025, 1, 1), max_consecutive=3, gap_days=366) == ""


def test_term_end_is_five_years_less_a_day():
    assert rules.term_end(D(2024, 5, 28), 5) == D(2029, 5, 27)
    assert rules.term_end(D(2024, 2, 29), 5) == D(2029, 2, 27)
