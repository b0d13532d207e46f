"""Seeded bodies and office names in the reader's language, on pages and in the minutes PDF."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from meetings import services
from meetings.models import Body, Office
from tests.meetings.factories import in_session, make_meeting, office_holder
from tests.pdftext import pdf_text, squeeze

pytestmark = pytest.mark.django_db


def _in(language, text):
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_seeded_body_is_named_in_the_readers_language(language):
    body = Body.objects.get(code="GA")
    with translation.override(language):
        assert body.display_name == _in(language, "Member General Assembly")
        assert str(body).startswith(body.display_name)


def test_seeded_bodies_are_translated_in_chinese():
    """The catalogue has them (the seeds' word 会员大会); a missing entry would show English."""
    with translation.override("zh-hans"):
        assert Body.objects.get(code="GA").display_name != "Member General Assembly"


def test_a_renamed_or_added_body_shows_its_name_as_typed():
    body = Body.objects.get(code="GA")
    body.name = "General Assembly of Members"
    added = Body(code="CO", name="Council")
    with translation.override("zh-hans"):
        assert body.display_name == "General Assembly of Members"
        assert added.display_name == "Council"


@pytest.fixture
def approved_minutes(secretariat_user):
    body = Body.objects.get(code="GA")
    meeting, members = make_meeting(by=secretariat_user, units=3, with_reps=True, body=body)
    in_session(meeting, members, by=secretariat_user)
    services.meeting_change_status(meeting=meeting, to_status="held", by=secretariat_user)
    sg = office_holder(Office.SECRETARY_GENERAL, by=secretariat_user)
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    with translation.override("en"):  # the approver works in English: the capacity is stored so
        return services.minutes_approve(minutes=minutes, by=sg)


def test_capacity_stored_in_the_approvers_language_is_read_in_the_readers(approved_minutes):
    assert approved_minutes.approved_as == "Secretary-General"
    for language in ("en", "zh-hans", "zh-hant"):
        with translation.override(language):
            assert approved_minutes.approved_as_display == str(Office.SECRETARY_GENERAL.label)


def test_a_capacity_that_is_no_label_is_shown_as_stored(approved_minutes):
    approved_minutes.approved_as = "Acting clerk"
    with translation.override("zh-hans"):
        assert approved_minutes.approved_as_display == "Acting clerk"


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_minutes_pdf_names_body_and_office_in_the_readers_language(
    approved_minutes, secretariat_user, client_for, language
):
    client = client_for(secretariat_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("meetings:minutes_pdf", args=[approved_minutes.pk]))
    text = squeeze(pdf_text(response.content))
    assert squeeze(_in(language, "Member General Assembly")) in text
    with translation.override(language):
        assert squeeze(str(Office.SECRETARY_GENERAL.label)) in text
