"""A fast in-process mail backend for the outbox benchmark: builds each MIME message, keeps a count."""

from django.core.mail.backends.base import BaseEmailBackend

SENT = {"count": 0}


class CountingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            message.message().as_bytes()  # what an SMTP backend serialises, minus the network
        SENT["count"] += len(email_messages)
        return len(email_messages)
