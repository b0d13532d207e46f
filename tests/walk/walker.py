"""Walk the site as one user: crawl its links, fill every URL pattern with real and bad values,
and feed every list's query parameters with hostile values, recording each GET.

What a walk records serves three tests: no answer is a 5xx (issue 9 item 3), no GET writes to the
database (item 5), and no link a page shows answers 404 or 5xx (item 12).
"""

import re
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import cycle
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import django_filters
from django.core.paginator import Page
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from tests.walk.urlconf import Pattern, patterns

# Tables a GET may legitimately write: the session (login, messages) and django-axes' access logs.
EXEMPT_TABLES = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)

# Values that are not what the pattern expects, per converter (the resolver refuses the rest).
BAD_PATH_VALUES = {
    "int": ["0", "99999999999999999999", "2147483648"],
    "str": ["\x00", "中文", "..", "x" * 300, "a b"],
    "slug": ["no-such-thing", "_", "0" * 300],
    "path": ["a/b/../c", "\x00", "中文/x"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
    "regex": ["no-such-thing", "\x00", "中文"],
}
# Query values: empty, out of range, huge, negative, not a number, non-ASCII, path-like, NUL, long.
BAD_QUERY_VALUES = [
    "",
    "0",
    "-1",
    "10000",
    "99999999999",
    "9" * 40,
    "1e309",
    "-1.5",
    "NaN",
    "中文",
    "\u202eǅ",
    "../../etc/passwd",
    "a/b",
    "\x00",
    "x" * 2000,
    "2024-02-30",
]
COMMON_PARAMETERS = ("page", "year", "sort", "q", "status", "ordering", "o", "per_page", "kind", "next")
# Sampling, so that eight roles walk the whole URLconf in well under a minute each:
EXPAND_PER_PATTERN = 1  # pages of one pattern whose links are read
LINKS_PER_PATTERN = 3  # distinct links to one pattern followed from the pages read
REAL_VALUES_PER_PATTERN = 2  # real objects filled into a pattern
COMBINED_VALUES = 4  # hostile values sent to every parameter of a list at once (rotating)


@dataclass
class Visit:
    url: str
    status: int
    phase: str  # "crawl", "real" or "bad" (values in the path), "query"
    error: str = ""  # the exception behind a 500
    writes: list[str] = field(default_factory=list)  # tables written to
    referrer: str = ""  # the page whose link led here (crawl only)


class _PageParser(HTMLParser):
    """Collect the hrefs, the form actions and the parameters of the GET forms of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.actions: list[str] = []
        self.get_parameters: set[str] = set()
        self.words: set[str] = set()
        self._in_get_form = False
        self._skip = 0  # inside <script> or <style>

    def handle_data(self, data):
        if not self._skip:
            self.words.update(re.findall(r"[\w.@+-]+", data))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("a", "link") and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            self.actions.append(attrs.get("action") or "")
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea", "button") and self._in_get_form and attrs.get("name"):
            self.get_parameters.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag == "form":
            self._in_get_form = False


def _internal(base: str, href: str) -> str | None:
    """Return the path and query of an internal link, or None for an external or non-HTTP one."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("testserver", ""):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _context_parameters(response) -> tuple[set[str], bool]:
    """Return the fields of the filter sets a page renders, and whether it is a list."""
    names, is_list = set(), False
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values():
                if isinstance(value, django_filters.FilterSet):
                    names.update(bound.html_name for bound in value.form)
                    is_list = True
                elif isinstance(value, Page) or type(value).__name__ == "ChangeList":
                    is_list = True
    return names, is_list


class Harvest:
    """Real values seen in the links of every role, by pattern and by pattern prefix."""

    def __init__(self, all_patterns: list[Pattern]):
        self.by_route = {p.route: p for p in all_patterns}
        self.values: dict[str, list[dict]] = defaultdict(list)  # pattern route -> values seen
        self.prefix: dict[str, list[str]] = defaultdict(list)  # prefix key -> values seen

    def pattern_of(self, path: str) -> tuple[Pattern | None, dict]:
        try:
            match = resolve(path)
        except Resolver404:
            return None, {}
        pattern = self.by_route.get(match.route)
        if pattern is None:
            return None, {}
        values = {str(i): str(v) for i, v in enumerate(match.args)}
        values.update({k: str(v) for k, v in match.captured_kwargs.items()})
        return pattern, values

    def add(self, path: str, owner: list[dict] | None = None):
        pattern, values = self.pattern_of(path)
        if pattern is None or not pattern.placeholders:
            return
        if set(values) != {p.name for p in pattern.placeholders}:
            return
        for target in (self.values[pattern.route], owner):
            if target is not None and values not in target and len(target) < 20:
                target.append(values)
        for placeholder in pattern.placeholders:
            seen = self.prefix[pattern.prefix_key(placeholder)]
            if values[placeholder.name] not in seen:
                seen.append(values[placeholder.name])


def real_values(pattern: Pattern, harvest: Harvest, own: dict[str, list[dict]]) -> list[dict]:
    """Values of objects that exist: the role's own links first, then any role's, then by prefix."""
    chosen: list[dict] = []
    for candidate in own.get(pattern.route, []) + harvest.values.get(pattern.route, []):
        if candidate not in chosen:
            chosen.append(candidate)
    if chosen:
        return chosen[:REAL_VALUES_PER_PATTERN]
    values = {}
    for placeholder in pattern.placeholders:
        seen = harvest.prefix.get(pattern.prefix_key(placeholder))
        if seen:
            values[placeholder.name] = seen[0]
        elif placeholder.choices:  # e.g. "csv|xlsx"
            values[placeholder.name] = placeholder.choices[0]
        else:
            values[placeholder.name] = {"int": "1", "path": "1", "uuid": BAD_PATH_VALUES["uuid"][0]}.get(
                placeholder.kind, "x"
            )
    return [values]


class RoleWalk:
    """Everything one user's walk asked and got."""

    def __init__(self, role: str, user, harvest: Harvest, all_patterns: list[Pattern]):
        self.role = role
        self.client = Client(raise_request_exception=False)
        if user is not None:
            self.client.force_login(user)
        self.harvest = harvest
        self.patterns = all_patterns
        self.own: dict[str, list[dict]] = defaultdict(list)
        self.visits: list[Visit] = []
        self.answers: dict[str, Visit] = {}
        self.pages: dict[str, tuple[set[str], bool]] = {}  # 200 pages: their parameters, is a list
        self.expanded: Counter = Counter()
        self.linked: Counter = Counter()
        self.seconds = 0.0
        self.timing: Counter = Counter()
        self.walked: set[str] = set()  # routes of the patterns requested (real values at least)
        self.watched_words: set[str] = set()  # e.g. usernames, which no page should show as text
        self.shown_words: dict[str, set[str]] = {}
        self.slowest: list = []

    # -- requests
    def get(self, url: str, phase: str, referrer: str = "") -> Visit:
        started = time.perf_counter()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.timing[phase] += time.perf_counter() - started
        self.slowest.append((time.perf_counter() - started, url))
        writes = sorted(
            {
                match[1]
                for query in queries.captured_queries
                if (match := _WRITE.match(query["sql"])) and match[1] not in EXEMPT_TABLES
            }
        )
        error = ""
        if getattr(response, "exc_info", None):
            kind, exc, _tb = response.exc_info
            error = f"{kind.__name__}: {exc}"
        visit = Visit(url, response.status_code, phase, error, writes, referrer)
        self.visits.append(visit)
        self.answers.setdefault(url, visit)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            self._read(url, response, expand=phase in ("crawl", "real"))
        elif response.status_code in (301, 302, 303, 307, 308) and phase == "crawl":
            target = _internal(url, response["Location"])
            if target:
                self._queue.append((target, url))
        if response.streaming:
            # Drain through the test client's wrapper, which closes the response without
            # firing close_old_connections: that would close PostgreSQL's connection inside
            # the walk's transaction (SQLite's in-memory test database ignores the close).
            b"".join(response.streaming_content)
        return visit

    def _read(self, url: str, response, expand: bool):
        page = _PageParser()
        page.feed(response.content.decode(response.charset or "utf-8", "replace"))
        names, is_list = _context_parameters(response)
        path = urlsplit(url).path
        for href in page.hrefs:
            target = _internal(url, href)
            if target and urlsplit(target).path == path:
                names.update(k for k, _v in parse_qsl(urlsplit(target).query, keep_blank_values=True))
        self.pages.setdefault(url, (names | page.get_parameters, is_list or bool(page.get_parameters)))
        if self.watched_words & page.words:
            self.shown_words.setdefault(url, self.watched_words & page.words)
        pattern, _values = self.harvest.pattern_of(path)
        key = pattern.route if pattern else path
        for action in page.actions:
            target = _internal(url, action) or url
            self.harvest.add(urlsplit(target).path, self.own[pattern.route] if pattern else None)
        if not expand or self.expanded[key] >= EXPAND_PER_PATTERN:
            return
        self.expanded[key] += 1
        for href in page.hrefs:
            target = _internal(url, href)
            if target is None:
                continue
            self.harvest.add(urlsplit(target).path)
            target_pattern, _ = self.harvest.pattern_of(urlsplit(target).path)
            if target_pattern:
                self.harvest.add(urlsplit(target).path, self.own[target_pattern.route])
            link_key = target_pattern.route if target_pattern else urlsplit(target).path
            if target in self.answers or self.linked[link_key] >= LINKS_PER_PATTERN:
                continue
            self.linked[link_key] += 1
            self._queue.append((target, url))

    def _drain(self):
        while self._queue:
            target, referrer = self._queue.popleft()
            if target in self.answers:
                if referrer:
                    self.visits.append(
                        Visit(
                            target,
                            self.answers[target].status,
                            "crawl",
                            self.answers[target].error,
                            [],
                            referrer,
                        )
                    )
                continue
            self.get(target, "crawl", referrer)

    # -- the three phases
    def crawl(self):
        """Read the role's main pages and follow their links (and the links of what they lead to)."""
        started = time.perf_counter()
        self._queue = deque([("/", "")])
        self._queue.extend((p.url({}), "") for p in self.patterns if not p.placeholders)
        self.walked.update(p.route for p in self.patterns if not p.placeholders)
        self._drain()
        self.seconds += time.perf_counter() - started

    def walk_paths(self, role_index: int):
        """Fill every pattern with real values (and crawl what answers), then with bad ones."""
        started = time.perf_counter()
        self._queue = deque()
        for pattern in self.patterns:
            for values in real_values(pattern, self.harvest, self.own) if pattern.placeholders else []:
                url = pattern.url(values)
                self.walked.add(pattern.route)
                if url not in self.answers:
                    self.get(url, "real")
            self._drain()
        for number, pattern in enumerate(self.patterns):
            reals = real_values(pattern, self.harvest, self.own) if pattern.placeholders else []
            for placeholder in pattern.placeholders:
                bad = BAD_PATH_VALUES.get(placeholder.kind, BAD_PATH_VALUES["regex"])
                # Each role tries a different bad value on each pattern; together they try them all.
                value = bad[(number + role_index) % len(bad)]
                url = pattern.url({**reals[0], placeholder.name: value})
                if url not in self.answers:
                    self.get(url, "bad")
        self.seconds += time.perf_counter() - started

    def walk_queries(self, role_index: int):
        """Send hostile values to the parameters of every list the role reached.

        Each list gets a few values in every parameter at once, then each parameter the page
        offers (its filter set, GET forms and links) one value alone; values rotate by list and by
        role, so the roles together send every value to every list they share.
        """
        started = time.perf_counter()
        done = set()
        for url, (offered, is_list) in list(self.pages.items()):
            path = urlsplit(url).path
            pattern, _values = self.harvest.pattern_of(path)
            key = pattern.route if pattern else path
            if not is_list or key in done:
                continue
            done.add(key)
            values = cycle(BAD_QUERY_VALUES)
            for _ in range((len(done) * 7 + role_index * COMBINED_VALUES) % len(BAD_QUERY_VALUES)):
                next(values)
            every = sorted(offered | set(COMMON_PARAMETERS))
            for _ in range(COMBINED_VALUES):
                value = next(values)
                self.get(f"{path}?{urlencode(dict.fromkeys(every, value))}", "query")
            for name in sorted(offered):
                self.get(f"{path}?{urlencode({name: next(values)})}", "query")
        self.seconds += time.perf_counter() - started

    # -- what the tests read
    def server_errors(self) -> list[Visit]:
        return [v for v in self.visits if v.status >= 500]

    def writing_gets(self) -> list[Visit]:
        return [v for v in self.visits if v.writes]

    def broken_links(self) -> list[Visit]:
        return [v for v in self.visits if v.referrer and (v.status == 404 or v.status >= 500)]


def walk_site(roles: dict[str, object], watched_words=frozenset(), checksum=lambda: None):
    """Crawl as every role first (so every role's walk has every role's real ids), then walk.

    Return the walks and ``checksum()`` taken once every role has logged in and after the walks.
    """
    all_patterns = patterns()
    harvest = Harvest(all_patterns)
    walks = {role: RoleWalk(role, user, harvest, all_patterns) for role, user in roles.items()}
    before = checksum()
    for walk in walks.values():
        walk.watched_words = set(watched_words)
    for walk in walks.values():
        walk.crawl()
    for index, walk in enumerate(walks.values()):
        walk.walk_paths(index)
        walk.walk_queries(index)
    return walks, before, checksum()
