"""The shared cache, which a Redis outage turns into a miss instead of a 500.

Production keeps the cache in the Redis that is also Celery's broker. The pages survive the
broker going down (issue 10), so they must survive the cache going with it: Django's own
``RedisCache`` raises ``ConnectionError`` from every call, which answered 500 on the invoice
list past 1,000 invoices and the staff dashboard (``dues.selectors.cached_on_ledger``) and
on a visitor's application (its rate limit). Here a read while Redis is unreachable is a
miss (the value is computed, as on a cold cache), a write does nothing, and ``incr`` raises
``ValueError``, which django-ratelimit reads as "the count is unknown" (the limit then
follows ``RATELIMIT_FAIL_OPEN``). Each failure is logged; the connection times out quickly,
and after a failure the process leaves Redis alone for ``DOWN_PAUSE_SECONDS``, so a Redis
host that does not answer costs one request ``SOCKET_TIMEOUT`` now and then.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

log = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError)
# Seconds to connect to Redis and to wait for its answer before a call counts as failed.
SOCKET_TIMEOUT = 0.5
# After a failure this process skips Redis for a while (as alliance.queue skips the broker):
# a page reading the cache several times would otherwise wait SOCKET_TIMEOUT for each.
DOWN_PAUSE_SECONDS = 10.0
_down_until = 0.0


def _unreachable(operation: str, error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + DOWN_PAUSE_SECONDS
    log.warning("cache: Redis unreachable during %s (%s); carrying on without the cache", operation, error)


def _skipping() -> bool:
    return time.monotonic() < _down_until


class TolerantRedisCache(RedisCache):
    """Django's Redis cache that carries on without Redis (see the module's docstring)."""

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)

    def _tolerant(self, operation: str, call, failed):
        if _skipping():
            return failed
        try:
            return call()
        except UNREACHABLE as error:
            _unreachable(operation, error)
            return failed

    def get(self, key, default=None, version=None):
        return self._tolerant(
            "get", lambda: super(TolerantRedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys, version=None):
        return self._tolerant("get_many", lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._tolerant("has_key", lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(
            "add", lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._tolerant("set", lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(
            "set_many", lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(
            "touch", lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        return self._tolerant("delete", lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._tolerant(
            "delete_many", lambda: super(TolerantRedisCache, self).delete_many(keys, version), None
        )

    def clear(self):
        return self._tolerant("clear", lambda: super(TolerantRedisCache, self).clear(), False)

    def incr(self, key, delta=1, version=None):
        if _skipping():
            raise ValueError("the cache is unreachable")
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            _unreachable("incr", error)
            raise ValueError("the cache is unreachable") from error
