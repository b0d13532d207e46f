"""Every script in every PDF comes back from pdftotext as typed (Thai ำ as its NFKC equivalent).

The names are rendered through the real PDFs a member's name appears on: certificate,
notification letter, invoice and receipt.
"""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from alliance import pdf
from dues.services import invoice_issue
from members.services import certificate_issue, certificate_pdf
from tests.dues.factories import make_schedule, pay
from tests.members.factories import MemberFactory
from tests.pdftext import pdf_text, squeeze

CHINESE_SIMPLIFIED = "云南安保科技有限公司"
CHINESE_TRADITIONAL = "雲南安保科技有限公司"
THAI = "บริษัท ความปลอดภัย จำกัด"
LATIN = "Công ty Cổ phần An ninh Sông Hồng"
NAMES = [CHINESE_SIMPLIFIED, CHINESE_TRADITIONAL, THAI, LATIN]


def test_only_the_characters_drawn_as_two_glyphs_are_decomposed():
    typed = f"{THAI} ຄຳ {CHINESE_SIMPLIFIED} {LATIN} ① ﬁ"
    fed = pdf.text_for_pdf(typed)
    assert "\u0e33" not in fed and "\u0eb3" not in fed
    assert "จ\u0e4d\u0e32กัด" in fed
    # Everything else is fed exactly as typed: not the NFKC of the whole text (① and ﬁ stay).
    assert fed.replace("\u0e4d\u0e32", "\u0e33").replace("\u0ecd\u0eb2", "\u0eb3") == typed
    assert unicodedata.normalize("NFKC", fed) == unicodedata.normalize("NFKC", typed)


def _as_extracted(typed: str) -> str:
    """What copying must give: Chinese and Latin exactly as typed, Thai at least as its NFKC form."""
    return squeeze(unicodedata.normalize("NFKC", typed) if "\u0e33" in typed else typed)


def _pdfs_naming(native_name, secretariat_user, treasurer_user, client_for):
    make_schedule(2024)
    member = MemberFactory(
        name="Example Holder", native_name=native_name, joined_on=datetime.date(2025, 3, 1)
    )
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    invoice = invoice_issue(member=member, year=2026, by=treasurer_user, issued_on=datetime.date(2026, 1, 2))
    payment = pay(invoice, treasurer_user, on=datetime.date(2026, 1, 5))
    client = client_for(treasurer_user)
    return {
        "certificate": certificate_pdf(certificate=certificate, field="file"),
        "letter": certificate_pdf(certificate=certificate, field="letter_file"),
        "invoice": client.get(reverse("dues:invoice_pdf", args=[invoice.pk])).getvalue(),
        "receipt": client.get(reverse("dues:receipt_pdf", args=[payment.receipt.pk])).getvalue(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("typed", NAMES)
def test_every_pdf_gives_the_name_back_through_pdftotext(typed, secretariat_user, treasurer_user, client_for):
    for kind, data in _pdfs_naming(typed, secretariat_user, treasurer_user, client_for).items():
        extracted = squeeze(pdf_text(data))
        assert _as_extracted(typed) in extracted, (kind, extracted)
        assert "จากัด" not in extracted, kind  # the bug: ำ came back as า
