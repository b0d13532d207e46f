import pytest

from members import errors
from members.errors import MembershipError
from members.models import MemberStatus
from members.rules import highest_tier, region_of, status_change_problem
from members.services import member_change_status
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_suspension_is_recorded_with_who_and_why(secretariat_user):
    member = MemberFactory()
    change = member_change_status(
        member=member, to_status=MemberStatus.SUSPENDED, reason="No attendance", by=secretariat_user
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.SUSPENDED
    assert (change.changed_by, change.comment, change.from_status) == (
        secretariat_user,
        "No attendance",
        "active",
    )


def test_expulsion_without_a_resolution_is_refused_and_changes_nothing(secretariat_user):
    member = MemberFactory()
    with pytest.raises(MembershipError, match=str(errors.EXPULSION_NEEDS_RESOLUTION)):
        member_change_status(
            member=member, to_status=MemberStatus.EXPELLED, reason="Arrears", by=secretariat_user
        )
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.status_changes.count() == 0


def test_expelled_member_cannot_be_reinstated(secretariat_user):
    member = MemberFactory(status=MemberStatus.EXPELLED)
    with pytest.raises(MembershipError):
        member_change_status(
            member=member, to_status=MemberStatus.ACTIVE, reason="Appeal", by=secretariat_user
        )


def test_status_change_needs_a_reason():
    assert status_change_problem("active", "suspended", reason="  ", resolution_reference="")


def test_highest_tier_wins():
    assert highest_tier(["group_member", "chairman_unit", "individual_member"]) == "chairman_unit"


@pytest.mark.parametrize(
    ("code", "region"), [("TH", "southeast_asia"), ("IN", "south_asia"), ("CN", "east_asia"), ("FR", "other")]
)
def test_region_of_country(code, region):
    assert region_of(code) == region


def test_notification_emails_for_many_members_takes_one_query(django_assert_num_queries):
    from members.selectors import notification_emails_for
    from tests.members.factories import RepresentativeFactory

    represented = RepresentativeFactory(email="rep@example.org").member
    individual = MemberFactory(email="self@example.org")
    with django_assert_num_queries(1):
        emails = notification_emails_for([represented, individual])
    assert emails == {represented.pk: ["rep@example.org"], individual.pk: ["self@example.org"]}
