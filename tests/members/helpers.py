"""Builders for application tests: real files (by content) and applications at each stage."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import DocumentKind, MemberKind, RepresentativeRole, Tier
from members.services import application_apply, application_decide, document_review
from tests.factories import UserFactory

# The smallest PDF filetype recognises (it sniffs the "%PDF" magic number).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="certificate.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="scan.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def unit_data(**overrides):
    data = {
        "kind": MemberKind.UNIT,
        "tier": Tier.GROUP_MEMBER,
        "name": "Siam Guard Services Co., Ltd.",
        "native_name": "บริษัท สยามการ์ด เซอร์วิส จำกัด",
        "country": "TH",
        "registration_number": "0105559000001",
        "industry": "security_services",
        "unit_type": "enterprise",
        "address": "99 Example Road, Bangkok",
        "website": "",
        "organisation": "",
        "position": "",
        "email": "office@siamguard.example",
        "phone": "+66 2 000 0000",
        "contact_name": "Somchai Example",
        "contact_email": "contact@siamguard.example",
        "contact_phone": "",
        "motivation": "",
    }
    data.update(overrides)
    return data


def primary(**overrides):
    person = {
        "name": "Anan Example",
        "native_name": "อนันต์ ตัวอย่าง",
        "position": "Managing Director",
        "email": "anan@siamguard.example",
        "phone": "",
        "mobile": "",
    }
    person.update(overrides)
    return person


def submitted_unit(applicant=None, *, country="TH", submit=True, **data):
    """Return a unit application for ``country`` (submitted unless ``submit`` is False)."""
    applicant = applicant or UserFactory()
    application, _user = application_apply(
        applicant=applicant,
        data=unit_data(country=country, **data),
        representatives={RepresentativeRole.PRIMARY: primary(), RepresentativeRole.DEPUTY: None},
        documents=[(DocumentKind.LEGAL_PERSON_CERTIFICATE, pdf_upload())],
        declaration_accepted=True,
        submit=submit,
    )
    return application


def preliminarily_approved(liaison, **kwargs):
    """Return an application the liaison officer passed, its required document accepted."""
    application = submitted_unit(**kwargs)
    for document in application.documents.all():
        document_review(document=document, reviewer=liaison, review="accepted")
    application_decide(application=application, reviewer=liaison, decision="approve", comment="")
    application.refresh_from_db()
    return application
