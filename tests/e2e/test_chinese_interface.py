"""The interface in 简体中文 and 繁體中文 (issue 12 item 7): a
checker tells an interface string left in English from data.

The checker allows a run of Latin letters only where it is data: a value stored in the database
(names, titles, addresses, usernames) or the installation's configuration, an email address or
URL, a code or number (INV-2026-0001, M-7001), or one of the few technical names below.
"""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHINESE = ("zh-hans", "zh-hant")
# Names of formats, currencies and standards, written the same in every language.
TECHNICAL = {
    "USD", "PDF", "CSV", "XLSX", "JPEG", "PNG", "XML", "ISO", "IBAN", "SWIFT", "MT940", "camt",
    "QR", "ID", "UTF", "MB", "KB", "UTC", "ICS", "iCalendar", "URL", "English", "RSS", "Atom",
}  # fmt: skip
EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+")
# A run of Latin words, with what joins them inside a name (spaces, dots, hyphens, apostrophes).
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’&.\-/ ]*[A-Za-z0-9.]|[A-Za-z]")
# A code or number (INV-2026-0001, M-7001, camt.053, v2), wherever it stands.
CODE = re.compile(r"(?<![\w.-])(?=[\w.\-/]*\d)[A-Za-z0-9][\w.\-/]*")


def english_in(text: str, data: str) -> list[str]:
    """Return the runs of Latin letters in ``text`` that are neither data nor technical names."""
    found = []
    text = " ".join(EMAIL_OR_URL.sub(" ", text).split())
    for part in CODE.split(text):
        found += [run for run in LATIN_RUN.findall(part) if _english(run.strip(" .-/"), data)]
    return [run.strip(" .-/") for run in found]


def _english(run: str, data: str) -> bool:
    words = re.findall(r"[A-Za-z]+", run)
    if not any(len(word) > 1 for word in words) or run in data:
        return False
    return not all(word in TECHNICAL or word.isupper() and len(word) <= 1 for word in words)


def test_the_checker_tells_interface_english_from_data():
    data = "Mekong Secure Logistics Co., Ltd.\nNadia Rahman"
    assert english_in("会员 Mekong Secure Logistics Co., Ltd.（M-7001）", data) == []
    assert english_in("nadia@alliance.example · 2026-12-01 · 5,000.00 USD · INV-2026-0001", data) == []
    assert english_in("Nadia Rahman · Head", data) == ["Head"]
    assert english_in("照片 Photo or logo", data) == ["Photo or logo"]
    assert english_in("To status", data) == ["To status"]
