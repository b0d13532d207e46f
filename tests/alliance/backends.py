"""Mail backends and servers for the outbox tests: one that refuses every message, and a
local SMTP server that accepts everything and counts its connections."""

from contextlib import contextmanager

from aiosmtpd.controller import Controller
from django.core.mail.backends.base import BaseEmailBackend

from tests.live import free_port


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers every message with a permanent refusal."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("550 mail server refuses the message")


class Sink:
    """An SMTP server's handler: accepts every message, counts the sessions (one EHLO each)."""

    def __init__(self):
        self.sessions = 0
        self.received = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


@contextmanager
def smtp_sink(settings):
    """Run a local SMTP server on a free port and point Django's SMTP backend at it."""
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield handler
    finally:
        controller.stop()
