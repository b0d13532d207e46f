"""The member directory: filters (003 第二条), search, sorting, CSV, constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import extensions
from members.models import MemberStatus, Tier
from tests.members.factories import LiaisonOfficeFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(db):
    return [
        MemberFactory(name="Alpha Guard", native_name="阿尔法", country="CN", tier=Tier.CHAIRMAN_UNIT),
        MemberFactory(name="Bravo Patrol", country="TH", status=MemberStatus.SUSPENDED, industry="logistics"),
        MemberFactory(name="Charlie Cyber", country="VN", kind="individual", tier=Tier.INDIVIDUAL_MEMBER),
    ]


def _names(response):
    return [m.name for m in response.context["members"]]


def test_filters_and_search(client, secretariat_user, members):
    client.force_login(secretariat_user)
    url = reverse("members:member_list")
    assert _names(client.get(url)) == ["Alpha Guard", "Bravo Patrol", "Charlie Cyber"]
    assert _names(client.get(url, {"country": "TH"})) == ["Bravo Patrol"]
    assert _names(client.get(url, {"status": "suspended"})) == ["Bravo Patrol"]
    assert _names(client.get(url, {"tier": "chairman_unit"})) == ["Alpha Guard"]
    assert _names(client.get(url, {"kind": "individual"})) == ["Charlie Cyber"]
    assert _names(client.get(url, {"industry": "logistics"})) == ["Bravo Patrol"]
    assert _names(client.get(url, {"q": "阿尔"})) == ["Alpha Guard"]
    assert _names(client.get(url, {"ordering": "-name"})) == ["Charlie Cyber", "Bravo Patrol", "Alpha Guard"]


def test_region_filter(client, secretariat_user):
    MemberFactory(name="South", country="IN", region="south_asia")
    MemberFactory(name="East", country="CN", region="east_asia")
    client.force_login(secretariat_user)
    assert _names(client.get(reverse("members:member_list"), {"region": "south_asia"})) == ["South"]


def test_position_filter_uses_the_connected_extension_points(client, secretariat_user, members):
    with (
        extensions.position_choices.replaced(lambda: [("chairman", "Chairman")]),
        extensions.members_holding_position.replaced(
            lambda qs, value: qs.filter(name="Alpha Guard") if value == "chairman" else qs
        ),
    ):
        client.force_login(secretariat_user)
        assert _names(client.get(reverse("members:member_list"), {"position": "chairman"})) == ["Alpha Guard"]


def test_liaison_officer_sees_only_their_countries(client, liaison_user, members):
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])
    client.force_login(liaison_user)
    assert _names(client.get(reverse("members:member_list"))) == ["Bravo Patrol"]
    body = b"".join(client.get(reverse("members:member_export", args=["csv"])).streaming_content).decode(
        "utf-8-sig"
    )
    assert "Bravo Patrol" in body and "Alpha Guard" not in body


def test_csv_export_follows_the_filters(client, secretariat_user, members):
    client.force_login(secretariat_user)
    response = client.get(reverse("members:member_export", args=["csv"]), {"country": "CN"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Member number,Name")
    assert len(lines) == 2 and "阿尔法" in lines[1]


def test_bad_page_size_falls_back(client, secretariat_user, members):
    client.force_login(secretariat_user)
    assert client.get(reverse("members:member_list"), {"per_page": "abc"}).context["per_page"] == 25
    assert client.get(reverse("members:member_list"), {"per_page": "5000"}).context["per_page"] == 25


def test_query_count_does_not_grow_with_members_or_page_size(client, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("members:member_list")
    MemberFactory.create_batch(5)
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"per_page": 25})
    MemberFactory.create_batch(120)
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"per_page": 100})
    assert len(small) == len(large)


def test_member_file_query_count_is_constant(client, secretariat_user):
    from tests.members.factories import RepresentativeFactory

    member = MemberFactory()
    RepresentativeFactory(member=member)
    client.force_login(secretariat_user)
    url = reverse("members:member_detail", args=[member.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    RepresentativeFactory(member=member, role="deputy")
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    assert len(one) == len(two)


def test_a_search_of_several_words_finds_the_names_holding_them_together(client, secretariat_user):
    """On PostgreSQL the index is asked for the words' first letters (``filters.ContainsGuided``):
    the rows it gives that hold the words apart, out of order, or only their prefixes are not
    results."""
    for name, native in [
        ("Harbour Falcon Risk", ""),
        ("harbour falcon lower", ""),
        ("Harbour  Falcon two spaces", ""),
        ("Falcon Harbour swapped", ""),
        ("Harbour Grey Falcon apart", ""),
        ("Harbinger Falconry", ""),
        ("Native Only", "海港 猎鹰 集团"),
        ("Percent 50% Off_Shore", ""),
        ("Percent 5000 OffXShore", ""),
    ]:
        MemberFactory(name=name, native_name=native)
    MemberFactory(name="By Number", number="HF 001")
    client.force_login(secretariat_user)
    url = reverse("members:member_list")

    def found(q):
        return _names(client.get(url, {"q": q}))

    assert found("harbour falcon") == ["harbour falcon lower", "Harbour Falcon Risk"]
    assert found("  HARBOUR FALCON ") == ["harbour falcon lower", "Harbour Falcon Risk"]
    assert found("harbour  falcon") == ["Harbour  Falcon two spaces"]
    assert found("bour falc") == ["harbour falcon lower", "Harbour Falcon Risk"]
    assert found("海港 猎鹰") == ["Native Only"]
    assert found("50% off_") == ["Percent 50% Off_Shore"]
    assert found("hf 001") == ["By Number"]
