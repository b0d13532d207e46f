"""PDF rendering with WeasyPrint, shared by every app (certificates, invoices, minutes...).

WeasyPrint needs Pango, and certificates carry Chinese, Thai and Vietnamese
names: without a CJK font they would render as blank boxes, and without
HarfBuzz's subsetter every PDF is 10 to 40 times slower (DESIGN.md, facts
measured). So we refuse to render rather than produce a silent blank box, with
the one-line fix in the message.
"""

import ctypes.util
import functools
import shutil
import subprocess

from django.template.loader import render_to_string

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei fonts-thai-tlwg"
FIX = f"run `make system-deps` (as root: apt-get install -y {SYSTEM_PACKAGES})"


class PDFEnvironmentError(RuntimeError):
    pass


@functools.cache
def environment_problems() -> tuple[str, ...]:
    """Return what is missing for PDFs with real glyphs in every script we print."""
    problems = []
    if not ctypes.util.find_library("pango-1.0"):
        problems.append("Pango (libpango-1.0-0) is not installed")
    if not ctypes.util.find_library("harfbuzz-subset"):
        problems.append("HarfBuzz subsetting (libharfbuzz-subset0) is not installed")
    if shutil.which("fc-list") is None:
        problems.append("fontconfig (fc-list) is not installed")
    else:
        for script, lang in (("Chinese", "zh-cn"), ("Thai", "th")):
            out = subprocess.run(
                ["fc-list", f":lang={lang}", "family"], capture_output=True, text=True
            ).stdout
            if not out.strip():
                problems.append(f"no font covers {script}")
    return tuple(problems)


def check_environment() -> None:
    problems = environment_problems()
    if problems:
        raise PDFEnvironmentError("Cannot render PDFs: " + "; ".join(problems) + f". Fix: {FIX}")


def render_pdf(template_name: str, context: dict | None = None, *, base_url: str | None = None) -> bytes:
    """Render a template extending ``pdf/base.html`` to PDF bytes."""
    check_environment()
    from weasyprint import HTML  # imported late: it loads Pango at import

    html = render_to_string(template_name, context or {})
    return HTML(string=html, base_url=base_url).write_pdf()


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """Return a QR code of ``text`` as an SVG data URI, for PDFs and pages alike."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=scale)
