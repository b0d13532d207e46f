"""Each role's main pages on the demo data, in each language, for the browser tests that look at
every page (accessibility, interface language).

A role's main pages are its start page, the pages its start page links to, and the pages those
link to, one page per URL shape (``/members/12/`` and ``/members/13/`` are one shape), up to a
bound. The language is switched through the page's own language switcher, as a person would.
"""

import re
from urllib.parse import urldefrag, urlsplit

from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from alliance.demo import DEMO_PASSWORD
from alliance.roles import Role

LANGUAGES = ("en", "zh-hans", "zh-hant")
# Each role of DESIGN.md as its demo account (None: not signed in), and where its walk starts.
ROLES = {
    "anonymous": (
        None,
        ["/", "/accounts/login/", "/apply/", "/notices/", "/dues/arrears/public/", "/verify/"],
    ),
    "applicant": ("applicant-th", ["/dashboard/"]),
    "member representative": ("member", ["/dashboard/"]),
    "liaison officer": ("liaison", ["/dashboard/"]),
    "department head": ("head", ["/dashboard/"]),
    "secretariat staff": ("secretariat", ["/dashboard/"]),
    "treasurer": ("treasurer", ["/dashboard/"]),
    "administrator": ("admin", ["/admin/", "/dashboard/"]),
}
PAGE_LIMIT = 25
DEPTH = 2
# Not HTML pages (files, feeds, exports) or pages that end the session or change nothing but state.
SKIPPED = (
    "logout",
    ".pdf",
    ".csv",
    ".xlsx",
    ".ics",
    "/feed/",
    "/atom/",
    "/download",
    "/file",
    "/logo",
    "export",
)
# The admin: its index, and a few of its lists and forms.
ADMIN_LIMIT = 8
_ID = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z]{2,}-[\w-]+)(?=/)")


def load_demo():
    # A transactional test empties the tables after itself, the groups of the data migration too.
    for role in Role.ALL:
        Group.objects.get_or_create(name=role)
    call_command("load_demo", verbosity=0)


def sign_in(page, origin: str, username: str | None):
    page.context.clear_cookies()
    if username is None:
        return
    page.goto(f"{origin}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def switch_language(page, origin: str, language: str):
    """Choose ``language`` in the site's language switcher (on the home page)."""
    page.goto(f"{origin}/")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("lang") == language


def shape(url: str) -> str:
    return _ID.sub("/N", urlsplit(url).path)


def _links(page, origin: str, *, admin: bool) -> list[str]:
    links = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        url = urldefrag(href).url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if any(skip in parts.path for skip in SKIPPED) or parts.path.startswith("/static/"):
            continue
        if parts.path.startswith("/admin/") != admin:
            continue
        links.append(url)
    return links


def open_page(page, url: str) -> bool:
    """Go to ``url``; return whether it is an HTML page that answered 200."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return False
        raise
    if response is None or response.status != 200:
        return False
    if "text/html" not in (response.headers.get("content-type") or ""):
        return False
    page.wait_for_load_state("load")
    return True


def main_pages(page, origin: str, starts: list[str]) -> list[str]:
    """Return the main pages reachable from ``starts`` (breadth first, one per URL shape)."""
    found: list[str] = []
    shapes: set[str] = set()
    queue = [(f"{origin}{start}", 0) for start in starts]
    for url, _ in queue:
        shapes.add(shape(url))
    admin_pages = 0
    while queue and len(found) < PAGE_LIMIT:
        url, depth = queue.pop(0)
        admin = urlsplit(url).path.startswith("/admin/")
        if admin and admin_pages >= ADMIN_LIMIT:
            continue
        if not open_page(page, url):
            continue
        found.append(url)
        admin_pages += admin
        if depth >= DEPTH:
            continue
        for link in _links(page, origin, admin=admin):
            if shape(link) not in shapes:
                shapes.add(shape(link))
                queue.append((link, depth + 1))
    return found
