"""The invoice list's indexes on PostgreSQL (issue 15): a page's keys come from an index alone."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_the_invoice_lists_keys_are_in_an_index_of_its_order():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'invoice_list_keys'")
        (definition,) = cursor.fetchone()

    assert "(year, number) INCLUDE (id)" in definition
