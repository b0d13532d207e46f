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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_compiled_query_is_planned_once_per_session_and_answers_the_same(
    django_assert_num_queries,
):
    """Outside a transaction (a page's request) the SQL is prepared in the session, then each
    call executes it with its own id; a new session prepares it again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    one, two = MemberFactory(), MemberFactory()
    Contact.objects.create(member=one, name="Ana")
    Contact.objects.create(member=two, name="Bo")
    rows_for("test.contacts", _contacts, one.pk)  # prepared here
    with CaptureQueriesContext(connection) as ran:
        assert [c.name for c in rows_for("test.contacts", _contacts, two.pk)] == ["Bo"]
        assert [c.name for c in rows_for("test.contacts", _contacts, one.pk)] == ["Ana"]
    assert [q["sql"].split("(")[0] for q in ran.captured_queries] == [
        "EXECUTE " + prepared.planned_statement(connection, _compiled_sql("test.contacts"))
    ] * 2
    connection.close()
    assert [c.name for c in rows_for("test.contacts", _contacts, two.pk)] == ["Bo"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_statement_postgresql_cannot_prepare_is_run_as_it_is():
    """Parameters whose types PostgreSQL cannot tell (``$1 + $2``) make PREPARE fail: the
    query then runs unprepared, with the same answer, and is not offered again."""
    from django.db import connection
    from django.db.models import Value

    member = MemberFactory()
    assert prepared.planned_statement(connection, 'SELECT %s + %s AS "sum"') is None
    rows = rows_for(
        "test.sum", lambda pk: Member.objects.filter(pk=pk).annotate(c=Value(1) + Value(2)), member.pk
    )
    assert [m.c for m in rows] == [3]
    assert prepared.planned_statement(connection, _compiled_sql("test.sum")) is None


@pytest.mark.postgres
def test_inside_a_transaction_nothing_is_prepared():
    from django.db import connection

    assert prepared.planned_statement(connection, "SELECT 1 AS one_inside") is None


def test_other_databases_run_the_sql_as_it_is():
    from types import SimpleNamespace

    assert prepared.planned_statement(SimpleNamespace(vendor="sqlite"), "SELECT 1") is None


def _compiled_sql(key):
    return next(sql for (name, *_rest), (_q, _c, sql, _p, _s) in prepared._COMPILED.items() if name == key)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_session_holds_so_many_statements_at_most_then_runs_the_rest_unprepared(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(prepared, "STATEMENTS_KEPT", 1)
    connection.close()  # a new session, none prepared yet
    assert prepared.planned_statement(connection, "SELECT 1 AS one_first") is not None
    assert prepared.planned_statement(connection, "SELECT 2 AS two_beyond") is None
    assert prepared.planned_statement(connection, "SELECT 1 AS one_first") is not None  # still prepared
