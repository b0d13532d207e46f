"""Benchmark helpers: measure a page in-process and keep rows for the final table.

Figures are printed, never asserted against a clock: a slow machine must not
fail the build. Pages are compared to the bare-Django baseline of the same run.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

ROWS: list[dict] = []
BASELINE: dict = {}


@dataclass
class Measurement:
    median_ms: float
    requests_per_second: float
    queries: int


def measure_get(client, url: str, *, runs: int = 30, warmup: int = 3) -> Measurement:
    """GET ``url`` ``runs`` times; return the median latency, throughput and query count."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return Measurement(
        median_ms=statistics.median(timings) * 1000,
        requests_per_second=len(timings) / sum(timings),
        queries=len(ctx.captured_queries),
    )


def record(name: str, **figures) -> None:
    """Add a row to the table printed at the end of `make bench`."""
    ROWS.append({"benchmark": name, **figures})


def record_page(name: str, m: Measurement, **extra) -> None:
    ratio = m.median_ms / BASELINE["median_ms"] if BASELINE.get("median_ms") else None
    record(
        name,
        median_ms=round(m.median_ms, 2),
        req_per_s=round(m.requests_per_second, 1),
        queries=m.queries,
        x_baseline=round(ratio, 2) if ratio else "n/a",
        **extra,
    )


def timed(func, *args, **kwargs):
    """Run ``func`` once; return (result, seconds)."""
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start
