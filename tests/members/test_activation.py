"""New representatives choose their password through a one-time link (issue 9, item 1)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.services import application_approve, representative_add, representative_replace
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.members.helpers import preliminarily_approved

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-password-for-2026"
LINK = re.compile(r"https?://[^\s\"<]+/accounts/activate/[^\s\"<]+/[^\s\"<]+/")


def _activation_links(mailoutbox, email):
    return [
        LINK.search(message.body).group(0)
        for message in mailoutbox
        if message.to == [email] and LINK.search(message.body)
    ]


def _path(url):
    return urlsplit(url).path


def _set_password(client, link, password=NEW_PASSWORD):
    """Open the link and submit the new password; return the response to the form's POST."""
    response = client.get(_path(link), follow=True)
    if "new_password1" not in response.content.decode():
        return response
    return client.post(
        response.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


@pytest.fixture
def admitted(liaison_user, secretariat_user, thai_office, mailoutbox, django_capture_on_commit_callbacks):
    """A unit admitted through the services; its primary representative's account is new."""
    application = preliminarily_approved(liaison_user)
    with django_capture_on_commit_callbacks(execute=True):
        member = application_approve(application=application, reviewer=secretariat_user)
    return member


def test_admission_emails_the_new_representative_a_link(admitted, mailoutbox):
    user = get_user_model().objects.get(email="anan@siamguard.example")
    assert not user.has_usable_password()
    links = _activation_links(mailoutbox, "anan@siamguard.example")
    assert len(links) == 1


def test_the_link_sets_the_password_once(admitted, client, mailoutbox):
    (link,) = _activation_links(mailoutbox, "anan@siamguard.example")
    response = _set_password(client, link)
    assert response.redirect_chain[-1][0] == reverse("login")
    user = get_user_model().objects.get(email="anan@siamguard.example")
    assert user.check_password(NEW_PASSWORD)

    again = client.get(_path(link), follow=True)
    assert 'id="link-expired"' in again.content.decode()
    assert "new_password1" not in again.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_link_expires_after_the_configured_days(
    liaison_user,
    secretariat_user,
    thai_office,
    client,
    mailoutbox,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.ALLIANCE_MEMBERS_ACCOUNT_ACTIVATION_DAYS = 3
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        application = preliminarily_approved(liaison_user)
        with django_capture_on_commit_callbacks(execute=True):
            application_approve(application=application, reviewer=secretariat_user)
    (link,) = _activation_links(mailoutbox, "anan@siamguard.example")
    assert any("within 3 days" in m.body for m in mailoutbox if m.to == ["anan@siamguard.example"])

    with time_machine.travel(datetime.datetime(2026, 3, 5, 8, 59, tzinfo=datetime.UTC), tick=False):
        assert "new_password1" in client.get(_path(link), follow=True).content.decode()
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 1, tzinfo=datetime.UTC), tick=False):
        expired = client.get(_path(link), follow=True).content.decode()
    assert 'id="link-expired"' in expired
    assert reverse("members:account_activation_request") in expired


def test_an_expired_link_page_sends_a_fresh_link_that_works(
    admitted, client, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:account_activation_request"), {"email": "Anan@SiamGuard.example"}
        )
    assert response.status_code == 302
    assert response.url == reverse("members:account_activation_sent")
    (link,) = _activation_links(mailoutbox, "anan@siamguard.example")
    _set_password(client, link)
    assert get_user_model().objects.get(email="anan@siamguard.example").check_password(NEW_PASSWORD)


def test_asking_for_a_link_does_not_reveal_whether_the_address_exists(admitted, client, mailoutbox):
    url = reverse("members:account_activation_request")
    known = client.post(url, {"email": "anan@siamguard.example"})
    unknown = client.post(url, {"email": "nobody@nowhere.example"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert not any(m.to == ["nobody@nowhere.example"] for m in mailoutbox)


def test_a_reset_link_does_not_stand_in_for_an_activation_link(admitted, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.get(email="anan@siamguard.example")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page = client.get(reverse("members:account_activate", args=[uid, token]), follow=True)
    assert 'id="link-expired"' in page.content.decode()


def test_adding_a_representative_sends_the_activation_link(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        representative_add(
            member=member,
            role="deputy",
            on=datetime.date(2026, 5, 4),
            by=secretariat_user,
            name="Deputy Person",
            email="deputy@example.org",
        )
    assert len(_activation_links(mailoutbox, "deputy@example.org")) == 1


def _replace_with(email, *, by, capture):
    with capture(execute=True):
        representative_replace(
            representative=RepresentativeFactory(),
            on=datetime.date(2026, 5, 4),
            by=by,
            name="Successor Person",
            email=email,
        )


def test_replacing_a_representative_sends_the_successor_the_link(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    _replace_with("successor@example.org", by=secretariat_user, capture=django_capture_on_commit_callbacks)
    assert len(_activation_links(mailoutbox, "successor@example.org")) == 1


def test_a_successor_who_already_has_a_password_gets_no_link(
    secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    _replace_with("known@example.org", by=secretariat_user, capture=django_capture_on_commit_callbacks)
    assert _activation_links(mailoutbox, "known@example.org") == []


def test_setting_the_password_through_the_link_lifts_a_login_lock(admitted, client, mailoutbox, settings):
    settings.AXES_FAILURE_LIMIT = 2
    username = "anan@siamguard.example"
    for _ in range(2):
        client.post(reverse("login"), {"username": username, "password": "guess"})
    (link,) = _activation_links(mailoutbox, username)
    _set_password(client, link)
    response = client.post(reverse("login"), {"username": username, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_mistyped_account_settings_fail_the_start_up_check(settings):
    from alliance.conf import check_settings

    assert check_settings() == []
    settings.ALLIANCE_MEMBERS_ACCOUNT_ACTIVATION_DAYS = 0
    settings.ALLIANCE_MEMBERS_APPLY_RATE = "five an hour"
    assert [error.id for error in check_settings()] == ["alliance.E001", "alliance.E001"]


@pytest.mark.parametrize(
    "name",
    ["members:account_activation_request", "members:account_activation_sent", "members:apply_received"],
)
@pytest.mark.parametrize("role", [None, "member_user", "secretariat_user"])
def test_the_public_account_pages_answer_everyone(request, client, name, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name)).status_code == 200
