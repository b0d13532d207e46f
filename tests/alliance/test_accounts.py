"""Logins (issue 9): reset for accounts never activated, a per-username lockout cap,
and a completed password reset that lifts the lock."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alliance.models import EmailKind, OutgoingEmail
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-password-for-2026"
RESET_LINK = re.compile(r"https?://[^\s\"<]+/accounts/reset/[^\s\"<]+/[^\s\"<]+/")


def _never_activated(email="rep@example.org"):
    user = get_user_model().objects.create(username=email, email=email)
    user.set_unusable_password()
    user.save()
    return user


def _fail_logins(client, username, times, address):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def _log_in(client, username, password=TEST_PASSWORD, address="198.51.100.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _follow_reset_link(client, body, password=NEW_PASSWORD):
    link = urlsplit(RESET_LINK.search(body).group(0)).path
    form_page = client.get(link, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}, follow=True
    )


def test_reset_for_a_never_activated_account_sends_an_email(client, mailoutbox, deliver_outbox):
    user = _never_activated()
    client.post(reverse("password_reset"), {"email": "REP@example.org"})
    deliver_outbox()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    _follow_reset_link(client, mailoutbox[0].body)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_skips_an_inactive_account(client, mailoutbox, deliver_outbox):
    user = _never_activated()
    user.is_active = False
    user.save()
    client.post(reverse("password_reset"), {"email": user.email})
    deliver_outbox()
    assert mailoutbox == [] and not OutgoingEmail.objects.exists()


def test_guesses_from_many_addresses_lock_the_username(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.ALLIANCE_LOGIN_FAILURE_LIMIT_PER_USERNAME = 6
    UserFactory(username="target")
    # Five failures over three addresses: below the per-username cap of 6, and no
    # address reaches its own limit of 3 …
    for n, times in enumerate((2, 2, 1)):
        _fail_logins(client, "target", times, f"203.0.113.{n}")
    assert _log_in(client, "target").status_code == 302
    client.logout()
    # … a successful login forgets them; six spread over three addresses lock the username.
    for n in range(3):
        _fail_logins(client, "target", 2, f"203.0.113.{n + 10}")
    response = _log_in(client, "target", address="198.51.100.99")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_one_address_is_still_locked_at_the_lower_limit(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.ALLIANCE_LOGIN_FAILURE_LIMIT_PER_USERNAME = 6
    UserFactory(username="target")
    _fail_logins(client, "target", 3, "203.0.113.1")
    assert _log_in(client, "target", address="203.0.113.1").status_code == 429
    # Below the per-username cap, the owner can still log in from elsewhere.
    assert _log_in(client, "target", address="198.51.100.7").status_code == 302


def test_username_cap_below_the_limit_locks_fewer_guesses(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.ALLIANCE_LOGIN_FAILURE_LIMIT_PER_USERNAME = 2
    UserFactory(username="target")
    _fail_logins(client, "target", 1, "203.0.113.1")
    _fail_logins(client, "target", 1, "203.0.113.2")
    assert _log_in(client, "target").status_code == 429


def test_a_completed_password_reset_lifts_the_lock(client, settings, mailoutbox, deliver_outbox):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="target", email="target@example.org")
    _fail_logins(client, "target", 3, "127.0.0.1")
    assert _log_in(client, "target", address="127.0.0.1").status_code == 429
    client.post(reverse("password_reset"), {"email": user.email})
    deliver_outbox()
    _follow_reset_link(client, mailoutbox[0].body)
    assert _log_in(client, "target", password=NEW_PASSWORD, address="127.0.0.1").status_code == 302


def test_the_lockout_page_offers_a_password_reset(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    UserFactory(username="target")
    _fail_logins(client, "target", 1, "127.0.0.1")
    page = _log_in(client, "target", address="127.0.0.1").content.decode()
    assert reverse("password_reset") in page
    assert "resetting your password unlocks it" in page


def test_a_mistyped_per_username_limit_fails_the_start_up_check(settings):
    from alliance.conf import check_settings

    assert check_settings() == []
    settings.ALLIANCE_LOGIN_FAILURE_LIMIT_PER_USERNAME = 0
    assert [error.id for error in check_settings()] == ["alliance.E001"]


def test_the_reset_email_is_queued_in_the_request_and_delivered_by_the_worker(
    client, mailoutbox, deliver_outbox, django_capture_on_commit_callbacks, settings
):
    user = UserFactory(username="target", email="target@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    # Written by the request (nothing mailed from it); the worker is asked after commit.
    queued = OutgoingEmail.objects.select_related("email").get()
    assert queued.kind == EmailKind.PASSWORD_RESET and queued.email.to == [user.email]
    assert mailoutbox == [] and len(callbacks) == 1
    assert deliver_outbox().sent == 1
    message = mailoutbox[0]
    link = RESET_LINK.search(message.body).group(0)
    assert link.startswith(settings.SITE_URL) and "The alliance secretariat" in message.body
    assert link in message.alternatives[0][0]
    _follow_reset_link(client, message.body)
    assert _log_in(client, "target", password=NEW_PASSWORD).status_code == 302
