"""Fixtures shared by every test: a user per role of DESIGN.md."""

import pytest
from hypothesis import HealthCheck, settings

from alliance.roles import Role
from tests.factories import UserFactory

# Property tests judge what the code computes, never how fast the machine is: no deadline and no
# "too slow" health check, which fail at random on a loaded CI machine.
settings.register_profile("alliance", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("alliance")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no rate-limit counts left by another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in another language leaves it active in the thread (LocaleMiddleware never
    deactivates it): each test ends with the language it began with, so none leaks into the next."""
    from django.utils import translation

    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def secretariat_user(db):
    return UserFactory(username="secretariat", is_staff=True, roles=[Role.SECRETARIAT])


@pytest.fixture
def liaison_user(db):
    return UserFactory(username="liaison", roles=[Role.LIAISON_OFFICER])


@pytest.fixture
def treasurer_user(db):
    return UserFactory(username="treasurer", roles=[Role.TREASURER])


@pytest.fixture
def member_user(db):
    return UserFactory(username="member", roles=[Role.MEMBER])


@pytest.fixture
def plain_user(db):
    """Signed in, but holding no role (e.g. an applicant)."""
    return UserFactory(username="applicant")


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client logged in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_runtest_setup(item):
    """Tests marked ``postgres`` (real concurrency) run where the database is PostgreSQL, as in CI."""
    if item.get_closest_marker("postgres"):
        from django.conf import settings

        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            pytest.skip("needs PostgreSQL (row locks); CI runs it with DATABASE_URL set")


@pytest.fixture
def deliver_outbox():
    """Return a function that delivers the outbox now, as the worker does after commit."""
    from alliance.outbox import deliver_due

    return deliver_due


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in English: a request in Chinese leaves its language
    active in the thread, which would leak into the next test's services and messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
