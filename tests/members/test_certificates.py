"""Certificates and notification letters: real glyphs for Chinese, Thai and Vietnamese names;
the public verification page says valid or revoked."""

import re
import unicodedata
import zlib

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import Application, Certificate, MemberStatus
from members.services import certificate_issue, certificate_pdf, certificate_render, member_change_status
from tests.factories import UserFactory
from tests.meetings.factories import passed_expulsion_resolution
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.pdftext import pdf_text, squeeze

pytestmark = pytest.mark.django_db


def _font_names(pdf: bytes) -> set[str]:
    """Return the embedded fonts' names, looking into compressed object streams too."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    pattern = rb"/(?:BaseFont|FontName)\s*/([A-Za-z0-9+\-_]+)"
    return {m.decode() for chunk in chunks for m in re.findall(pattern, chunk)}


def _render(member, secretariat_user):
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    certificate = certificate_render(certificate_id=certificate.pk)
    return certificate, certificate.file.open("rb").read(), certificate.letter_file.open("rb").read()


@pytest.mark.parametrize(
    ("native", "font"),
    [
        ("滇池盾安保集团有限公司", "WenQuanYi"),
        ("บริษัท เจ้าพระยา การ์ด เซอร์วิส จำกัด", None),
        ("Công ty Cổ phần Công nghệ An ninh Sông Hồng", "DejaVu"),
    ],
)
def test_certificate_embeds_fonts_for_native_names(native, font, secretariat_user):
    member = MemberFactory(name="Example Holder", native_name=native, country="CN")
    certificate, pdf, letter = _render(member, secretariat_user)
    assert pdf.startswith(b"%PDF") and letter.startswith(b"%PDF")
    fonts = _font_names(pdf)
    if font:
        assert any(font in name for name in fonts), fonts
    else:
        # Thai glyphs come from a Thai font (TLWG family: Loma, Garuda, Norasi, ...), not DejaVu alone.
        assert any(not n.split("+")[-1].startswith("DejaVu") for n in fonts), fonts
    # Copying and searching find the name: as typed, Thai ำ as its NFKC equivalent (README).
    for data in (pdf, letter):
        assert squeeze(unicodedata.normalize("NFKC", native)) in squeeze(pdf_text(data))


def test_certificate_embeds_a_cjk_font_for_a_chinese_representative_in_the_letter(secretariat_user):
    member = MemberFactory(name="Cloud Ridge Co.", native_name="云岭网络防御有限公司")
    RepresentativeFactory(member=member, name="Li Wenjing", native_name="李文静")
    _certificate, _pdf, letter = _render(member, secretariat_user)
    assert any("WenQuanYi" in n for n in _font_names(letter))


def test_certificate_carries_number_code_and_qr(secretariat_user):
    member = MemberFactory(native_name="云岭")
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    assert re.fullmatch(r"C-\d{4}-\d{4}", certificate.number)
    assert len(certificate.code) == 20
    from members.services.certificates import _context

    context = _context(certificate)
    assert context["qr"].startswith("data:image/svg+xml")
    assert context["verification_url"].endswith(f"/verify/{certificate.code}/")


def test_render_twice_keeps_the_first_file(secretariat_user):
    member = MemberFactory()
    certificate, _pdf, _letter = _render(member, secretariat_user)
    first = certificate.file.name
    again = certificate_render(certificate_id=certificate.pk)
    assert again.file.name == first


def test_verify_page_says_valid(client, secretariat_user):
    member = MemberFactory(name="Valid Holder Co.", native_name="有效会员")
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    response = client.get(reverse("members:verify", args=[certificate.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in body and "Valid Holder Co." in body and "有效会员" in body and member.number in body


def test_verify_page_says_revoked_after_expulsion(client, secretariat_user):
    member = MemberFactory(name="Expelled Co.")
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    member_change_status(
        member=member,
        to_status=MemberStatus.EXPELLED,
        reason="Arrears",
        resolution_reference=passed_expulsion_resolution(member, by=secretariat_user).number,
        by=secretariat_user,
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    body = client.get(reverse("members:verify", args=[certificate.code])).content.decode()
    assert "Revoked" in body and "Valid" not in body


def test_withdrawal_revokes_but_suspension_does_not(secretariat_user):
    suspended, withdrawn = MemberFactory(), MemberFactory()
    for member in (suspended, withdrawn):
        certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    member_change_status(member=suspended, to_status=MemberStatus.SUSPENDED, reason="r", by=secretariat_user)
    member_change_status(member=withdrawn, to_status=MemberStatus.WITHDRAWN, reason="r", by=secretariat_user)
    assert Certificate.objects.get(member=suspended).is_valid
    assert not Certificate.objects.get(member=withdrawn).is_valid


def test_verify_form_redirects_to_the_code(client):
    response = client.get(reverse("members:verify_form"), {"code": " abc123 "})
    assert response.url == reverse("members:verify", args=["ABC123"])


@pytest.mark.parametrize("code", ["a/b", "../../etc", "中文", "AB CD"])
def test_verify_form_refuses_a_code_that_is_not_one(client, code):
    response = client.get(reverse("members:verify_form"), {"code": code})
    assert response.status_code == 200
    assert "only letters and digits" in response.content.decode()


def test_missing_pdf_is_rendered_on_download(client, secretariat_user):
    member = MemberFactory()
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    client.force_login(secretariat_user)
    response = client.get(reverse("members:certificate_download", args=[member.pk, certificate.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # A GET changes nothing: storing the PDF is the rendering task's job (issue 9 item 5).
    certificate.refresh_from_db()
    assert not certificate.file


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return squeeze(translation.gettext(text))


@pytest.mark.parametrize(
    ("country", "applied_in", "script"),
    [
        ("CN", "zh-hans", "zh-hans"),
        ("TW", "en", "zh-hant"),  # applied in English: the Chinese of its country
        ("TH", "en", "zh-hans"),  # no Chinese of its own: the alliance's, seated in Kunming
        ("TH", "zh-hant", "zh-hant"),  # the member's own language first
    ],
)
def test_certificate_and_letter_carry_english_and_the_members_chinese(
    country, applied_in, script, secretariat_user
):
    member = MemberFactory(name="Example Holder", country=country)
    Application.objects.create(
        applicant=UserFactory(),
        member=member,
        kind=member.kind,
        tier=member.tier,
        name=member.name,
        country=country,
        email="applicant@example.org",
        language=applied_in,
    )
    _certificate, pdf, letter = _render(member, secretariat_user)
    other = "zh-hant" if script == "zh-hans" else "zh-hans"
    for data in (pdf, letter):
        text = squeeze(pdf_text(data))
        assert squeeze("Membership") in text or "MEMBERSHIP" in text
        assert _in("en", "South and Southeast Asia International Security Alliance") in text
        assert _in(script, "South and Southeast Asia International Security Alliance") in text
        assert _in(other, "South and Southeast Asia International Security Alliance") not in text
    assert _in(script, "Membership certificate") in squeeze(pdf_text(pdf))
    assert _in(script, "Membership notification letter") in squeeze(pdf_text(letter))
    assert "Membershipnotificationletter" in squeeze(pdf_text(letter))


def test_certificate_is_the_same_whatever_language_renders_it(secretariat_user):
    """Rendered once by a task: the bytes do not depend on who triggered it (but for timestamps)."""
    member = MemberFactory(name="Example Holder", country="TW")
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    texts = set()
    for language in ("en", "zh-hans", "zh-hant"):
        with translation.override(language):
            texts.add(pdf_text(certificate_pdf(certificate=certificate, field="file")))
    assert len(texts) == 1


@pytest.mark.parametrize(
    ("language", "country", "script", "writes_in"),
    [
        (None, "CN", "zh-hans", "zh-hans"),
        (None, "SG", "zh-hans", "zh-hans"),
        (None, "HK", "zh-hant", "zh-hant"),
        (None, "MO", "zh-hant", "zh-hant"),
        (None, "TW", "zh-hant", "zh-hant"),
        (None, "TH", "zh-hans", "en"),
        ("en", "TW", "zh-hant", "zh-hant"),
        ("zh-hans", "TW", "zh-hans", "zh-hant"),
    ],
)
def test_chinese_script_and_language_of_a_country(language, country, script, writes_in):
    from members.rules import chinese_script, language_of_country

    assert chinese_script(language=language, country_code=country) == script
    assert language_of_country(country) == writes_in


def test_the_members_language_is_its_primary_representatives_choice_first():
    """A representative's preferred language (their profile) comes before the application's,
    which comes before the country's: the bilingual papers follow what the member reads."""
    from alliance.languages import language_set
    from members.models import RepresentativeRole
    from members.selectors import member_chinese, member_language

    member = MemberFactory(country="TH")
    assert (member_language(member), member_chinese(member)) == ("en", "zh-hans")
    representative = RepresentativeFactory(member=member, role=RepresentativeRole.PRIMARY, user=UserFactory())
    assert member_language(member) == "en"  # no profile yet: nobody chose
    language_set(user=representative.user, language="zh-hant")
    assert (member_language(member), member_chinese(member)) == ("zh-hant", "zh-hant")
