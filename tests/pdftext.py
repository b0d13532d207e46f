"""Read a PDF back as text with poppler's pdftotext, as copying and searching would."""

import shutil
import subprocess


def pdf_text(pdf: bytes) -> str:
    """Return the text of ``pdf`` as pdftotext extracts it (poppler-utils: `make system-deps`)."""
    assert shutil.which("pdftotext"), "pdftotext is missing: run `make system-deps` (poppler-utils)"
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    """Return ``text`` without white space: pdftotext breaks lines where the PDF does."""
    return "".join(text.split())
