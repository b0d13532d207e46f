"""Two reviewers deciding the same application at once (PostgreSQL row locks)."""

import pytest

from alliance.roles import Role
from members.errors import MembershipError
from members.models import ApplicationDecision, Member
from members.services import application_decide
from tests.concurrency import run_concurrently
from tests.factories import UserFactory
from tests.members.factories import LiaisonOfficeFactory
from tests.members.helpers import preliminarily_approved

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_simultaneous_final_approvals_admit_one_member():
    liaison = UserFactory(username="th-officer", roles=[Role.LIAISON_OFFICER])
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison])
    reviewers = [UserFactory(username=f"sec{i}", roles=[Role.SECRETARIAT]) for i in range(2)]
    application = preliminarily_approved(liaison)

    def approve(reviewer):
        try:
            application_decide(application=application, reviewer=reviewer, decision="approve", stage="final")
            return "approved"
        except MembershipError as error:
            return str(error)

    outcomes = [outcome.value for outcome in run_concurrently([lambda r=r: approve(r) for r in reviewers])]
    assert outcomes.count("approved") == 1
    assert any("already been decided" in outcome for outcome in outcomes)
    assert Member.objects.count() == 1
    assert ApplicationDecision.objects.filter(stage="final").count() == 1
