"""One-time links that let a new representative choose the password of their account (issue 9)."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from members import conf


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token under its own salt and with its own lifetime.

    The hash covers the password field (an unusable "!…" value until the holder sets
    one, a new salted hash afterwards) and the last login, so the link works once.
    A salt of its own keeps activation and reset links from standing in for each
    other; the lifetime is ``ALLIANCE_MEMBERS_ACCOUNT_ACTIVATION_DAYS``, not the reset timeout.
    """

    key_salt = "members.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Deactivating the account also kills its outstanding links.
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - timestamp
        return age <= conf.account_activation_days() * 24 * 3600


activation_token_generator = ActivationTokenGenerator()


def activation_url(user) -> str:
    """Absolute address of a fresh one-time link for ``user`` to set their password."""
    path = reverse(
        "members:account_activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path
