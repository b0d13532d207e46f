"""The outbox: queued in the transaction, delivered once after commit, retried with backoff."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from alliance import emails, outbox
from alliance.models import EmailKind, OutgoingEmail
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "Co"'


def _queue_admission(member, to=("rep@example.org",), **kwargs):
    return emails.queue(
        "members/emails/admission", list(to), kind=EmailKind.ADMISSION, about=member, member=member, **kwargs
    )


def test_email_is_written_in_the_transaction_and_not_for_a_rollback():
    member = MemberFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue_admission(member)
        assert Email.objects.count() == 1
        raise RuntimeError("the change fails")
    assert Email.objects.count() == 0 and OutgoingEmail.objects.count() == 0


def test_queued_email_is_delivered_once_whatever_the_number_of_runs(mailoutbox):
    member = MemberFactory()
    rows = _queue_admission(member) + _queue_admission(member, to=["deputy@example.org"])
    assert [r.email.status for r in rows] == [STATUS.queued, STATUS.queued]
    assert outbox.deliver_due().sent == 2
    assert outbox.deliver_due().sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["deputy@example.org", "rep@example.org"]
    row = OutgoingEmail.objects.select_related("email").get(pk=rows[0].pk)
    assert row.email.status == STATUS.sent and row.sent_at and row.attempts == 1
    assert row.email.subject == f"Welcome to the alliance — member {member.number}"
    assert Log.objects.filter(email=row.email, status=STATUS.sent).count() == 1


def test_plain_text_part_is_not_html_escaped_and_the_html_part_is(mailoutbox):
    # Issue 9 item 11: the text part showed &lt;script&gt; and &quot;.
    member = MemberFactory(name=HOSTILE)
    _queue_admission(member)
    outbox.deliver_due()
    message = mailoutbox[0]
    assert HOSTILE in message.body and "&lt;" not in message.body and "&quot;" not in message.body
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html


def test_every_message_carries_the_one_sign_off(mailoutbox):
    _queue_admission(MemberFactory())
    outbox.deliver_due()
    assert mailoutbox[0].body.rstrip().endswith("The alliance secretariat\nhttp://127.0.0.1:8000")


def test_one_message_per_recipient_language(mailoutbox):
    member = MemberFactory()
    rows = _queue_admission(
        member, to=[("zh@example.org", "zh-hans"), "en@example.org", ("b@example.org", "en")]
    )
    assert sorted((r.language, tuple(r.email.to)) for r in rows) == [
        ("en", ("en@example.org", "b@example.org")),
        ("zh-hans", ("zh@example.org",)),
    ]


def test_context_keeps_models_decimals_and_dates():
    member = MemberFactory()
    value = {"m": member, "d": Decimal("12.50"), "on": datetime.date(2027, 12, 20), "xs": [member, 3]}
    dumped = emails.dump_context(value)
    loaded = emails.load_context(dumped, emails.load_objects([dumped]))
    assert loaded == {
        "m": member,
        "d": Decimal("12.50"),
        "on": datetime.date(2027, 12, 20),
        "xs": [member, 3],
    }


def test_context_refuses_what_it_cannot_store():
    with pytest.raises(TypeError):
        emails.dump_context({"x": object()})


def test_refused_message_is_marked_failed_with_the_error_and_retried_with_backoff(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.alliance.backends.RefusingBackend"
    settings.ALLIANCE_OUTBOX_RETRY_SECONDS = 60
    row = _queue_admission(MemberFactory())[0]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert outbox.deliver_due().failed == 1
    row = OutgoingEmail.objects.select_related("email").get(pk=row.pk)
    assert row.email.status == STATUS.requeued and "550 mail server refuses" in row.last_error
    assert row.next_attempt_at == start + datetime.timedelta(seconds=60)
    assert Log.objects.get(email=row.email).exception_type == "ConnectionRefusedError"
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        outbox.deliver_due()
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == start + datetime.timedelta(seconds=61 + 120)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(start + datetime.timedelta(seconds=200), tick=False):
        assert outbox.deliver_due().sent == 1
    assert len(mailoutbox) == 1


def test_message_is_failed_for_good_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.alliance.backends.RefusingBackend"
    settings.ALLIANCE_OUTBOX_MAX_ATTEMPTS = 2
    row = _queue_admission(MemberFactory())[0]
    outbox.deliver_due()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        outbox.deliver_due()
    row = OutgoingEmail.objects.select_related("email").get(pk=row.pk)
    assert row.email.status == STATUS.failed and row.next_attempt_at is None and row.attempts == 2


def test_a_claimed_row_is_not_claimed_again_until_its_lease_expires():
    _queue_admission(MemberFactory())
    first = outbox._claim(10)
    assert len(first) == 1 and outbox._claim(10) == []
    later = timezone.now() + datetime.timedelta(seconds=601)
    with time_machine.travel(later, tick=False):
        # The first worker died holding it: another takes it over.
        assert [r.pk for r in outbox._claim(10)] == [first[0].pk]


def test_a_message_that_cannot_be_rendered_fails_alone(mailoutbox):
    member = MemberFactory()
    broken = emails.queue("members/emails/no_such_template", ["a@example.org"], kind=EmailKind.OTHER)[0]
    _queue_admission(member)
    result = outbox.deliver_due()
    assert (result.sent, result.failed) == (1, 1)
    broken.refresh_from_db()
    assert "TemplateDoesNotExist" in broken.last_error


def test_deferred_attachment_is_built_by_the_worker(mailoutbox):
    emails.attachment_builders["tests.hello"] = lambda *, member: (
        "hello.txt",
        member.name.encode(),
        "text/plain",
    )
    member = MemberFactory(name="Attached Co.")
    _queue_admission(member, attachments=[("tests.hello", {"member": member})])
    outbox.deliver_due()
    assert mailoutbox[0].attachments == [("hello.txt", "Attached Co.", "text/plain")]


def test_higher_priority_is_delivered_first(settings, mailoutbox):
    settings.ALLIANCE_OUTBOX_BATCH_SIZE = 1
    member = MemberFactory()
    _queue_admission(member, to=["low@example.org"], priority="low")
    _queue_admission(member, to=["high@example.org"], priority="high")
    outbox.deliver_due(max_batches=1)
    assert [m.to for m in mailoutbox] == [["high@example.org"]]


def test_resend_queues_again_and_records_who_and_when(secretariat_user, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.alliance.backends.RefusingBackend"
    settings.ALLIANCE_OUTBOX_MAX_ATTEMPTS = 1
    row = _queue_admission(MemberFactory())[0]
    outbox.deliver_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.outbox_resend_failed(by=secretariat_user) == 1
    row.refresh_from_db()
    assert row.resent_by == secretariat_user and row.resent_at and row.resend_count == 1
    outbox.deliver_due()
    assert len(mailoutbox) == 1
    assert outbox.outbox_resend_failed(by=secretariat_user) == 0


def test_each_batch_goes_over_one_smtp_connection(settings):
    from tests.alliance.backends import smtp_sink

    settings.ALLIANCE_OUTBOX_BATCH_SIZE = 2
    for n in range(5):
        _queue_admission(MemberFactory(), to=[f"rep{n}@example.org"])
    with smtp_sink(settings) as server:
        assert outbox.deliver_due().sent == 5
    assert len(server.received) == 5 and server.sessions == 3  # batches of 2, 2 and 1


def test_messages_with_the_same_context_are_rendered_once_per_batch(monkeypatch, mailoutbox):
    member, other = MemberFactory(), MemberFactory()
    for address in ("a@example.org", "b@example.org", "c@example.org"):
        _queue_admission(member, to=[address])  # the same template, language and context
    _queue_admission(other, to=["d@example.org"])
    rendered = []
    render = emails.render
    monkeypatch.setattr(emails, "render", lambda *a, **k: rendered.append(a[0]) or render(*a, **k))
    assert outbox.deliver_due().sent == 4
    assert len(rendered) == 2
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert bodies["a@example.org"] == bodies["c@example.org"] != bodies["d@example.org"]
    assert other.number in bodies["d@example.org"]
