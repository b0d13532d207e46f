import pytest

from tests.perf import harness


@pytest.fixture(autouse=True)
def _bench_urls(settings):
    settings.ROOT_URLCONF = "tests.perf.urls"
    settings.DEBUG = False


def pytest_terminal_summary(terminalreporter):
    if not harness.ROWS:
        return
    columns = []
    for row in harness.ROWS:
        for key in row:
            if key not in columns:
                columns.append(key)
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in harness.ROWS)) for c in columns}
    write = terminalreporter.write_line
    write("")
    write("Benchmarks (this machine, this run; x_baseline = median time / bare Django view)")
    write("  ".join(c.ljust(widths[c]) for c in columns))
    write("  ".join("-" * widths[c] for c in columns))
    for row in harness.ROWS:
        write("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns))
