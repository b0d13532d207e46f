"""Every private file goes through the storage API, so another backend replaces the disk (issue 10 §6).

The default storage is swapped for Django's in-memory storage and MEDIA_ROOT
pointed at a path that cannot exist (beneath a plain file): any code writing
to MEDIA_ROOT directly would fail or leave a trace. Each upload, rendering
and download path then runs and must find its bytes in the second backend.
"""

from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.urls import reverse

from meetings import services as meetings_services
from members.models import ApplicationDocument, Member
from members.services import certificate_issue, certificate_render
from tests.meetings.factories import make_meeting
from tests.members.factories import MemberFactory
from tests.members.helpers import PDF_BYTES, pdf_upload, png_upload, submitted_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_backend(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("MEDIA_ROOT lies beneath this file, so nothing can be written there.")
    settings.MEDIA_ROOT = blocker / "private"
    in_memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": in_memory}
    yield default_storage
    assert not Path(settings.MEDIA_ROOT).exists()


def _downloaded(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_every_private_file_field_follows_the_setting(second_backend):
    from meetings.models import Attendance, Material
    from members.models import Certificate
    from secretariat.models import DocumentAttachment

    fields = [
        ApplicationDocument._meta.get_field("file"),
        Member._meta.get_field("logo"),
        Certificate._meta.get_field("file"),
        Certificate._meta.get_field("letter_file"),
        DocumentAttachment._meta.get_field("file"),
        Material._meta.get_field("file"),
        Attendance._meta.get_field("mandate"),
    ]
    assert all(isinstance(field.storage, InMemoryStorage) for field in fields)


def test_application_documents_are_stored_and_served_from_it(second_backend, client, secretariat_user):
    application = submitted_unit()
    document = ApplicationDocument.objects.get(application=application)

    assert second_backend.exists(document.file.name)
    client.force_login(secretariat_user)
    assert _downloaded(client.get(reverse("members:document_download", args=[document.pk]))) == PDF_BYTES


def test_certificates_and_letters_render_into_it_and_download(second_backend, client, secretariat_user):
    member = MemberFactory()
    certificate = certificate_issue(member=member, by=secretariat_user, on=member.joined_on)
    certificate = certificate_render(certificate_id=certificate.pk)

    assert second_backend.exists(certificate.file.name)
    assert second_backend.exists(certificate.letter_file.name)
    client.force_login(secretariat_user)
    for view in ("members:certificate_download", "members:letter_download"):
        pdf = _downloaded(client.get(reverse(view, args=[member.pk, certificate.pk])))
        assert pdf.startswith(b"%PDF")
    with second_backend.open(certificate.file.name) as stored:
        assert stored.read().startswith(b"%PDF")


def test_a_logo_is_uploaded_into_the_backend_and_served(second_backend, client, secretariat_user):
    member = MemberFactory(number="M-2026-0077")
    client.force_login(secretariat_user)
    logo = png_upload("logo.png")

    client.post(reverse("members:member_logo_upload", args=[member.pk]), {"logo": logo})

    member = Member.objects.get(pk=member.pk)
    assert second_backend.exists(member.logo.name)
    served = client.get(reverse("members:member_logo", args=[member.pk]))
    assert _downloaded(served).startswith(b"\x89PNG")


def test_document_attachments_go_to_the_backend(second_backend, make_document, clerk, client_for):
    from secretariat.models import DocumentAttachment

    document = make_document("draft")
    client = client_for(clerk)

    client.post(reverse("secretariat:attachment_upload", args=[document.pk]), {"file": pdf_upload()})

    attachment = DocumentAttachment.objects.get(document=document)
    assert second_backend.exists(attachment.file.name)
    served = client.get(reverse("secretariat:attachment_download", args=[document.pk, attachment.pk]))
    assert _downloaded(served) == PDF_BYTES


def test_meeting_materials_go_to_the_backend_and_are_served_to_the_secretariat(
    second_backend, client, secretariat_user, member_user
):
    meeting, _members = make_meeting(by=secretariat_user, units=2)
    item = meetings_services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    client.force_login(secretariat_user)

    client.post(
        reverse("meetings:material_add", args=[item.pk]), {"title": "Budget draft", "file": pdf_upload()}
    )

    material = item.materials.get()
    assert second_backend.exists(material.file.name)
    detail = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    url = reverse("meetings:material_download", args=[material.pk])
    assert f'href="{url}"' in detail
    assert _downloaded(client.get(url)) == PDF_BYTES
    client.force_login(member_user)
    assert client.get(url).status_code == 403


def test_the_admin_links_each_file_to_the_administrators_view(second_backend, admin_client, admin_user):
    meeting, _members = make_meeting(by=admin_user, units=1)
    item = meetings_services.agenda_item_add(meeting=meeting, title="Budget", by=admin_user)
    material = meetings_services.material_add(agenda_item=item, by=admin_user, title="t", file=pdf_upload())

    page = admin_client.get(reverse("admin:meetings_material_change", args=[material.pk]))

    assert page.status_code == 200
    link = reverse("private_file", kwargs={"name": material.file.name})
    assert link in page.content.decode()
    assert _downloaded(admin_client.get(link)) == PDF_BYTES


def test_the_administrators_view_is_refused_to_everyone_else(second_backend, secretariat_user, client):
    name = second_backend.save("meetings/materials/2026/agenda.pdf", pdf_upload())
    link = reverse("private_file", kwargs={"name": name})

    assert client.get(link).status_code == 302  # to the login page
    client.force_login(secretariat_user)
    assert client.get(link).status_code == 404
