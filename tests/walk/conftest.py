"""One demo data set, walked once per module by every role (loading it per test would cost more
than the walk), inside a transaction rolled back at the end."""

import hashlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction

from tests.walk.walker import EXEMPT_TABLES, walk_site

# Each role of DESIGN.md, as the demo's account that holds it (tests/conftest.py has the same set).
ROLES = {
    "admin": "admin",
    "secretariat": "secretariat",
    "department head": "head",
    "liaison officer": "liaison",
    "treasurer": "treasurer",
    "member": "member",
    "applicant": "applicant-th",
    "anonymous": None,
}


# Demo usernames that are also words of the interface ("Member", "the treasurer").
COMMON_WORDS = {"admin", "member", "secretariat", "liaison", "head", "chairman", "clerk"}


def database_checksum() -> dict[str, str]:
    """Return a digest of every row of every table (but those a GET may write), by table."""
    digests = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in EXEMPT_TABLES or table in digests:
                continue
            columns = ", ".join(
                connection.ops.quote_name(f.column) for f in model._meta.local_concrete_fields
            )
            cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)} ORDER BY 1")
            digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The walks of every role, and the database checksum before and after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        users = get_user_model().objects
        roles = {role: users.get(username=name) if name else None for role, name in ROLES.items()}
        # Where a person is shown, their name belongs, not their username (issue 9 item 12).
        usernames = {u.username for u in users.all() if u.get_full_name() and u.username not in COMMON_WORDS}
        walks, before, after = walk_site(roles, watched_words=usernames, checksum=database_checksum)
        transaction.set_rollback(True)
    yield {"walks": walks, "before": before, "after": after}
