"""Editing an activity in Chinese keeps its dates (issue 12: each date input showed empty)."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from alliance.roles import Role
from tests.factories import UserFactory
from tests.secretariat.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_an_activity_edited_in_chinese_shows_and_stores_its_dates_and_budget(client, language):
    staff = UserFactory(roles=[Role.SECRETARIAT], is_staff=True)
    activity = ActivityFactory(created_by=staff)
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("secretariat:activity_edit", args=[activity.pk])
    page = client.get(url).content.decode()
    assert 'name="starts_on" value="2026-05-10"' in page and 'name="ends_on" value="2026-05-10"' in page

    response = client.post(
        url,
        {
            "theme": activity.theme,
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-03",
            "place": "Kunming",
            "content": activity.content,
            "participants": "",
            "budget": "12,500.00",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.starts_on, activity.ends_on) == (datetime.date(2026, 6, 1), datetime.date(2026, 6, 3))
    assert activity.budget == Decimal("12500.00")


def test_a_circulated_document_reaches_each_reader_in_their_language_not_the_senders(
    make_document, clerk, head, mailoutbox, django_capture_on_commit_callbacks
):
    from alliance.languages import language_set
    from secretariat import services
    from tests.languages import bilingual_member, languages_sent

    language_set(user=clerk, language="zh-hans")  # the sender's language must not matter
    language_set(user=head, language="en")
    member = bilingual_member()
    document = make_document("issued", audience="members")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_circulate(document=document, by=clerk, users=[head], members=[member])
    primary = member.representatives.get(role="primary").user
    deputy = member.representatives.get(role="deputy").user
    assert languages_sent("circulation", mailoutbox) == {
        head.email: "en",
        deputy.email: "en",
        primary.email: "zh-hant",
    }
