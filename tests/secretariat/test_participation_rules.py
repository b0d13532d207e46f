"""The participation rule (003 第九条) as a pure function over sequences of attendance."""

import datetime

from secretariat import conf
from secretariat.models import FlagKind
from secretariat.rules import Occasion, trailing_absences
from secretariat.rules import participation_findings as _participation_findings

TODAY = datetime.date(2026, 11, 22)


def participation_findings(occasions, **kwargs):
    """The rule with the reference organisation's figures (3, 6, 7, 365), unless a test sets its own."""
    figures = {
        "unit_absences": conf.unit_absences_for_suspension(),
        "representative_absences": conf.representative_absences_for_suspension(),
        "withdrawal_absences": conf.absences_for_withdrawal(),
        "withdrawal_days": conf.absence_days_for_withdrawal(),
    }
    return _participation_findings(occasions, **{**figures, **kwargs})


def seq(pattern: str, *, step_days: int = 30) -> list[Occasion]:
    """Occasions from a pattern, oldest first, the last one a week ago.

    Each letter: "R" the representative came in person, "U" someone else from the unit came,
    "-" nobody came.
    """
    start = TODAY - datetime.timedelta(days=7 + step_days * (len(pattern) - 1))
    return [
        Occasion(
            key=f"activity:{i}",
            date=start + datetime.timedelta(days=step_days * i),
            label=f"Activity {i}",
            unit_present=c in "RU",
            representative_present=c == "R",
        )
        for i, c in enumerate(pattern)
    ]


def kinds(pattern: str, *, is_unit=True, **kwargs) -> list[str]:
    return [f.kind for f in participation_findings(seq(pattern, **kwargs), today=TODAY, is_unit=is_unit)]


def test_trailing_absences_count_since_the_last_attendance():
    assert len(trailing_absences(seq("R--R---"), personal=False)) == 3
    assert len(trailing_absences(seq("RUUU"), personal=True)) == 3
    assert trailing_absences(seq("R--R"), personal=False) == ()


def test_a_unit_present_recently_is_not_flagged():
    assert kinds("---R") == []
    assert kinds("R--") == []


def test_nobody_from_a_unit_at_three_consecutive_activities_suspends():
    assert kinds("R---") == [FlagKind.UNIT_ABSENT]


def test_absences_that_are_not_consecutive_do_not_count():
    assert kinds("--R--R--") == []


def test_a_representative_absent_six_times_in_a_row_suspends_even_if_the_unit_came():
    assert kinds("RUUUUUU") == [FlagKind.REPRESENTATIVE_ABSENT]
    assert kinds("RUUUUU") == []


def test_more_than_six_absences_in_a_row_is_treated_as_withdrawal():
    findings = participation_findings(seq("R-------"), today=TODAY, is_unit=True)
    assert [f.kind for f in findings] == [FlagKind.WITHDRAWAL]
    assert len(findings[0].missed) == 7
    assert findings[0].proposed_status == "withdrawn"


def test_six_absences_in_a_row_suspend_but_do_not_withdraw():
    assert kinds("R------") == [FlagKind.UNIT_ABSENT, FlagKind.REPRESENTATIVE_ABSENT]


def test_a_year_of_absence_is_treated_as_withdrawal_even_with_few_activities():
    # Three activities missed, the first of them more than a year ago.
    assert kinds("R---", step_days=200) == [FlagKind.WITHDRAWAL]


def test_a_year_counts_from_the_first_missed_activity():
    assert kinds("R---", step_days=170) == [FlagKind.UNIT_ABSENT]


def test_an_individual_member_is_counted_in_person():
    assert kinds("R------", is_unit=False) == [FlagKind.REPRESENTATIVE_ABSENT]
    assert kinds("R---", is_unit=False) == []


def test_the_thresholds_are_parameters():
    findings = participation_findings(
        seq("R--"), today=TODAY, is_unit=True, unit_absences=2, representative_absences=2
    )
    assert [f.kind for f in findings] == [FlagKind.UNIT_ABSENT, FlagKind.REPRESENTATIVE_ABSENT]


def test_the_evidence_is_the_run_of_missed_occasions():
    finding = participation_findings(seq("RU---"), today=TODAY, is_unit=True)[0]
    assert [o.key for o in finding.missed] == ["activity:2", "activity:3", "activity:4"]
    assert finding.evidence_key == "activity:4"
    assert finding.last_attended_on == seq("RU---")[1].date


def test_no_occasions_no_findings():
    assert participation_findings([], today=TODAY, is_unit=True) == []


def test_a_unit_without_a_representative_is_not_flagged_for_absence_in_person():
    findings = participation_findings(seq("UUUUUU"), today=TODAY, is_unit=True, count_representative=False)
    assert findings == []
