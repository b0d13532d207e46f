"""ALLIANCE_DUES_PUBLIC_ARREARS_SHOW_AMOUNTS is a ceiling, not a default (issue 9 item 8)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from dues.models import ArrearsPublication

pytestmark = pytest.mark.django_db

AFTER_CLOSING = datetime.datetime(2027, 1, 5, 3, tzinfo=datetime.UTC)


@pytest.fixture
def in_arrears(invoice):
    """The 2026 invoice, unpaid after its 20 December closing date."""
    with time_machine.travel(AFTER_CLOSING, tick=False):
        yield invoice


def _publish(client, user, data):
    client.force_login(user)
    return client.post(reverse("dues:arrears_publish"), data)


def test_a_post_cannot_publish_amounts_the_setting_forbids(client, secretariat_user, in_arrears):
    assert _publish(client, secretariat_user, {"show_amounts": "on"}).status_code == 302
    publication = ArrearsPublication.objects.get()
    assert publication.show_amounts is False
    assert publication.entries[0]["member"] == in_arrears.member.name
    assert publication.entries[0]["amount"] == ""
    client.logout()
    html = client.get(reverse("dues:arrears_public")).content.decode()
    assert in_arrears.member.name in html and "1,000.00" not in html and "Outstanding" not in html


def test_the_form_offers_no_amounts_choice_when_the_setting_forbids_it(client, secretariat_user, in_arrears):
    client.force_login(secretariat_user)
    html = client.get(reverse("dues:arrears")).content.decode()
    assert 'name="show_amounts"' not in html


@override_settings(ALLIANCE_DUES_PUBLIC_ARREARS_SHOW_AMOUNTS=True)
def test_where_the_setting_allows_amounts_the_form_may_choose_them(client, secretariat_user, in_arrears):
    client.force_login(secretariat_user)
    assert 'name="show_amounts"' in client.get(reverse("dues:arrears")).content.decode()
    _publish(client, secretariat_user, {})
    assert ArrearsPublication.objects.get(withdrawn_at=None).show_amounts is False  # unticked: withheld
    _publish(client, secretariat_user, {"show_amounts": "on"})
    assert ArrearsPublication.objects.get(withdrawn_at=None).show_amounts is True
    client.logout()
    assert "1,000.00" in client.get(reverse("dues:arrears_public")).content.decode()


def test_a_list_published_with_amounts_hides_them_once_the_setting_forbids_them(
    client, secretariat_user, in_arrears
):
    with override_settings(ALLIANCE_DUES_PUBLIC_ARREARS_SHOW_AMOUNTS=True):
        _publish(client, secretariat_user, {"show_amounts": "on"})
    client.logout()
    html = client.get(reverse("dues:arrears_public")).content.decode()
    assert in_arrears.member.name in html and "1,000.00" not in html
