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
import unicodedata

from django.template.loader import render_to_string
from django.utils import translation

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


# Characters WeasyPrint draws as two glyphs of which it maps only one back to text, so
# pdftotext, copy and search would return another word (Thai จำกัด as จากัด, with every Thai
# font tried): each is fed to the engine as its compatibility decomposition (NFKC), which
# draws the same and comes back as that. Thai and Lao SARA AM, the only ones we met.
_TWO_GLYPH_CHARACTERS = {ord(ch): unicodedata.normalize("NFKC", ch) for ch in "\u0e33\u0eb3"}


def text_for_pdf(text: str) -> str:
    """Return ``text`` as the PDF engine must be fed it so that every script extracts as typed.

    Characters the engine cannot map back are decomposed to their NFKC equivalent (ำ to ํ + า);
    everything else is left exactly as typed. ``render_pdf`` applies it to every PDF.
    """
    return text.translate(_TWO_GLYPH_CHARACTERS)


def render_pdf(
    template_name: str,
    context: dict | None = None,
    *,
    language: str | None = None,
    base_url: str | None = None,
) -> bytes:
    """Render a template extending ``pdf/base.html`` to PDF bytes, in ``language``.

    ``language`` is the reader's (an email's recipient); without it the active
    language, the reader's on a download. Bilingual PDFs switch inside the template
    with ``{% language %}``.
    """
    check_environment()
    from weasyprint import HTML  # imported late: it loads Pango at import

    with translation.override(language or translation.get_language()):
        html = render_to_string(
            template_name, {"LANGUAGE_CODE": translation.get_language(), **(context or {})}
        )
    return HTML(string=text_for_pdf(html), base_url=base_url).write_pdf()


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """Return a QR code of ``text`` as an SVG data URI, for PDFs and pages alike."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=scale)
