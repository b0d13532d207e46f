"""Settings of the production-shaped benchmark (tests/perf/production.py): production's own
(``DEBUG`` from the environment, which the benchmark sets to False), plus the bench's URLconf
with its bare view and a middleware that reports each response's query count."""

from alliance.settings import *  # noqa: F403
from alliance.settings import MIDDLEWARE

ROOT_URLCONF = "tests.perf.urls"
MIDDLEWARE = ["tests.perf.middleware.count_queries", *MIDDLEWARE]
