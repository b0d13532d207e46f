"""The member's home page shows its dues standing (members checking their dues)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from dues.services import invoice_issue


@pytest.fixture
def own_invoice(schedule, own_member, frozen, treasurer_user):
    return invoice_issue(member=own_member, year=2026, by=treasurer_user)


def test_member_dashboard_shows_its_outstanding_dues(client_for, member_user, own_invoice):
    html = client_for(member_user).get(reverse("dashboard")).content.decode()
    assert "Your dues" in html
    assert own_invoice.member.name in html
    assert "In good standing" in html  # due on 20 December, not yet overdue on 1 March
    assert "Due: 1,000.00 USD by 20 Dec 2026" in html
    assert "Overdue" not in html


def test_member_dashboard_shows_arrears_after_the_closing_date(client_for, member_user, own_invoice):
    # own_invoice is due on 20 December 2026 and unpaid.
    with time_machine.travel(datetime.datetime(2026, 12, 28, 10, 0, tzinfo=datetime.UTC), tick=False):
        html = client_for(member_user).get(reverse("dashboard")).content.decode()
    assert "In arrears" in html


def test_finance_staff_do_not_get_the_member_section(client_for, treasurer_user, frozen):
    html = client_for(treasurer_user).get(reverse("dashboard")).content.decode()
    assert "Your dues" not in html


def test_member_dashboard_says_what_is_overdue_since_when_and_what_is_merely_due(
    client_for, member_user, own_member, schedule, frozen, treasurer_user
):
    """Issue 9: "Outstanding: … due 20 Dec 2028" hid that the overdue amount was from 2025."""
    invoice_issue(member=own_member, year=2025, by=treasurer_user, issued_on=datetime.date(2025, 1, 10))
    invoice_issue(member=own_member, year=2026, by=treasurer_user)
    html = client_for(member_user).get(reverse("dashboard")).content.decode()
    assert "In arrears" in html
    assert "Overdue: 1,000.00 USD, due since 20 Dec 2025" in html
    assert "Due: 1,000.00 USD by 20 Dec 2026" in html
