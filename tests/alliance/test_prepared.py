"""alliance.prepared.rows_for: a query compiled once, run with each id, answers as the ORM does."""

import pytest
from django.db.models import Count, Q

from alliance import prepared
from alliance.prepared import rows_for
from members.models import Contact, Member
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

built = []


def _contacts(member_id):
    built.append(member_id)
    return Contact.objects.filter(member_id=member_id).select_related("member")


def _names(member_id):
    return Member.objects.filter(pk=member_id).annotate(n=Count("contacts", filter=Q(contacts__name__gt="")))


def test_each_member_gets_its_own_rows_from_sql_compiled_once(django_assert_num_queries):
    built.clear()
    prepared._COMPILED.clear()
    one, two = MemberFactory(), MemberFactory()
    Contact.objects.create(member=one, name="Ana")
    Contact.objects.create(member=two, name="Bo")
    Contact.objects.create(member=two, name="Cy")
    with django_assert_num_queries(1):
        assert [(c.name, c.member.name) for c in rows_for("test.contacts", _contacts, two.pk)] == [
            ("Bo", two.name),
            ("Cy", two.name),
        ]
    assert [c.name for c in rows_for("test.contacts", _contacts, one.pk)] == ["Ana"]
    assert built == [prepared.PLACEHOLDER]  # built and compiled the first time only


def test_a_change_of_the_data_shows_on_the_next_call():
    member = MemberFactory()
    assert rows_for("test.contacts", _contacts, member.pk) == []
    Contact.objects.create(member=member, name="Dee")
    assert [c.name for c in rows_for("test.contacts", _contacts, member.pk)] == ["Dee"]


def test_annotations_and_values_come_back_converted_as_the_orm_gives_them():
    member = MemberFactory()
    Contact.objects.create(member=member, name="Eve")
    assert [m.n for m in rows_for("test.names", _names, member.pk)] == [1]
    values = rows_for(
        "test.values", lambda pk: Member.objects.filter(pk=pk).values_list("joined_on", "status"), member.pk
    )
    assert values == list(Member.objects.filter(pk=member.pk).values_list("joined_on", "status"))


def test_a_query_not_built_on_the_id_is_refused():
    with pytest.raises(ValueError, match="does not use the id"):
        rows_for("test.all", lambda pk: Member.objects.all(), 1)
