"""The baseline every page is compared to: a bare Django view rendering the base template."""

import pytest

from tests.perf import harness

pytestmark = pytest.mark.django_db


def test_baseline_bare_django_view(client):
    m = harness.measure_get(client, "/__bench__/bare/", runs=200)
    harness.BASELINE.update(median_ms=m.median_ms, rps=m.requests_per_second)
    harness.record_page("baseline: bare view, base template", m)


def test_login_page(client):
    harness.record_page("login page", harness.measure_get(client, "/accounts/login/", runs=100))
