"""A member's photo or logo: uploaded by the secretariat, checked by content, served privately."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from members import errors
from members.errors import MembershipError
from members.models import Member
from members.services.logos import member_logo_set
from members.storage import PrivateStorage
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.members.helpers import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def jpeg_upload(name="logo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _upload(client, member, upload):
    return client.post(reverse("members:member_logo_upload", args=[member.pk]), {"logo": upload}, follow=True)


@pytest.mark.parametrize(("make_upload", "suffix"), [(png_upload, ".png"), (jpeg_upload, ".jpg")])
def test_the_secretariat_uploads_a_logo_stored_privately(secretariat_user, client_for, make_upload, suffix):
    member = MemberFactory(number="M-2026-0042")
    response = _upload(client_for(secretariat_user), member, make_upload("whatever.gif"))
    assert "The photo or logo was saved." in response.content.decode()
    member.refresh_from_db()
    assert member.logo.name.endswith(f"M-2026-0042{suffix}")
    assert isinstance(member.logo.storage, PrivateStorage)
    assert member.history.first().history_user == secretariat_user


def test_a_pdf_or_a_renamed_file_is_refused_and_nothing_changes(secretariat_user, client_for):
    member = MemberFactory()
    client = client_for(secretariat_user)
    response = _upload(client, member, pdf_upload("logo.png"))
    assert "Only JPEG and PNG images" in response.content.decode()
    response = _upload(
        client, member, SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png")
    )
    assert "Only JPEG and PNG images" in response.content.decode()
    member.refresh_from_db()
    assert not member.logo


def test_a_logo_over_the_limit_is_refused(secretariat_user, client_for, settings):
    settings.ALLIANCE_MAX_UPLOAD_MB = 0
    member = MemberFactory()
    response = _upload(client_for(secretariat_user), member, png_upload())
    assert "too large" in response.content.decode()
    member.refresh_from_db()
    assert not member.logo


def test_the_service_refuses_anyone_but_the_secretariat(liaison_user):
    member = MemberFactory()
    with pytest.raises(MembershipError, match=str(errors.NOT_SECRETARIAT)):
        member_logo_set(member=member, by=liaison_user, upload=png_upload())
    assert not Member.objects.get(pk=member.pk).logo


@pytest.mark.parametrize("fixture", ["liaison_user", "treasurer_user", "member_user", "plain_user"])
def test_only_the_secretariat_may_upload(request, client_for, fixture):
    member = MemberFactory()
    response = client_for(request.getfixturevalue(fixture)).post(
        reverse("members:member_logo_upload", args=[member.pk]), {"logo": png_upload()}
    )
    assert response.status_code == 403
    assert not Member.objects.get(pk=member.pk).logo


def test_uploading_is_a_post_and_anonymous_signs_in(secretariat_user, client_for):
    member = MemberFactory()
    url = reverse("members:member_logo_upload", args=[member.pk])
    assert client_for(secretariat_user).get(url).status_code == 405
    response = Client().post(url, {"logo": png_upload()})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["secretariat_user", "treasurer_user", "representative"])
def test_the_logo_is_served_to_whoever_may_open_the_member_file(who, request, secretariat_user, client_for):
    representative = RepresentativeFactory()
    member = member_logo_set(member=representative.member, by=secretariat_user, upload=png_upload())
    user = representative.user if who == "representative" else request.getfixturevalue(who)
    response = client_for(user).get(reverse("members:member_logo", args=[member.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_logo_is_hidden_from_another_member_and_anonymous_visitors(secretariat_user, client_for):
    representative = RepresentativeFactory()
    member = member_logo_set(member=representative.member, by=secretariat_user, upload=png_upload())
    other = RepresentativeFactory()
    url = reverse("members:member_logo", args=[member.pk])
    # Another member's representative is outside the scope: the file does not exist for them.
    assert client_for(other.user).get(url).status_code == 404
    response = Client().get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_member_without_a_logo_has_none_to_serve(secretariat_user, client_for):
    member = MemberFactory()
    assert (
        client_for(secretariat_user).get(reverse("members:member_logo", args=[member.pk])).status_code == 404
    )


def test_the_member_file_shows_the_logo_and_the_form_to_the_secretariat(
    secretariat_user, treasurer_user, client_for
):
    member = member_logo_set(member=MemberFactory(), by=secretariat_user, upload=png_upload())
    detail = reverse("members:member_detail", args=[member.pk])
    page = client_for(secretariat_user).get(detail).content.decode()
    assert reverse("members:member_logo", args=[member.pk]) in page
    assert reverse("members:member_logo_upload", args=[member.pk]) in page
    page = client_for(treasurer_user).get(detail).content.decode()
    assert reverse("members:member_logo", args=[member.pk]) in page
    assert reverse("members:member_logo_upload", args=[member.pk]) not in page
