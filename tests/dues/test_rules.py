"""Pure fee rules at the edges (001 §IV), with hypothesis properties."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dues import conf, rules
from dues.errors import AMOUNT_NOT_POSITIVE, AMOUNT_TOO_PRECISE, PAYMENT_ABOVE_OUTSTANDING, PAYMENT_IN_FUTURE
from dues.rules import (
    charge,
    collection_rate,
    invoice_tier,
    parse_money,
    payment_problem,
    reminder_stage_due,
    upgrade_difference,
)
from members.models import Tier
from members.rules import TIER_RANK
from tests.dues.factories import AMOUNTS

STAGES = (("before-30", -30), ("before-7", -7), ("closing", 0), ("after-30", 30))
DUE = datetime.date(2026, 12, 20)


def joining_fraction(admitted_on, **kwargs):
    """The rule with the reference organisation's cut-off and fraction unless a test sets its own."""
    figures = {"full_until": conf.joining_cutoff_month_day(), "late_fraction": conf.joining_late_fraction()}
    return rules.joining_fraction(admitted_on, **{**figures, **kwargs})


def due_date(year, issued_on, **kwargs):
    figures = {"month_day": conf.closing_month_day(), "grace_days": conf.late_issue_grace_days()}
    return rules.due_date(year, issued_on, **{**figures, **kwargs})


def test_admitted_on_30_june_pays_the_full_amount():
    assert joining_fraction(datetime.date(2026, 6, 30)) == Decimal("1")


def test_admitted_on_1_july_pays_half():
    assert joining_fraction(datetime.date(2026, 7, 1)) == Decimal("0.5")


def test_admitted_on_31_december_pays_half():
    assert joining_fraction(datetime.date(2026, 12, 31)) == Decimal("0.5")


def test_admitted_on_1_january_pays_the_full_amount():
    assert joining_fraction(datetime.date(2026, 1, 1)) == Decimal("1")


def test_cut_off_and_fraction_are_parameters():
    assert joining_fraction(
        datetime.date(2026, 4, 1), full_until=(3, 31), late_fraction=Decimal("0.25")
    ) == Decimal("0.25")


def test_invoice_falls_due_on_20_december():
    assert due_date(2026, datetime.date(2026, 1, 1)) == DUE


def test_invoice_issued_after_closing_date_gets_grace_days():
    assert due_date(2026, datetime.date(2026, 12, 31), grace_days=30) == datetime.date(2027, 1, 30)


def test_invoice_tier_is_the_highest():
    assert invoice_tier([Tier.GROUP_MEMBER, Tier.CHAIRMAN_UNIT, Tier.INDIVIDUAL_MEMBER]) == Tier.CHAIRMAN_UNIT


def test_upgrade_charges_only_the_difference():
    diff = upgrade_difference(
        AMOUNTS, charged_tier=Tier.GROUP_MEMBER, new_tier=Tier.VICE_CHAIRMAN_UNIT, fraction=Decimal("1")
    )
    assert diff == Decimal("9000.00")


def test_downgrade_changes_nothing():
    assert upgrade_difference(
        AMOUNTS, charged_tier=Tier.CHAIRMAN_UNIT, new_tier=Tier.GROUP_MEMBER, fraction=Decimal("1")
    ) == Decimal("0.00")


def test_money_refuses_zero_negative_and_three_decimals():
    assert parse_money("0")[1] == str(AMOUNT_NOT_POSITIVE)
    assert parse_money("-5")[1] == str(AMOUNT_NOT_POSITIVE)
    assert parse_money("10.005")[1] == str(AMOUNT_TOO_PRECISE)
    assert parse_money("abc")[0] is None
    assert parse_money("NaN")[0] is None
    assert parse_money("10.50") == (Decimal("10.50"), "")


def test_payment_in_the_future_is_refused():
    problem = payment_problem(
        Decimal("10"),
        received_on=datetime.date(2026, 3, 2),
        today=datetime.date(2026, 3, 1),
        outstanding=Decimal("100"),
        is_void=False,
    )
    assert problem == str(PAYMENT_IN_FUTURE)


def test_overpayment_is_refused():
    problem = payment_problem(
        Decimal("101"),
        received_on=datetime.date(2026, 3, 1),
        today=datetime.date(2026, 3, 1),
        outstanding=Decimal("100"),
        is_void=False,
    )
    assert problem == str(
        PAYMENT_ABOVE_OUTSTANDING % {"amount": Decimal("101"), "outstanding": Decimal("100")}
    )


def test_reminder_stage_on_each_date():
    assert reminder_stage_due(DUE, datetime.date(2026, 11, 19), STAGES) is None
    assert reminder_stage_due(DUE, datetime.date(2026, 11, 20), STAGES) == "before-30"
    assert reminder_stage_due(DUE, datetime.date(2026, 12, 13), STAGES) == "before-7"
    assert reminder_stage_due(DUE, datetime.date(2026, 12, 20), STAGES) == "closing"
    assert reminder_stage_due(DUE, datetime.date(2027, 1, 19), STAGES) == "after-30"


def test_after_missed_days_only_the_latest_stage_is_due():
    # The job did not run from 10 to 21 December: only "closing" is due, not "before-7".
    assert reminder_stage_due(DUE, datetime.date(2026, 12, 21), STAGES) == "closing"


def test_collection_rate():
    assert collection_rate(Decimal("1000"), Decimal("250")) == Decimal("25.0")
    assert collection_rate(Decimal("0"), Decimal("0")) is None


tiers = st.sampled_from(list(TIER_RANK))
dates = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31))


@given(st.lists(tiers, min_size=1, max_size=4), dates)
def test_amount_is_never_above_the_highest_tier(member_tiers, admitted_on):
    amount = charge(AMOUNTS[invoice_tier(member_tiers)], joining_fraction(admitted_on))
    assert amount <= max(AMOUNTS.values())
    assert amount <= AMOUNTS[invoice_tier(member_tiers)]


@given(st.lists(tiers, min_size=1, max_size=6), dates)
def test_upgrades_never_charge_a_year_twice(sequence, admitted_on):
    """Whatever upgrades and downgrades happen, the year is charged once, at the highest tier."""
    fraction = joining_fraction(admitted_on)
    charged_tier = sequence[0]
    charged = charge(AMOUNTS[charged_tier], fraction)
    for tier in sequence[1:]:
        new_tier = invoice_tier([charged_tier, tier])
        charged += upgrade_difference(
            AMOUNTS, charged_tier=charged_tier, new_tier=new_tier, fraction=fraction
        )
        charged_tier = new_tier
    assert charged == charge(AMOUNTS[invoice_tier(sequence)], fraction)
