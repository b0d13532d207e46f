"""The strict Content-Security-Policy breaks no page (issue 9 §7).

Each role's main pages are crawled in Chromium on the demo data (links followed from
the dashboard, breadth first, up to a bound), and any violation the browser reports
fails the test: a console message "Refused to …" or a ``securitypolicyviolation``
event (an inline script, event handler or style, or a resource from elsewhere).
"""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from alliance.demo import DEMO_PASSWORD
from alliance.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages per role: enough to reach every section's list and a detail page or two.
PAGE_LIMIT = 45
# Not HTML pages (files, feeds, exports) or pages that end the session.
SKIPPED = ("logout", ".pdf", ".csv", ".ics", "/feed/", "/atom/", "/download", "/file", "/logo", "export")

# Collected in the page itself, before any of its scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
      + ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def _same_site_links(page, origin: str, *, admin: bool) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    links = []
    for href in hrefs:
        url = urldefrag(href).url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if any(skip in parts.path for skip in SKIPPED):
            continue
        # The admin is crawled as the administrator only, and the administrator crawls only it.
        if parts.path.startswith("/admin/") != admin:
            continue
        links.append(url)
    return links


def crawl(page, start: str, origin: str, *, admin: bool = False) -> tuple[list[str], list[str]]:
    """Visit pages breadth first from ``start``; return (pages visited, violations seen)."""
    violations: list[str] = page.console_violations
    queue, seen, visited = [start], {start}, []
    while queue and len(visited) < PAGE_LIMIT:
        url = queue.pop(0)
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file served as an attachment, not a page
            raise
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        page.wait_for_load_state("load")
        assert "content-security-policy" in response.headers, f"no CSP header on {url}"
        visited.append(url)
        violations.extend(f"{url}: {v}" for v in page.evaluate("window.__cspViolations || []"))
        page.evaluate("window.__cspViolations = []")
        for link in _same_site_links(page, origin, admin=admin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited, violations


@pytest.fixture
def csp_page(page, live_server):
    """A page that records every CSP violation the browser reports."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_violations = []
    page.on(
        "console",
        lambda message: (
            page.console_violations.append(f"{page.url}: {message.text}")
            if message.text.startswith("Refused to") or "Content Security Policy" in message.text
            else None
        ),
    )
    return page


@pytest.fixture
def demo_page(csp_page):
    # A transactional test empties the tables after itself, the groups of the data migration too.
    for role in Role.ALL:
        Group.objects.get_or_create(name=role)
    call_command("load_demo", verbosity=0)
    return csp_page


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


# The demo is loaded once (it takes seconds) and every role crawls it in turn.
SIGNED_IN = ["secretariat", "head", "liaison", "treasurer", "member"]
PUBLIC_STARTS = ["/", "/accounts/login/", "/apply/", "/notices/", "/dues/arrears/public/"]


def test_no_page_of_any_role_violates_the_content_security_policy(demo_page, live_server):
    origin = live_server.url
    found: dict[str, list[str]] = {}
    for start in PUBLIC_STARTS:
        visited, violations = crawl(demo_page, f"{origin}{start}", origin)
        assert visited, start
        found[f"public {start}"] = violations
    for username in SIGNED_IN:
        _sign_in(demo_page, live_server, username)
        assert "/accounts/login/" not in demo_page.url, f"{username} could not log in"
        visited, violations = crawl(demo_page, f"{origin}/dashboard/", origin)
        assert len(visited) >= 5, (username, visited)
        found[username] = violations
        demo_page.context.clear_cookies()
    _sign_in(demo_page, live_server, "admin")
    visited, violations = crawl(demo_page, f"{origin}/admin/", origin, admin=True)
    assert len(visited) >= 10, visited
    found["admin"] = violations
    assert {role: v for role, v in found.items() if v} == {}


def test_language_switcher_submits_without_inline_handler(csp_page, live_server):
    """The switcher's onchange moved to static/js/alliance.js: choosing a language still switches it."""
    csp_page.goto(f"{live_server.url}/accounts/login/")
    with csp_page.expect_navigation():
        csp_page.select_option("#language-select", "zh-hans")
    assert csp_page.locator("html").get_attribute("lang") == "zh-hans"
    assert csp_page.evaluate("window.__cspViolations") == []
    assert csp_page.console_violations == []
