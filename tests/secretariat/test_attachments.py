"""Document attachments are checked by content (PDF, JPEG, PNG) and size, like members' uploads."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.errors import NOT_A_DOCUMENT
from secretariat import services
from secretariat.errors import SecretariatError
from secretariat.models import DocumentAttachment
from tests.members.helpers import PDF_BYTES, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _upload_url(document):
    return reverse("secretariat:attachment_upload", args=[document.pk])


@pytest.mark.parametrize("make_upload", [pdf_upload, png_upload])
def test_the_secretariat_attaches_a_pdf_or_an_image(make_document, clerk, client_for, make_upload):
    document = make_document("draft")
    response = client_for(clerk).post(_upload_url(document), {"file": make_upload(), "name": "Agenda"})
    assert response.status_code == 302
    attachment = DocumentAttachment.objects.get(document=document)
    assert attachment.name == "Agenda"
    assert attachment.uploaded_by == clerk


def test_a_file_named_pdf_that_is_not_one_is_refused_and_nothing_is_stored(make_document, clerk, client_for):
    document = make_document("draft")
    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client_for(clerk).post(_upload_url(document), {"file": fake}, follow=True)
    assert "Only PDF, JPEG and PNG" in response.content.decode()
    assert not DocumentAttachment.objects.exists()


def test_a_file_over_the_limit_is_refused(make_document, clerk, client_for, settings):
    settings.ALLIANCE_MAX_UPLOAD_MB = 1
    document = make_document("draft")
    big = pdf_upload("big.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    response = client_for(clerk).post(_upload_url(document), {"file": big}, follow=True)
    assert "too large" in response.content.decode()
    assert not DocumentAttachment.objects.exists()


def test_the_service_refuses_a_bad_file_too(make_document, clerk):
    document = make_document("draft")
    text = SimpleUploadedFile("notes.txt", b"plain words", content_type="text/plain")
    with pytest.raises(SecretariatError, match=re.escape(str(NOT_A_DOCUMENT))):
        services.attachment_add(document=document, by=clerk, file=text)
    assert not DocumentAttachment.objects.exists()


def test_the_stored_name_takes_the_extension_of_the_content(make_document, clerk):
    document = make_document("draft")
    attachment = services.attachment_add(document=document, by=clerk, file=pdf_upload("report.exe"))
    assert attachment.file.name.endswith("report.pdf")
    assert attachment.name == "report.exe"


@pytest.mark.parametrize("fixture", ["member_user", "liaison_user", "treasurer_user"])
def test_only_the_secretariat_uploads(make_document, client_for, request, fixture):
    document = make_document("draft")
    user = request.getfixturevalue(fixture)
    response = client_for(user).post(_upload_url(document), {"file": pdf_upload()})
    assert response.status_code == 403
    assert not DocumentAttachment.objects.exists()


def test_anonymous_is_sent_to_sign_in(make_document, client):
    document = make_document("draft")
    response = client.post(_upload_url(document), {"file": pdf_upload()})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not DocumentAttachment.objects.exists()


def test_uploading_is_a_post(make_document, clerk, client_for):
    document = make_document("draft")
    assert client_for(clerk).get(_upload_url(document)).status_code == 405
