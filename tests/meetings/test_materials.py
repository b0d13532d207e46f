"""Meeting materials and delegates' mandates are checked by content and size (issue 9 §10).

The same check as application documents and document attachments: members.uploads.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.errors import MeetingError
from meetings.forms import AttendanceForm
from meetings.models import Material
from members.errors import FILE_TOO_LARGE, NOT_A_DOCUMENT
from tests.meetings.factories import make_meeting
from tests.members.helpers import PDF_BYTES, pdf_upload

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
REFUSED = "Only PDF, JPEG and PNG files are accepted; this file is neither (checked by content)."


@pytest.fixture
def item(secretariat_user):
    meeting, _members = make_meeting(by=secretariat_user, units=1)
    return services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)


def _post(client, item, upload):
    url = reverse("meetings:material_add", args=[item.pk])
    return client.post(url, {"title": "Budget paper", "file": upload}, follow=True)


def test_an_html_material_is_refused_with_a_clear_message(item, client_for, secretariat_user):
    upload = SimpleUploadedFile("budget.pdf", HTML, content_type="application/pdf")
    response = _post(client_for(secretariat_user), item, upload)
    assert REFUSED in response.content.decode()
    assert not Material.objects.exists()


def test_a_pdf_material_is_accepted_and_stored_with_its_extension(item, client_for, secretariat_user):
    response = _post(client_for(secretariat_user), item, pdf_upload("budget paper.bin"))
    assert "Material added." in response.content.decode()
    material = Material.objects.get()
    assert material.file.name.endswith(".pdf")
    assert material.file.read() == PDF_BYTES


def test_the_service_refuses_an_html_material_whoever_calls_it(item, secretariat_user):
    upload = SimpleUploadedFile("notes.html", HTML, content_type="text/html")
    with pytest.raises(MeetingError, match=re.escape(str(NOT_A_DOCUMENT))):
        services.material_add(agenda_item=item, title="Notes", file=upload, by=secretariat_user)
    assert not Material.objects.exists()


def test_an_oversized_material_is_refused_by_the_service(item, secretariat_user, settings):
    settings.ALLIANCE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")
    with pytest.raises(
        MeetingError, match=re.escape(str(FILE_TOO_LARGE % {"size": big.size / 1024 / 1024, "max": 1}))
    ):
        services.material_add(agenda_item=item, title="Big", file=big, by=secretariat_user)


def test_an_html_mandate_is_refused_next_to_its_field():
    upload = SimpleUploadedFile("mandate.pdf", HTML, content_type="application/pdf")
    form = AttendanceForm(
        {"member": "1", "mode": "delegate", "delegate_name": "A. Delegate"}, {"mandate": upload}
    )
    assert not form.is_valid()
    assert form.errors["mandate"] == [REFUSED]
