"""Mail backends for the outbox tests: one that refuses every message."""

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers every message with a permanent refusal."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("550 mail server refuses the message")
