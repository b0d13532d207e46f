"""The seeded departments are named in the reader's language; renamed ones as typed."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from secretariat.models import Department
from secretariat.models.organisation import SEEDED_DEPARTMENTS

pytestmark = pytest.mark.django_db


def test_every_seeded_department_has_its_translation_looked_up():
    assert set(SEEDED_DEPARTMENTS) == set(Department.objects.values_list("code", flat=True))
    for department in Department.objects.all():
        english, translated = SEEDED_DEPARTMENTS[department.code]
        assert department.name == english
        with translation.override("zh-hant"):
            assert department.display_name == str(translated) == str(department)


def test_a_renamed_department_shows_its_name_as_typed():
    department = Department.objects.get(code="liaison")
    department.name = "External Liaison"
    with translation.override("zh-hans"):
        assert department.display_name == "External Liaison"


def test_organisation_chart_names_departments_in_the_readers_language(client_for, secretariat_user):
    client = client_for(secretariat_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(
        reverse("secretariat:organisation"),
    ).content.decode()
    with translation.override("zh-hans"):
        expected = Department.objects.get(code="event-planning").display_name
    assert f"<strong>{expected}</strong>" in body
