"""A language per person: the profile page, the switcher remembering it, pages opening in it."""

import pytest
from django.conf import settings
from django.urls import reverse

from alliance import emails
from alliance.languages import language_of
from alliance.models import EmailKind, Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin_user", "secretariat_user", "liaison_user", "treasurer_user", "member_user", "plain_user"]


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_person_opens_their_profile(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert 'name="language"' in response.content.decode()


def test_the_profile_page_needs_a_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_choosing_a_language_on_the_profile_is_a_recorded_post(client, plain_user):
    client.force_login(plain_user)
    response = client.post(reverse("profile"), {"language": "zh-hant"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=plain_user)
    assert profile.language == "zh-hant"
    record = profile.history.latest()
    assert record.history_user == plain_user and record.history_date
    assert '<html lang="zh-hant">' in client.get(reverse("profile")).content.decode()


def test_a_language_the_site_does_not_offer_changes_nothing(client, plain_user):
    client.force_login(plain_user)
    response = client.post(reverse("profile"), {"language": "fr"})
    assert response.status_code == 200 and not Profile.objects.exists()
    assert "is-invalid" in response.content.decode()


def test_the_switcher_remembers_a_signed_in_persons_choice(client, plain_user):
    client.force_login(plain_user)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert language_of(plain_user) == "zh-hans"


def test_the_switcher_keeps_nothing_for_a_visitor(client):
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert not Profile.objects.exists()


def test_pages_open_in_the_persons_language_unless_this_browser_chose_another(client):
    user = UserFactory(language="zh-hant")
    client.force_login(user)
    assert '<html lang="zh-hant">' in client.get(reverse("profile")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get(reverse("profile")).content.decode()


def test_a_bare_address_is_written_to_in_its_holders_language_and_grouped_by_language():
    zh = UserFactory(language="zh-hant")
    en = UserFactory(language="en")
    messages = emails.messages_for(
        "members/emails/account_exists",
        [zh.email.upper(), en.email, "nobody@example.org"],
        kind=EmailKind.ACTIVATION,
        language="zh-hans",  # stands in only for the address no account holds
        user=zh,
    )
    assert sorted((m.language, tuple(m.to)) for m in messages) == [
        ("en", (en.email,)),
        ("zh-hans", ("nobody@example.org",)),
        ("zh-hant", (zh.email.upper(),)),
    ]


def test_an_account_as_recipient_is_written_to_in_its_language():
    user = UserFactory(language="zh-hans")
    (message,) = emails.messages_for(
        "members/emails/account_exists", [user], kind=EmailKind.ACTIVATION, user=user
    )
    assert (message.language, message.to) == ("zh-hans", [user.email])
