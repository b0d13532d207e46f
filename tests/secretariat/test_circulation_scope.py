"""Circulating to all active members, or all active members of a country, set-wise and idempotent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MemberStatus
from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import DocumentRecipient
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def _representatives(count, **member_fields):
    return [RepresentativeFactory(member=MemberFactory(**member_fields)) for _index in range(count)]


def test_all_active_members_reaches_every_active_members_representatives(make_document, clerk):
    document = make_document("issued", audience="members")
    active = _representatives(3, country="TH")
    _representatives(1, country="TH", status=MemberStatus.SUSPENDED)
    added = services.document_circulate(document=document, by=clerk, all_active=True)
    assert added == 3
    assert {(r.user_id, r.member_id) for r in DocumentRecipient.objects.all()} == {
        (rep.user_id, rep.member_id) for rep in active
    }


def test_a_country_reaches_only_that_countrys_active_members(make_document, clerk):
    document = make_document("issued", audience="members")
    thai = _representatives(2, country="TH")
    _representatives(2, country="MY")
    services.document_circulate(document=document, by=clerk, country="TH")
    assert set(DocumentRecipient.objects.values_list("user_id", flat=True)) == {r.user_id for r in thai}


def test_circulating_to_everyone_twice_creates_no_duplicate(make_document, clerk, head):
    document = make_document("issued", audience="members")
    _representatives(3)
    assert services.document_circulate(document=document, by=clerk, users=[head], all_active=True) == 4
    assert services.document_circulate(document=document, by=clerk, users=[head], all_active=True) == 0
    assert services.document_circulate(document=document, by=clerk, country="TH") == 0
    assert DocumentRecipient.objects.count() == 4


def test_the_query_count_does_not_grow_with_the_membership(make_document, clerk):
    first, second = make_document("issued", audience="members"), make_document("issued", audience="members")
    _representatives(2)
    with CaptureQueriesContext(connection) as few:
        services.document_circulate(document=first, by=clerk, all_active=True)
    _representatives(20)
    with CaptureQueriesContext(connection) as many:
        services.document_circulate(document=second, by=clerk, all_active=True)
    assert DocumentRecipient.objects.filter(document=second).count() == 22
    assert len(many) == len(few)


def test_an_internal_document_never_goes_to_all_members(make_document, clerk):
    document = make_document("issued", audience="internal")
    _representatives(1)
    with pytest.raises(SecretariatError, match=str(errors.INTERNAL_TO_MEMBERS)):
        services.document_circulate(document=document, by=clerk, all_active=True)
    assert not DocumentRecipient.objects.exists()


def test_a_country_without_readers_is_refused(make_document, clerk):
    document = make_document("issued", audience="members")
    _representatives(1, country="TH")
    with pytest.raises(SecretariatError, match=str(errors.NO_RECIPIENTS)):
        services.document_circulate(document=document, by=clerk, country="VN")


def _circulate_url(document):
    return reverse("secretariat:document_circulate", args=[document.pk])


def test_the_page_circulates_to_a_country(
    make_document, clerk, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    document = make_document("issued", audience="members")
    thai = _representatives(2, country="TH")
    _representatives(1, country="MY")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(clerk).post(_circulate_url(document), {"scope": "country", "country": "TH"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.user.email for r in thai)


def test_the_page_asks_for_the_country(make_document, clerk, client_for):
    document = make_document("issued", audience="members")
    _representatives(1)
    response = client_for(clerk).post(_circulate_url(document), {"scope": "country", "country": ""})
    assert response.status_code == 200
    assert "Choose the country" in response.content.decode()
    response = client_for(clerk).post(_circulate_url(document), {"scope": "country", "country": "XX"})
    assert response.status_code == 200
    assert not DocumentRecipient.objects.exists()


def test_the_page_refuses_an_unknown_scope(make_document, clerk, client_for):
    document = make_document("issued", audience="members")
    _representatives(1)
    response = client_for(clerk).post(_circulate_url(document), {"scope": "everyone-on-earth"})
    assert response.status_code == 200
    assert not DocumentRecipient.objects.exists()


def test_the_page_circulates_to_all_active_members(make_document, clerk, client_for):
    document = make_document("issued", audience="members")
    _representatives(2)
    response = client_for(clerk).post(_circulate_url(document), {"scope": "all_active"})
    assert response.status_code == 302
    assert DocumentRecipient.objects.count() == 2


@pytest.mark.parametrize("fixture", ["member_user", "liaison_user", "treasurer_user"])
def test_only_the_secretariat_circulates(make_document, client_for, request, fixture):
    document = make_document("issued", audience="members")
    _representatives(1)
    response = client_for(request.getfixturevalue(fixture)).post(
        _circulate_url(document), {"scope": "all_active"}
    )
    assert response.status_code == 403
    assert not DocumentRecipient.objects.exists()


def test_the_recipient_list_is_paginated_with_totals(
    make_document, clerk, client_for, django_assert_max_num_queries
):
    document = make_document("issued", audience="members")
    _representatives(30)
    services.document_circulate(document=document, by=clerk, all_active=True)
    DocumentRecipient.objects.filter(pk__in=DocumentRecipient.objects.values("pk")[:5]).update(
        read_at="2026-01-01T00:00Z"
    )
    url = reverse("secretariat:document_detail", args=[document.pk])
    client = client_for(clerk)
    with django_assert_max_num_queries(30):
        first = client.get(url)
    content = first.content.decode()
    assert "Read by 5 of 30" in content
    assert len(first.context["recipients"]) == 25
    assert "Page 1 of 2" in content
    second = client.get(url, {"page": 2})
    assert len(second.context["recipients"]) == 5
