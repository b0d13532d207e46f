"""The public notice page, its feeds and the landing page's latest notices."""

import pytest
from django.urls import reverse

from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_the_public_page_lists_issued_public_notices_only(make_document, client):
    public = make_document("issued", kind="announcement", audience="public", title="Office opens in Hanoi")
    make_document("issued", kind="notice", audience="members", title="Members consultation")
    make_document("issued", kind="circular", audience="internal", title="Staff circular")
    make_document("approved", kind="notice", audience="public", title="Not yet issued")
    make_document("issued", kind="report", audience="public", title="Public report")
    response = client.get(reverse("secretariat:notice_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert public.title in content
    for hidden in ("Members consultation", "Staff circular", "Not yet issued", "Public report"):
        assert hidden not in content


def test_a_member_also_sees_members_only_notices_after_login(make_document, client_for):
    make_document("issued", kind="notice", audience="members", title="Members consultation")
    representative = RepresentativeFactory()
    response = client_for(representative.user).get(reverse("secretariat:notice_list"))
    assert "Members consultation" in response.content.decode()


def test_a_members_only_notice_is_a_404_for_the_public(make_document, client):
    notice = make_document("issued", kind="notice", audience="members")
    assert client.get(reverse("secretariat:notice_detail", args=[notice.pk])).status_code == 404


def test_the_notice_page_shows_a_public_notice(make_document, client):
    notice = make_document("issued", kind="notice", audience="public", body="Bring your badge.")
    response = client.get(reverse("secretariat:notice_detail", args=[notice.pk]))
    assert response.status_code == 200 and "Bring your badge." in response.content.decode()


@pytest.mark.parametrize(
    "name,content_type", [("secretariat:notice_feed", "rss"), ("secretariat:notice_atom", "atom")]
)
def test_the_feeds_carry_public_notices(make_document, client, name, content_type):
    make_document("issued", kind="announcement", audience="public", title="Office opens in Hanoi")
    make_document("issued", kind="notice", audience="members", title="Members consultation")
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert b"Office opens in Hanoi" in response.content
    assert b"Members consultation" not in response.content


def test_the_landing_page_shows_the_latest_public_notices(make_document, client):
    make_document("issued", kind="announcement", audience="public", title="Office opens in Hanoi")
    make_document("issued", kind="notice", audience="internal", title="Staff circular")
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Latest notices" in content and "Office opens in Hanoi" in content
    assert "Staff circular" not in content
