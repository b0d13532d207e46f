"""The public application page: account creation, uploads checked by content and size, bad input."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Application, ApplicationDocument, ApplicationStatus
from tests.factories import UserFactory
from tests.members.helpers import PDF_BYTES, pdf_upload, png_upload, primary, unit_data

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = unit_data()
    data.update({f"primary-{k}": v for k, v in primary().items()})
    data.update(
        {
            "declaration": "on",
            "account_email": "newcomer@example.org",
            "first_name": "New",
            "last_name": "Comer",
            "password": "a-long-enough-password-42",
            "password_confirm": "a-long-enough-password-42",
            "legal_person_certificate": pdf_upload(),
            "submit": "1",
        }
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_visitor_applies_creating_an_account_and_is_logged_in(
    client, thai_office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:apply"), _form())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("members:application_detail", args=[application.pk])
    user = get_user_model().objects.get(username="newcomer@example.org")
    assert application.applicant == user
    assert application.status == ApplicationStatus.SUBMITTED
    assert client.get(response.url).status_code == 200  # logged in
    assert mailoutbox and mailoutbox[0].to == [application.email]


def test_existing_email_is_asked_to_log_in_and_nothing_is_created(client, thai_office):
    UserFactory(username="someone", email="newcomer@example.org")
    response = client.post(reverse("members:apply"), _form())
    assert response.status_code == 200
    assert "log in first" in response.content.decode()
    assert not Application.objects.exists()


def test_signed_in_user_applies_without_account_fields(client, thai_office, plain_user):
    client.force_login(plain_user)
    response = client.post(
        reverse("members:apply"), _form(account_email=None, password=None, password_confirm=None)
    )
    assert response.status_code == 302
    assert Application.objects.get().applicant == plain_user


def test_wrong_file_type_is_refused_by_content(client, thai_office, plain_user):
    client.force_login(plain_user)
    disguised = SimpleUploadedFile(
        "licence.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    response = client.post(reverse("members:apply"), _form(legal_person_certificate=disguised))
    assert response.status_code == 200
    assert "Only PDF, JPEG and PNG" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()


def test_a_50_mb_upload_is_refused(client, thai_office, plain_user):
    client.force_login(plain_user)
    huge = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"0" * (50 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(reverse("members:apply"), _form(legal_person_certificate=huge))
    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert not Application.objects.exists()


def test_upload_limit_is_a_setting(client, thai_office, plain_user, settings):
    settings.ALLIANCE_MAX_UPLOAD_MB = 1
    client.force_login(plain_user)
    two_mb = SimpleUploadedFile(
        "two.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(reverse("members:apply"), _form(legal_person_certificate=two_mb))
    assert "the limit is 1 MB" in response.content.decode()


def test_png_is_accepted(client, thai_office, plain_user):
    client.force_login(plain_user)
    client.post(reverse("members:apply"), _form(legal_person_certificate=png_upload()))
    document = ApplicationDocument.objects.get()
    assert (document.content_type, document.extension) == ("image/png", ".png")
    assert document.file.name.endswith(".png") and "scan" not in document.file.name


def test_missing_document_is_refused_and_changes_nothing(client, thai_office, plain_user):
    client.force_login(plain_user)
    response = client.post(reverse("members:apply"), _form(legal_person_certificate=None))
    assert response.status_code == 200
    assert "legal-person qualification certificate" in response.content.decode()
    assert not Application.objects.exists()


def test_saving_a_draft_does_not_need_documents(client, thai_office, plain_user):
    client.force_login(plain_user)
    data = _form(legal_person_certificate=None)
    del data["submit"]
    data["save"] = "1"
    client.post(reverse("members:apply"), data)
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_country_without_office_is_flagged(client, thai_office, plain_user):
    client.force_login(plain_user)
    client.post(reverse("members:apply"), _form(country="PH"))
    application = Application.objects.get()
    assert application.no_liaison_office and application.liaison_office is None
    body = client.get(reverse("members:application_detail", args=[application.pk])).content.decode()
    assert "No liaison office for this country" in body


def test_returned_application_is_edited_and_resubmitted(client, thai_office, plain_user, liaison_user):
    client.force_login(plain_user)
    client.post(reverse("members:apply"), _form())
    application = Application.objects.get()
    client.force_login(liaison_user)
    client.post(
        reverse("members:application_decide", args=[application.pk]),
        {"stage": "preliminary", "decision": "return", "comment": "Add the deputy"},
    )
    client.force_login(plain_user)
    detail = client.get(reverse("members:application_detail", args=[application.pk])).content.decode()
    assert "Add the deputy" in detail
    edit = reverse("members:application_edit", args=[application.pk])
    assert client.get(edit).status_code == 200
    data = _form(legal_person_certificate=None, account_email=None, password=None, password_confirm=None)
    data.update({"deputy-name": "Deputy Person", "deputy-email": "deputy@siamguard.example"})
    response = client.post(edit, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.round == 2
    assert application.representatives.count() == 2


def test_someone_else_cannot_edit(client, thai_office, plain_user):
    client.force_login(plain_user)
    client.post(reverse("members:apply"), _form())
    application = Application.objects.get()
    client.force_login(UserFactory())
    assert client.get(reverse("members:application_edit", args=[application.pk])).status_code == 404


def test_the_applicants_language_is_kept_for_emails(client, thai_office, plain_user):
    client.force_login(plain_user)
    client.post(reverse("members:apply"), _form(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert Application.objects.get().language == "zh-hans"
