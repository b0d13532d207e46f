"""Talk to a real server process over HTTP, as a browser would (standard library only).

The concurrency test on a SQLite file and the production smoke test drive real
processes (runserver, gunicorn) rather than Django's test client, so that what
they prove holds for the servers people run.
"""

import contextlib
import http.cookiejar
import os
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port() -> int:
    """A port nothing listens on (bound then released), for a broker that is down."""
    return free_port()


REDIS = shutil.which("redis-server")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A throw-away redis-server on its own port, in memory only."""

    def __init__(self, port: int):
        self.port = port
        self.process = None

    def start(self):
        assert REDIS, "the fault tests need redis-server (apt-get install redis-server)"
        self.process = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if _answers(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        assert not _answers(self.port)


@dataclass
class Response:
    status: int
    body: str
    headers: dict

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # Tests look at the redirect itself (a 302 after a POST is the success answer).
    def redirect_request(self, *args, **kwargs):
        return None


class _BehindTLSProxy(http.cookiejar.DefaultCookiePolicy):
    # Production marks cookies Secure; the TLS proxy in front of it (simulated by
    # X-Forwarded-Proto) carries them, so the client sends them over plain HTTP.
    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """One user's session against ``base_url``: cookies, CSRF token, no redirect following."""

    def __init__(self, base_url: str, *, behind_tls_proxy: bool = False, timeout: float = 60):
        self.base_url = base_url.rstrip("/")
        self.behind_tls_proxy = behind_tls_proxy
        self.timeout = timeout
        policy = _BehindTLSProxy() if behind_tls_proxy else http.cookiejar.DefaultCookiePolicy()
        self.cookies = http.cookiejar.CookieJar(policy)
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def _headers(self) -> dict:
        host = urllib.parse.urlsplit(self.base_url).netloc
        scheme = "https" if self.behind_tls_proxy else "http"
        headers = {"Origin": f"{scheme}://{host}", "User-Agent": "alliance-tests"}
        if self.behind_tls_proxy:
            headers["X-Forwarded-Proto"] = "https"
        return headers

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        req = urllib.request.Request(self.base_url + path, data=body, method=method, headers=self._headers())
        try:
            with self._opener.open(req, timeout=self.timeout) as answer:
                return Response(answer.status, answer.read().decode("utf-8", "replace"), dict(answer.headers))
        except urllib.error.HTTPError as answer:
            return Response(answer.code, answer.read().decode("utf-8", "replace"), dict(answer.headers))

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> Response:
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", self.csrf_token())
        return self.request("POST", path, data)

    def csrf_token(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def login(self, username: str, password: str) -> Response:
        self.get("/accounts/login/")
        answer = self.post("/accounts/login/", {"username": username, "password": password})
        assert answer.status == 302, f"login as {username} answered {answer.status}"
        return answer


def wait_until_up(url: str, *, process: subprocess.Popen | None = None, seconds: float = 60) -> None:
    """Poll ``url`` until it answers at all (any status), or fail with the process's fate."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a process we started (by its own pid), waiting for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def runserver(env: dict):
    """Serve with runserver, as bin/run-all does for `make run`; yield its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        # Not /healthz: with the broker down it takes its full timeout to answer.
        wait_until_up(base_url + "/accounts/login/", process=server)
        yield base_url
    finally:
        stop(server)


def manage(*args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


def embedded_env(tmp: Path, **overrides: str) -> dict:
    """The environment of `make run` (DEBUG, SQLite file, filesystem broker) rooted in ``tmp``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="alliance.settings",
        DEBUG="True",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        REDIS_URL="",
        CELERY_BROKER_URL="filesystem://",
        ALLIANCE_VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "var" / "private"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


def sqlite_count(db, sql: str, *params) -> int:
    """Read a server's SQLite file directly: the server process owns the Django side of it."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, params).fetchone()[0]


def open_demo_invoices(db, limit: int) -> list[int]:
    """Demo invoices with nothing paid and nothing waived, so a 1.00 payment is accepted."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT id FROM dues_invoice i WHERE status = 'issued'"
            " AND NOT EXISTS (SELECT 1 FROM dues_payment p WHERE p.invoice_id = i.id)"
            " AND NOT EXISTS (SELECT 1 FROM dues_invoiceline l WHERE l.invoice_id = i.id AND l.amount < 0)"
            " ORDER BY id LIMIT ?",
            (limit,),
        )
        return [row[0] for row in rows]
