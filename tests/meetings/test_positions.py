"""The directory's "alliance position" filter, which meetings supplies to members."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Office
from members.models import Member
from tests.meetings.factories import BodyFactory
from tests.meetings.test_elections_offices import elect
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_directory_filters_members_by_the_position_their_representative_holds(client_for, secretariat_user):
    vice_chair = RepresentativeFactory(member=MemberFactory(name="Harbour Guard Co."))
    MemberFactory(name="Quiet Locks Co.")
    elect(candidate=vice_chair.user, office=Office.VICE_CHAIRMAN, by=secretariat_user, body=BodyFactory())

    response = client_for(secretariat_user).get(
        reverse("members:member_list"), {"position": Office.VICE_CHAIRMAN}
    )

    html = response.content.decode()
    assert "Harbour Guard Co." in html
    assert "Quiet Locks Co." not in html


def test_position_filter_drops_members_whose_representative_left(secretariat_user):
    from meetings.positions import filter_by_position
    from members import extensions

    vice_chair = RepresentativeFactory()
    elect(candidate=vice_chair.user, office=Office.VICE_CHAIRMAN, by=secretariat_user, body=BodyFactory())
    extensions.representative_left.call(
        representative=vice_chair,
        ended_on=timezone.localdate(),
        by=secretariat_user,
    )

    assert not filter_by_position(Member.objects.all(), Office.VICE_CHAIRMAN).exists()
