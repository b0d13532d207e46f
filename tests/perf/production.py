"""The production-shaped benchmark (issue 15): pages served as production serves them.

gunicorn (2 workers, ``DEBUG=False``) on PostgreSQL when ``DATABASE_URL`` names one, on the
bench data (100,000 members, 160,000 invoices, 10,000 documents, a meeting of 2,000 units)
loaded once into a database of its own; one login; each page driven by wrk (4 connections,
the same session cookie) in interleaved rounds; per page the median over the rounds of p50,
p99 and requests/s, its query count, and its p50 as a ratio to a bare 25-row view of the
member table measured in the same rounds. Figures are printed, never asserted.

    .venv/bin/python -m tests.perf.production      # `make bench` runs it after the in-process rows

Environment: ``DATABASE_URL`` (a PostgreSQL server: the bench uses database ``<name>_bench`` on
it; otherwise SQLite ``var/bench/bench.sqlite3``, and it says so), ``BENCH_PORT`` (default a
free port), ``BENCH_SECONDS`` per wrk run (3), ``BENCH_ROUNDS`` (3), ``BENCH_RELOAD=1`` to drop
and reload the data.
"""

import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VAR = ROOT / "var" / "bench"
MEMBERS = 100_000
DOCUMENTS = 10_000
UNITS = 2_000
USERNAME = "bench-sg@example.org"
PASSWORD = "bench-pass-" + "x" * 12
BARE = "bare 25-row view"
# Ceilings of issue 15, as multiples of the bare view's p50.
LIST_CEILING = 2.0
CEILINGS = {"directory, search": 3.0, "staff dashboard": 3.0, "member file": 3.0}


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def bench_database() -> tuple[str, str]:
    """The bench's own database URL (never the one DATABASE_URL names) and how to describe it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urllib.parse.urlsplit(url)
        name = (parts.path.lstrip("/") or "alliance") + "_bench"
        return urllib.parse.urlunsplit(parts._replace(path="/" + name)), f"PostgreSQL, database {name}"
    VAR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR / 'bench.sqlite3'}", "SQLite (DATABASE_URL names no PostgreSQL server)"


def server_environment(database_url: str, port: int) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_", "PYTEST", "CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.settings",
        DEBUG="False",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL="",
        CELERY_BROKER_URL="memory://",
        EMAIL_URL="dummymail://",
        ALLIANCE_VAR_DIR=str(VAR),
        MEDIA_ROOT=str(VAR / "private"),
        LOG_LEVEL="WARNING",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        # Requests carry X-Forwarded-Proto: https as behind production's TLS proxy; only the
        # start-up probe, which does not, would be redirected.
        SECURE_SSL_REDIRECT="False",
    )
    return env


def ensure_postgres_database(database_url: str, *, drop: bool) -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            if drop:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def load_once() -> dict:
    """Load the bench data unless it is there; return the objects the pages need."""
    from django.db import connection, transaction

    from dues.models import Invoice
    from members.models import Member
    from tests.perf import loaders

    loaded = Member.objects.filter(number__startswith="B-").count()
    if loaded not in (0, MEMBERS):
        raise SystemExit(f"bench: the bench database holds {loaded} bench members: rerun with BENCH_RELOAD=1")
    if not loaded:
        started = time.perf_counter()
        with transaction.atomic():
            user = loaders.bench_user(USERNAME, PASSWORD)
            figures = loaders.bench_dataset(
                user=user, members_count=MEMBERS, documents_count=DOCUMENTS, units=UNITS
            )
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility map, as autovacuum leaves a table after a bulk load.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        say(
            f"loaded {figures['members']:,} members, {figures['invoices']:,} invoices, "
            f"{figures['payments']:,} payments, {figures['documents']:,} documents, a meeting of "
            f"{figures['units']:,} units in {time.perf_counter() - started:.1f} s"
        )
    return loaders.bench_objects() | {"invoices": Invoice.objects.count()}


def pages(objects: dict) -> list[tuple[str, str]]:
    meeting, member = objects["meeting"], objects["member"]
    return [
        (BARE, "/__bench__/bare-members/"),
        ("documents", "/documents/"),
        ("directory, page 1", "/members/"),
        # The deepest page offered (alliance.pagination.DEEPEST_ROW: 10,000 rows, page 400 at 25).
        ("directory, page 400 (deepest)", "/members/?page=400"),
        ("directory, search", "/members/?q=harbour+falcon"),
        ("directory, country filter", "/members/?country=TH"),
        ("invoices, page 1", "/dues/"),
        ("invoices, page 400 (deepest)", "/dues/?page=400"),
        ("invoices, outstanding", "/dues/?state=outstanding"),
        ("invoices, year and state", "/dues/?year=2026&state=outstanding"),
        ("payments", "/dues/payments/"),
        ("reminders", "/dues/reminders/"),
        (f"sign-in, {UNITS:,} units", f"/meetings/{meeting.pk}/sign-in/"),
        ("member file", f"/members/{member.pk}/"),
        ("staff dashboard", "/dashboard/"),
        ("outgoing email", "/outbox/"),
        ("meetings", "/meetings/"),
        ("activities", "/activities/"),
        ("applications", "/applications/"),
        ("applications, final queue", "/applications/queue/final/"),
    ]


def chosen(page_list: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pages BENCH_ONLY names (comma-separated parts of their labels), with the bare view."""
    wanted = [part.strip() for part in os.environ.get("BENCH_ONLY", "").split(",") if part.strip()]
    if not wanted:
        return page_list
    return [(label, path) for label, path in page_list if label == BARE or any(w in label for w in wanted)]


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match[1]) * UNIT[match[2]]

    if not re.search(r"^\s*50%", output, re.M) or " 0 requests in" in output:
        raise SystemExit(f"bench: wrk completed no request; raise BENCH_SECONDS:\n{output}")
    if re.search(r"Non-2xx or 3xx responses", output):
        raise SystemExit(f"bench: wrk saw failing responses:\n{output}")
    return {
        "p50": latency("50"),
        "p99": latency("99"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
    }


def wrk(url: str, cookie: str, seconds: int) -> dict:
    command = [
        "wrk",
        "-t2",
        "-c4",
        f"-d{seconds}s",
        # wrk leaves out answers slower than its timeout (2 s): none may be left out.
        "--timeout",
        "60s",
        "--latency",
        "-H",
        f"Cookie: {cookie}",
        # Production sits behind a TLS proxy: without this, DEBUG=False redirects to https.
        "-H",
        "X-Forwarded-Proto: https",
        url,
    ]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def run() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is needed for the production-shaped rows: apt-get install -y wrk")
    database_url, described = bench_database()
    reload = os.environ.get("BENCH_RELOAD") == "1"
    if database_url.startswith("sqlite"):
        if reload:
            Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        ensure_postgres_database(database_url, drop=reload)
    from tests.live import Browser, free_port, stop, wait_until_up

    port = int(os.environ.get("BENCH_PORT") or free_port())
    env = server_environment(database_url, port)
    os.environ.update(env)
    say(f"production-shaped rows on {described}; gunicorn, 2 workers, DEBUG=False, port {port}")

    import django

    django.setup()
    # A SIGTERM (Ctrl-C, a killed make) still stops gunicorn through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    objects = load_once()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics for indexes a migration just added
    from django.db import connections

    connections.close_all()

    VAR.mkdir(parents=True, exist_ok=True)
    log = (VAR / "gunicorn.log").open("w")
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn) if gunicorn.exists() else "gunicorn", "alliance.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/accounts/login/", process=server, seconds=300)
        browser = Browser(base, behind_tls_proxy=True)
        browser.login(USERNAME, PASSWORD)
        cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
        table = measure(base, browser, cookie, chosen(pages(objects)))
    finally:
        stop(server)
        log.close()
    print_table(table, objects)


def measure(base: str, browser, cookie: str, page_list) -> dict:
    """Each page's figures and its ratio to the bare view under the same load.

    The machine is shared, so its load moves during a run. Each round runs the bare view
    before every page and once more at the end (bare, page 1, bare, page 2, …, bare): a
    page's ratio in a round is its p50 over the mean p50 of the two bare runs around it,
    seconds apart, and the table gives the median ratio over the rounds.
    """
    seconds = int(os.environ.get("BENCH_SECONDS", 3))
    rounds = int(os.environ.get("BENCH_ROUNDS", 3))
    queries = {}
    for label, path in page_list:
        counts = []
        for _ in range(8):  # warm up both workers' caches (templates, translations, totals)
            answer = browser.get(path)
            assert answer.status == 200, (path, answer.status, answer.location)
            counts.append(int(answer.headers["X-Bench-Queries"]))
        # A page's queries once its worker's caches are filled (the fewest seen): a worker's
        # first request of a page also fills its caches (an estimate, totals, compiled SQL).
        queries[label] = min(counts)
    bare_path = dict(page_list)[BARE]
    pages_only = [(label, path) for label, path in page_list if label != BARE]
    runs = {label: [] for label, _ in page_list}
    ratios = {label: [] for label, _ in pages_only}
    load = [os.getloadavg()[0]]
    for number in range(rounds):
        before = wrk(base + bare_path, cookie, seconds)
        runs[BARE].append(before)
        for label, path in pages_only:
            run = wrk(base + path, cookie, seconds)
            after = wrk(base + bare_path, cookie, seconds)
            runs[label].append(run)
            runs[BARE].append(after)
            ratios[label].append(run["p50"] / ((before["p50"] + after["p50"]) / 2))
            before = after
        load.append(os.getloadavg()[0])
        say(f"round {number + 1} of {rounds} done (load average {load[-1]:.2f})")
    table = {}
    for label, _ in page_list:
        table[label] = {
            key: statistics.median(run[key] for run in runs[label]) for key in ("p50", "p99", "rps")
        } | {"queries": queries[label]}
        table[label]["ratio"] = statistics.median(ratios[label]) if label in ratios else 1.0
        table[label]["ceiling"] = None if label == BARE else CEILINGS.get(label, LIST_CEILING)
    table[BARE]["load"] = load
    return table


def print_table(table: dict, objects: dict) -> None:
    load = table[BARE]["load"]
    print()
    print(
        f"Production-shaped (gunicorn, 2 workers, DEBUG=False, wrk 4 connections, "
        f"{os.environ.get('BENCH_ROUNDS', 3)} interleaved rounds of {os.environ.get('BENCH_SECONDS', 3)} s "
        f"runs, medians; {objects['members']:,} members, {objects['invoices']:,} invoices, "
        f"{objects['documents']:,} documents; {os.cpu_count()} CPUs, load average "
        f"{min(load):.2f}-{max(load):.2f} during the run)"
    )
    print("| page | p50 | p99 | req/s | queries | x bare view | ceiling |")
    print("|---|---|---|---|---|---|---|")
    for label, row in table.items():
        ceiling = "" if row["ceiling"] is None else f"{row['ceiling']:.0f}x"
        over = " **over**" if row["ceiling"] and row["ratio"] > row["ceiling"] else ""
        print(
            f"| {label} | {row['p50']:.1f} ms | {row['p99']:.1f} ms | {row['rps']:.0f} | {row['queries']} "
            f"| {row['ratio']:.2f}{over} | {ceiling} |"
        )
    print(
        "x bare view: a page's p50 over the mean p50 of the bare runs just before and after it, "
        "median over the rounds."
    )
    (VAR / "production.json").write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run()
