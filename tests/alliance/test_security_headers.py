"""Browser security headers in production settings (issue 9 §7): a strict CSP and a Permissions-Policy.

The test settings are the production settings (DEBUG off) with test-only services, so
the headers asserted here are the ones production sends.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_production_settings_run_with_debug_off():
    assert settings.DEBUG is False
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert "django_permissions_policy.PermissionsPolicyMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("name", ["home", "login", "healthz"])
def test_public_pages_send_a_strict_content_security_policy(client, name):
    response = client.get(reverse(name))
    directives = _directives(response[CSP])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response[CSP]
    assert "'unsafe-eval'" not in response[CSP]


def test_signed_in_pages_and_errors_send_the_policy_too(client_for, secretariat_user):
    client = client_for(secretariat_user)
    assert "'unsafe-inline'" not in client.get(reverse("dashboard"))[CSP]
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert _directives(missing[CSP])["script-src"] == ["'self'"]


@pytest.mark.parametrize("feature", ["camera", "microphone", "geolocation", "payment", "usb"])
def test_permissions_policy_denies_powerful_features(client, feature):
    header = client.get(reverse("login"))["Permissions-Policy"]
    assert f"{feature}=()" in [item.strip() for item in header.split(",")]


def test_permissions_policy_allows_no_feature_to_anyone(client):
    header = client.get(reverse("home"))["Permissions-Policy"]
    assert all(item.strip().endswith("=()") for item in header.split(","))


# Templates rendered as web pages (PDFs are rendered by WeasyPrint, emails by mail readers).
INLINE = {
    "an inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style\b", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def _page_templates():
    folders = []
    for backend in engines.all():
        folders += [Path(d) for d in backend.template_dirs if str(settings.BASE_DIR) in str(d)]
    for folder in folders:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(folder).parts
            if "pdf" not in relative and "emails" not in relative and ".venv" not in path.parts:
                yield path


def test_no_page_template_needs_unsafe_inline():
    """Scripts, handlers and styles live in static/ so the CSP can refuse anything inline."""
    found = []
    templates = list(_page_templates())
    assert len(templates) > 50
    for path in templates:
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(settings.BASE_DIR)}: {what}" for what, rx in INLINE.items() if rx.search(text)
        ]
    assert found == []
