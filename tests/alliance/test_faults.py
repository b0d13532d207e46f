"""Issue 10 §7, fault tests: the broker and the mail server fail, nothing is lost or doubled.

The broker test starts its own ``redis-server`` on a free port (never the machine's
6379), points Celery at it without eager mode, stops it while a payment and an
approval are recorded through the web pages, starts it again and lets a real
Celery worker deliver the outbox. The mail server test runs a tiny SMTP server
(aiosmtpd) on a free port that refuses every recipient, then accepts.
"""

import collections
import datetime
import time
from decimal import Decimal

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from alliance import queue
from alliance.celery import app as celery_app
from alliance.models import EmailKind, OutgoingEmail
from alliance.outbox import deliver_due
from alliance.tasks import deliver_outbox
from dues.models import Payment, Receipt
from dues.services import invoice_issue
from members.models import ApplicationStatus, Certificate, Member
from tests.dues.factories import make_schedule
from tests.live import RedisServer, free_port
from tests.members.factories import LiaisonOfficeFactory, MemberFactory, RepresentativeFactory
from tests.members.helpers import preliminarily_approved


def _reset_broker_connections():
    # Celery caches its connection and producer pools for the broker it first used.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_broker(settings):
    port = free_port()
    assert port != 6379
    server = RedisServer(port)
    server.start()
    saved = {
        key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "broker_transport_options")
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.update(
        broker_url=f"redis://127.0.0.1:{port}/0", task_always_eager=False, broker_transport_options={}
    )
    _reset_broker_connections()
    yield server
    if server.process.poll() is None:
        server.stop()
    celery_app.conf.update(saved)
    _reset_broker_connections()
    # The outage made this process skip the broker for a while; the next tests have one.
    queue._broker_down_until = 0.0


@pytest.fixture
def unpaid_invoice(treasurer_user):
    make_schedule(2024)
    member = MemberFactory(name="Outage Co.")
    RepresentativeFactory(member=member, email="rep@outage.example")
    return invoice_issue(member=member, year=timezone.localdate().year, by=treasurer_user)


def _wait_until_delivered(count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Email.objects.filter(status=STATUS.sent).count() >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"only {Email.objects.filter(status=STATUS.sent).count()} of {count} delivered")


@pytest.mark.django_db(transaction=True)
def test_broker_outage_loses_nothing_and_doubles_nothing(
    client, redis_broker, unpaid_invoice, treasurer_user, liaison_user, secretariat_user, mailoutbox
):
    from celery.contrib.testing.worker import start_worker

    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])
    application = preliminarily_approved(liaison_user)
    deliver_due()  # the emails of the application's earlier steps
    mailoutbox.clear()
    before = set(OutgoingEmail.objects.values_list("pk", flat=True))

    redis_broker.stop()

    client.force_login(treasurer_user)
    data = {"amount": "100.00", "received_on": timezone.localdate().isoformat(), "method": "bank_transfer"}
    response = client.post(reverse("dues:payment_create", args=[unpaid_invoice.pk]), data)
    assert response.status_code == 302
    assert "the receipt email is queued" in client.get(response["Location"]).content.decode()
    client.force_login(secretariat_user)
    response = client.post(
        reverse("members:application_decide", args=[application.pk]),
        {"stage": "final", "decision": "approve", "comment": ""},
    )
    assert response.status_code == 302
    assert "The email to the applicant is queued" in client.get(response["Location"]).content.decode()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and Member.objects.filter(
        pk=application.member_id
    )
    assert Payment.objects.filter(invoice=unpaid_invoice).count() == 1
    # The certificate and letter task never reached a worker: both render on first download.
    certificate = Certificate.objects.get(member_id=application.member_id)
    assert not certificate.file and not certificate.letter_file
    for view in ("members:certificate_download", "members:letter_download"):
        download = client.get(reverse(view, args=[application.member_id, certificate.pk]))
        assert download.status_code == 200 and download.getvalue().startswith(b"%PDF")
    new = OutgoingEmail.objects.exclude(pk__in=before)
    assert set(new.values_list("kind", flat=True)) == {
        EmailKind.RECEIPT,
        EmailKind.DECISION,
        EmailKind.ADMISSION,
        EmailKind.ACTIVATION,
    }
    assert set(new.values_list("email__status", flat=True)) == {STATUS.queued}
    assert mailoutbox == []

    redis_broker.start()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        # What beat's sweep does every minute, twice, as if a second push raced it.
        deliver_outbox.delay()
        deliver_outbox.delay()
        _wait_until_delivered(new.count())
        time.sleep(0.5)
    ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert len(ids) == new.count() and collections.Counter(ids).most_common(1)[0][1] == 1
    assert {tuple(message.to) for message in mail.outbox} >= {("rep@outage.example",)}


class Refusing:
    """An SMTP server that refuses every recipient until told to accept."""

    def __init__(self):
        self.refuse = True
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.7.1 Mailbox unavailable, refused"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


@pytest.mark.django_db
def test_refusing_mail_server_marks_the_message_failed_retries_it_and_rolls_nothing_back(
    client, smtp_server, unpaid_invoice, treasurer_user, django_capture_on_commit_callbacks
):
    client.force_login(treasurer_user)
    data = {"amount": "100.00", "received_on": timezone.localdate().isoformat(), "method": "bank_transfer"}
    start = timezone.now()
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        # Eager Celery: the after-commit push delivers within the request, and fails.
        response = client.post(reverse("dues:payment_create", args=[unpaid_invoice.pk]), data)
    assert response.status_code == 302
    payment = Payment.objects.get(invoice=unpaid_invoice)
    assert payment.amount == Decimal("100.00") and Receipt.objects.filter(payment=payment).exists()
    row = OutgoingEmail.objects.select_related("email").get(kind=EmailKind.RECEIPT)
    assert row.email.status == STATUS.requeued and row.attempts == 1
    assert "550" in row.last_error and "refused" in row.last_error
    assert Log.objects.get(email=row.email, status=STATUS.failed).message
    assert smtp_server.received == []

    smtp_server.refuse = False
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert deliver_due().sent == 0  # not due yet: the backoff holds
    with time_machine.travel(row.next_attempt_at + datetime.timedelta(seconds=1), tick=False):
        assert deliver_due().sent == 1
        assert deliver_due().sent == 0
    assert len(smtp_server.received) == 1 and smtp_server.received[0].rcpt_tos == ["rep@outage.example"]
    row.refresh_from_db()
    assert row.sent_at and row.attempts == 2


@pytest.mark.django_db
def test_unreachable_mail_server_is_recorded_and_the_payment_stands(
    client, settings, unpaid_invoice, treasurer_user
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens there
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    client.force_login(treasurer_user)
    data = {"amount": "50.00", "received_on": timezone.localdate().isoformat(), "method": "cash"}
    response = client.post(reverse("dues:payment_create", args=[unpaid_invoice.pk]), data)
    assert response.status_code == 302
    deliver_due()
    row = OutgoingEmail.objects.select_related("email").get(kind=EmailKind.RECEIPT)
    assert row.email.status == STATUS.requeued and "ConnectionRefusedError" in row.last_error
    assert Payment.objects.filter(invoice=unpaid_invoice).count() == 1
