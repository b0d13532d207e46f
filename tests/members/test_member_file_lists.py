"""The member file's lists (read through alliance.prepared) show each member's own rows, to
every role that may open the file, at a number of queries the rows do not change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Contact, MemberStatus
from members.services import member_change_status
from tests.members.factories import LiaisonOfficeFactory, MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def _file(client, user, member):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("members:member_detail", args=[member.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_each_reader_sees_the_members_own_rows_at_the_same_query_count(
    client, secretariat_user, liaison_user, member_user
):
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])
    member = RepresentativeFactory(
        user=member_user, member=MemberFactory(country="TH"), name="Ana Rep"
    ).member
    other = MemberFactory(country="TH")
    Contact.objects.create(member=other, name="Not <theirs>")
    _html, before = _file(client, secretariat_user, member)

    Contact.objects.create(member=member, name="Bo <Contact>")
    Contact.objects.create(member=member, name="Cy Contact")
    member_change_status(
        member=member, to_status=MemberStatus.SUSPENDED, reason="Arrears", by=secretariat_user
    )
    for user in (secretariat_user, liaison_user, member_user):
        html, count = _file(client, user, member)
        assert "Ana Rep" in html and "Bo &lt;Contact&gt;" in html and "Cy Contact" in html
        assert "Not &lt;theirs&gt;" not in html
        assert "Suspended" in html.split("status-history", 1)[1]
        if user is secretariat_user:
            assert count == before


def test_the_staff_open_any_members_file_and_a_missing_one_is_not_found(
    client, secretariat_user, treasurer_user
):
    member = MemberFactory(country="VN", name="Far <Away> Co.")
    for user in (secretariat_user, treasurer_user):
        html, _count = _file(client, user, member)
        assert "Far &lt;Away&gt; Co." in html
        assert client.get(reverse("members:member_detail", args=[member.pk + 1000])).status_code == 404
