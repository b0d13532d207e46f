"""History versions and the figures cached on them (alliance.versions)."""

import pytest
from django.test import RequestFactory

from alliance.versions import cached_on_history, history_versions
from members.models import LiaisonOffice
from tests.members.factories import LiaisonOfficeFactory

pytestmark = pytest.mark.django_db


def test_a_version_moves_with_every_save_and_deletion():
    before = history_versions([LiaisonOffice])
    office = LiaisonOfficeFactory()
    created = history_versions([LiaisonOffice])
    assert created > before
    office.delete()
    assert history_versions([LiaisonOffice]) > created


def test_a_request_reads_each_version_once(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        history_versions([LiaisonOffice], request)
        history_versions([LiaisonOffice], request)


def test_a_cached_figure_is_computed_again_after_a_change():
    calls = []

    def compute():
        calls.append(1)
        return LiaisonOffice.objects.count()

    assert cached_on_history("test-offices", [LiaisonOffice], compute, "a") == 0
    assert cached_on_history("test-offices", [LiaisonOffice], compute, "a") == 0
    assert len(calls) == 1
    LiaisonOfficeFactory()
    assert cached_on_history("test-offices", [LiaisonOffice], compute, "a") == 1
    assert cached_on_history("test-offices", [LiaisonOffice], compute, "b") == 1
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_versions_read_outside_a_transaction_are_planned_once_per_connection():
    """On PostgreSQL, in autocommit (a page's request), the statement is prepared once per
    connection and executed after: its versions still move with every change."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements: PostgreSQL only")
    from django.test.utils import CaptureQueriesContext

    first = history_versions([LiaisonOffice])
    with CaptureQueriesContext(connections["default"]) as ran:
        assert history_versions([LiaisonOffice]) == first
    assert [q["sql"] for q in ran.captured_queries][0].startswith("EXECUTE alliance_")
    LiaisonOfficeFactory()
    assert history_versions([LiaisonOffice]) > first
    connection.close()  # a new session has none prepared: the statement is prepared again
    assert history_versions([LiaisonOffice]) > first
