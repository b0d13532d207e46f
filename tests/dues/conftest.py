import datetime

import pytest
import time_machine

from dues.services import invoice_issue
from tests.dues.factories import make_schedule
from tests.members.factories import MemberFactory, RepresentativeFactory


@pytest.fixture
def schedule(db):
    return make_schedule(2024)


@pytest.fixture
def frozen():
    """Freeze the clock on 1 March 2026 (mid dues year)."""
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield datetime.date(2026, 3, 1)


@pytest.fixture
def member(db):
    return MemberFactory(joined_on=datetime.date(2025, 3, 1))


@pytest.fixture
def invoice(schedule, member, frozen, treasurer_user):
    return invoice_issue(member=member, year=2026, by=treasurer_user)


@pytest.fixture
def own_member(member_user):
    """The member the ``member_user`` fixture represents."""
    representative = RepresentativeFactory(user=member_user, email="rep@example.org")
    return representative.member
