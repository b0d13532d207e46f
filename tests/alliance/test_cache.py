"""A Redis outage is a cache miss, never a 500 (alliance.cache).

Production's cache is the Redis that is also the broker. The test starts its own
``redis-server`` on a free port (never the machine's), stops it mid-test and uses the pages
that read the cache: the staff dashboard (its dues sums) and a visitor's application (its
rate limit), then starts it again.
"""

import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from alliance import cache as tolerant
from alliance.cache import TolerantRedisCache
from members.models import Application
from tests.live import RedisServer, closed_port, free_port
from tests.members.factories import LiaisonOfficeFactory
from tests.members.test_apply_page import _form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _redis_not_skipped(monkeypatch):
    """Each test starts as a fresh process would: no recent failure, Redis tried."""
    monkeypatch.setattr(tolerant, "_down_until", 0.0)


def _redis_cache(settings, port: int) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "alliance.cache.TolerantRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }


def test_production_settings_use_the_tolerant_backend_for_redis():
    from alliance import settings as production

    assert production.RATELIMIT_FAIL_OPEN is True
    # CACHE_URL / REDIS_URL name Django's RedisCache; settings swap in the tolerant one.
    cache = TolerantRedisCache("redis://127.0.0.1:1/0", {})
    assert cache._options["socket_connect_timeout"] == cache._options["socket_timeout"] == 0.5


def test_an_unreachable_cache_reads_as_a_miss_and_writes_nothing(settings, caplog):
    _redis_cache(settings, closed_port())
    cache = caches["default"]

    with caplog.at_level(logging.WARNING, logger="alliance.cache"):
        assert cache.get("totals", "computed") == "computed"
        cache.set("totals", 1)
        assert cache.get_or_set("totals", lambda: 2) == 2
        assert cache.add("counter", 1) is False
        with pytest.raises(ValueError):
            cache.incr("counter")

    assert "Redis unreachable during get" in caplog.text
    # After the first failure the process leaves Redis alone for a while: one warning only.
    assert caplog.text.count("Redis unreachable") == 1


def test_pages_that_read_the_cache_answer_while_redis_is_stopped(
    settings, client, secretariat_user, liaison_user
):
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])  # applications from Thailand
    server = RedisServer(free_port())
    server.start()
    _redis_cache(settings, server.port)
    settings.ALLIANCE_MEMBERS_APPLY_RATE = "1/h"
    cache = caches["default"]
    cache.set("alive", "yes")
    assert cache.get("alive") == "yes"

    server.stop()
    client.force_login(secretariat_user)
    assert client.get(reverse("dashboard")).status_code == 200
    client.logout()
    # Uncounted while Redis is away: two applications from one address both go through.
    for n in range(2):
        answer = client.post(reverse("members:apply"), _form(account_email=f"outage{n}@example.org"))
        assert answer.status_code == 302
    assert Application.objects.count() == 2

    server.start()
    tolerant._down_until = 0.0  # the pause after the failure is over
    try:
        cache.set("alive", "again")
        assert cache.get("alive") == "again"
    finally:
        server.stop()
