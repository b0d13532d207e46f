"""The public application page: account creation, uploads checked by content and size, bad input."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.errors import TOO_MANY_APPLICATIONS
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


def test_visitor_applies_creating_an_account_then_logs_in(
    client, thai_office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:apply"), _form())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("members:apply_received")
    user = get_user_model().objects.get(username="newcomer@example.org")
    assert application.applicant == user
    assert application.status == ApplicationStatus.SUBMITTED
    assert mailoutbox and mailoutbox[0].to == [application.email]
    # Not logged in by the answer (an existing address gets the same); the password works.
    assert client.get(reverse("members:application_list")).status_code == 302
    client.post(
        reverse("login"), {"username": "newcomer@example.org", "password": "a-long-enough-password-42"}
    )
    assert client.get(reverse("members:application_detail", args=[application.pk])).status_code == 200


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _apply_as_visitor(client, capture, *, account_email, **overrides):
    """POST the form as a fresh visitor; return (status, location, page shown, logged in?),
    the page without its per-request CSRF token and with the typed address blanked."""
    client.logout()
    with capture(execute=True):
        response = client.post(reverse("members:apply"), _form(account_email=account_email, **overrides))
    followed = client.get(response.url) if response.status_code == 302 else response
    page = CSRF_TOKEN.sub("", followed.content.decode()).replace(account_email, "ADDRESS")
    logged_in = client.get(reverse("members:application_list")).status_code == 200
    return response.status_code, response.get("Location"), page, logged_in


def test_existing_and_new_addresses_get_the_same_answer(
    client, thai_office, mailoutbox, django_capture_on_commit_callbacks
):
    holder = UserFactory(username="someone", email="taken@example.org")
    taken = _apply_as_visitor(client, django_capture_on_commit_callbacks, account_email="TAKEN@example.org")
    new = _apply_as_visitor(client, django_capture_on_commit_callbacks, account_email="fresh@example.org")
    assert taken == new
    assert taken[:2] == (302, reverse("members:apply_received"))
    assert "already exists" not in taken[2]
    # Only the new address got an account and an application; the holder got a pointer.
    assert list(Application.objects.values_list("applicant__username", flat=True)) == ["fresh@example.org"]
    (notice,) = [m for m in mailoutbox if m.to == [holder.email]]
    assert reverse("password_reset") in notice.body and reverse("login") in notice.body


def test_existing_and_new_addresses_meet_the_same_refusal(
    client, thai_office, django_capture_on_commit_callbacks
):
    UserFactory(username="someone", email="taken@example.org")
    capture = django_capture_on_commit_callbacks
    for overrides in (
        {"legal_person_certificate": None},
        {"password": "12345678", "password_confirm": "12345678"},
    ):
        taken = _apply_as_visitor(client, capture, account_email="taken@example.org", **overrides)
        new = _apply_as_visitor(client, capture, account_email="fresh@example.org", **overrides)
        assert taken[0] == new[0] == 200
        assert taken == new
    assert not Application.objects.exists()
    assert not get_user_model().objects.filter(username="fresh@example.org").exists()


def test_the_application_after_the_limit_from_one_address_is_refused(client, thai_office, settings):
    settings.ALLIANCE_MEMBERS_APPLY_RATE = "2/h"
    for n in range(2):
        response = client.post(reverse("members:apply"), _form(account_email=f"visitor{n}@example.org"))
        assert response.status_code == 302
    response = client.post(reverse("members:apply"), _form(account_email="visitor2@example.org"))
    assert response.status_code == 429
    assert str(TOO_MANY_APPLICATIONS) in response.content.decode()
    assert 'value="visitor2@example.org"' in response.content.decode()  # what was typed is kept
    assert Application.objects.count() == 2
    assert not get_user_model().objects.filter(username="visitor2@example.org").exists()
    # Another address is still served.
    other = client.post(
        reverse("members:apply"), _form(account_email="visitor3@example.org"), REMOTE_ADDR="198.51.100.20"
    )
    assert other.status_code == 302


def test_a_mistyped_apply_rate_fails_loudly(settings):
    from django.core.exceptions import ImproperlyConfigured

    from members import conf

    settings.ALLIANCE_MEMBERS_APPLY_RATE = "five per hour"
    with pytest.raises(ImproperlyConfigured):
        conf.apply_rate()


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
