"""An expulsion cites a real passed resolution, not free text (issue 9 §12)."""

import pytest
from django.urls import reverse

from members import errors
from members.errors import MembershipError
from members.forms import StatusChangeForm
from members.models import MemberStatus
from members.services import member_change_status
from tests.meetings.factories import passed_expulsion_resolution
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_made_up_resolution_reference_is_refused(secretariat_user):
    member = MemberFactory()
    with pytest.raises(MembershipError, match=str(errors.EXPULSION_NEEDS_RESOLUTION)):
        member_change_status(
            member=member,
            to_status=MemberStatus.EXPELLED,
            reason="Arrears",
            resolution_reference="GA-2099-99",
            by=secretariat_user,
        )
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and not member.status_changes.exists()


def test_a_resolution_about_another_member_is_refused(secretariat_user):
    member, other = MemberFactory(), MemberFactory()
    resolution = passed_expulsion_resolution(other, by=secretariat_user)
    with pytest.raises(MembershipError, match=str(errors.EXPULSION_NEEDS_RESOLUTION)):
        member_change_status(
            member=member,
            to_status=MemberStatus.EXPELLED,
            reason="Arrears",
            resolution_reference=resolution.number,
            by=secretariat_user,
        )


def test_the_passed_resolution_naming_the_member_is_accepted(secretariat_user):
    member = MemberFactory()
    resolution = passed_expulsion_resolution(member, by=secretariat_user)
    change = member_change_status(
        member=member,
        to_status=MemberStatus.EXPELLED,
        reason="Arrears",
        resolution_reference=resolution.number,
        by=secretariat_user,
    )
    assert change.resolution_reference == resolution.number


def test_the_form_offers_only_passed_resolutions_naming_the_member(secretariat_user):
    member, other = MemberFactory(), MemberFactory()
    mine = passed_expulsion_resolution(member, by=secretariat_user)
    passed_expulsion_resolution(other, by=secretariat_user)
    choices = [
        value for value, _label in StatusChangeForm(member=member).fields["resolution_reference"].choices
    ]
    assert choices == ["", mine.number]
    form = StatusChangeForm(
        {"to_status": "expelled", "reason": "Arrears", "resolution_reference": "GA-2099-99"}, member=member
    )
    assert "resolution_reference" in form.errors


def test_the_member_page_refuses_a_free_text_reference(client_for, secretariat_user):
    member = MemberFactory()
    response = client_for(secretariat_user).post(
        reverse("members:member_status", args=[member.pk]),
        {"to_status": "expelled", "reason": "Arrears", "resolution_reference": "GA-2099-99"},
        follow=True,
    )
    assert "GA-2099-99 is not one of the available choices" in response.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
