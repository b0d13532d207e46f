"""Walk every URL pattern as every role (tests/walk/walker.py says how) and hold three things:

- no answer is a server error, whatever the path or query holds (issue 9 item 3);
- no GET writes to the database (item 5): each GET's SQL is watched for INSERT, UPDATE and
  DELETE, and a checksum of every table is compared before and after all the walks. Exempt:
  ``django_session`` (logins, messages) and django-axes' ``axes_access*`` tables (access logs);
- no link a page shows answers 404 or a server error (item 12).
"""

from collections import Counter

import pytest

from tests.walk.conftest import ROLES

# The walk's data set lives in a module fixture; the mark makes pytest-django create the database.
pytestmark = pytest.mark.django_db


def _lines(visits, describe) -> str:
    return "\n".join(sorted({describe(v) for v in visits}))


@pytest.mark.parametrize("role", ROLES)
def test_no_request_answers_a_server_error(site, role):
    errors = site["walks"][role].server_errors()
    assert not errors, _lines(errors, lambda v: f"{v.status} {v.url[:160]!r}: {v.error[:300]}")


@pytest.mark.parametrize("role", ROLES)
def test_no_get_writes_to_the_database(site, role):
    writing = site["walks"][role].writing_gets()
    assert not writing, _lines(writing, lambda v: f"GET {v.url[:160]!r} wrote to {', '.join(v.writes)}")


def test_no_table_changed_during_the_walks(site):
    changed = [table for table, digest in site["before"].items() if site["after"].get(table) != digest]
    assert not changed


@pytest.mark.parametrize("role", ROLES)
def test_no_link_is_broken(site, role):
    broken = site["walks"][role].broken_links()
    assert not broken, _lines(
        broken, lambda v: f"{v.status} {v.url[:160]!r} linked from {v.referrer[:160]!r}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_pages_show_people_by_name_not_username(site, role):
    shown = {
        url: words
        for url, words in site["walks"][role].shown_words.items()
        if not url.startswith(("/admin/", "/accounts/"))  # the admin and login pages are about accounts
    }
    assert not shown, "\n".join(f"{url[:160]}: {sorted(words)}" for url, words in sorted(shown.items()))


def test_the_walk_covers_every_pattern_as_every_role(site):
    """Every pattern of the URLconf was requested by every role (and print the walk's figures)."""
    walks = site["walks"]
    for role, walk in walks.items():
        missing = [p.name for p in walk.patterns if p.route not in walk.walked]
        assert not missing, f"{role} never requested {missing}"
    total = sum(len(w.visits) for w in walks.values())
    seconds = sum(w.seconds for w in walks.values())
    phases = Counter(v.phase for w in walks.values() for v in w.visits)
    print(
        f"\nwalk: {len(next(iter(walks.values())).patterns)} patterns x {len(walks)} roles, "
        f"{total} requests ({dict(phases)}), {seconds:.0f} s"
    )
