"""The "Outgoing email" pages: staff see and resend mail; nobody else sees anyone's mail."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from post_office.models import STATUS

from alliance import emails, outbox
from alliance.models import EmailKind, OutgoingEmail
from dues.services import invoice_issue, payment_record
from tests.dues.factories import make_schedule
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_mail(treasurer_user):
    make_schedule(2024)
    member = MemberFactory(name="Mailed Co.")
    RepresentativeFactory(member=member, email="rep@mailed.example", user__roles=["Member"])
    today = datetime.date.today()
    invoice = invoice_issue(member=member, year=today.year, by=treasurer_user)
    payment_record(
        invoice=invoice, amount=Decimal("10.00"), received_on=today, method="cash", by=treasurer_user
    )
    return member, invoice


@pytest.fixture
def failed_row(settings, member_with_mail):
    settings.EMAIL_BACKEND = "tests.alliance.backends.RefusingBackend"
    settings.ALLIANCE_OUTBOX_MAX_ATTEMPTS = 1
    outbox.deliver_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return OutgoingEmail.objects.select_related("email").get(kind=EmailKind.RECEIPT)


@pytest.mark.parametrize("who", ["secretariat_user", "treasurer_user", "admin_user"])
def test_staff_see_the_outgoing_email_page(client, request, who, member_with_mail):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("outbox:list"))
    assert response.status_code == 200
    assert b"rep@mailed.example" in response.content
    row = OutgoingEmail.objects.get(kind=EmailKind.RECEIPT)
    detail = client.get(reverse("outbox:detail", args=[row.pk]))
    assert detail.status_code == 200
    invoice = member_with_mail[1]
    assert reverse("dues:invoice_detail", args=[invoice.pk]).encode() in detail.content


@pytest.mark.parametrize("who", ["member_user", "liaison_user"])
def test_others_are_refused_every_outbox_page(client, request, who, member_with_mail):
    client.force_login(request.getfixturevalue(who))
    row = OutgoingEmail.objects.get(kind=EmailKind.RECEIPT)
    assert client.get(reverse("outbox:list")).status_code == 403
    assert client.get(reverse("outbox:detail", args=[row.pk])).status_code == 403
    assert client.post(reverse("outbox:resend", args=[row.pk])).status_code == 403
    assert client.post(reverse("outbox:resend_failed")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, member_with_mail):
    response = client.get(reverse("outbox:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_resending_is_a_post(client, secretariat_user, member_with_mail):
    client.force_login(secretariat_user)
    row = OutgoingEmail.objects.get(kind=EmailKind.RECEIPT)
    assert client.get(reverse("outbox:resend", args=[row.pk])).status_code == 405
    assert client.get(reverse("outbox:resend_failed")).status_code == 405


def test_filters_by_status_kind_and_date(client, secretariat_user, failed_row):
    emails.queue(
        "members/emails/admission", ["new@example.org"], kind=EmailKind.ADMISSION, member=MemberFactory()
    )
    client.force_login(secretariat_user)
    url = reverse("outbox:list")
    failed = client.get(url, {"status": "failed"}).content
    assert b"rep@mailed.example" in failed and b"new@example.org" not in failed
    assert b"550 mail server refuses" in failed
    queued = client.get(url, {"status": "queued", "kind": "admission"}).content
    assert b"new@example.org" in queued and b"rep@mailed.example" not in queued
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert b"new@example.org" not in client.get(url, {"queued_from": tomorrow}).content
    assert client.get(url, {"status": "nonsense", "queued_from": "not-a-date"}).status_code == 200


def test_resend_one_records_who_and_delivers(client, secretariat_user, failed_row, mailoutbox):
    client.force_login(secretariat_user)
    with_callbacks = client.post(reverse("outbox:resend", args=[failed_row.pk]), follow=True)
    assert "queued again" in with_callbacks.content.decode()
    failed_row.refresh_from_db()
    assert failed_row.resent_by == secretariat_user and failed_row.resend_count == 1
    outbox.deliver_due()
    failed_row.email.refresh_from_db()
    assert failed_row.email.status == STATUS.sent and len(mailoutbox) == 1
    assert mailoutbox[0].attachments[0][0].endswith(".pdf")


def test_resend_all_failed(client, treasurer_user, failed_row):
    client.force_login(treasurer_user)
    response = client.post(reverse("outbox:resend_failed"), follow=True)
    assert "1 failed email is queued again" in response.content.decode()
    failed_row.refresh_from_db()
    assert failed_row.resent_by == treasurer_user and failed_row.next_attempt_at is not None


def test_member_file_lists_the_mail_about_the_member_for_staff_only(
    client, secretariat_user, member_with_mail
):
    member, _invoice = member_with_mail
    client.force_login(secretariat_user)
    page = client.get(reverse("members:member_detail", args=[member.pk])).content.decode()
    assert "Emails sent" in page and "rep@mailed.example" in page


def test_a_member_does_not_see_the_mail_section_of_its_own_file(client, member_with_mail):
    member, invoice = member_with_mail
    client.force_login(member.representatives.get().user)
    page = client.get(reverse("members:my_membership"), follow=True)
    assert page.status_code == 200 and "Mailed Co." in page.content.decode()
    assert "Emails sent" not in page.content.decode() and "/outbox/" not in page.content.decode()
    assert client.get(reverse("dues:invoice_detail", args=[invoice.pk])).status_code == 403


def test_invoice_lists_the_mail_about_it_for_the_treasurer(client, treasurer_user, member_with_mail):
    _member, invoice = member_with_mail
    client.force_login(treasurer_user)
    page = client.get(reverse("dues:invoice_detail", args=[invoice.pk])).content.decode()
    assert "Emails about this invoice" in page and "rep@mailed.example" in page


def test_the_admins_resend_link_sends_nothing_on_a_get(client, admin_user, failed_row, mailoutbox):
    """post_office's admin resends on a GET; ours answers 405 and sends nothing."""
    client.force_login(admin_user)
    email = failed_row.email
    response = client.get(reverse("admin:resend", args=[email.pk]))
    assert response.status_code == 405
    email.refresh_from_db()
    assert email.status == STATUS.failed and email.logs.count() == 1 and not mailoutbox


def test_resending_one_again_with_the_same_key_resends_nothing_new(client, secretariat_user, failed_row):
    from alliance.submissions import ALREADY_SUBMITTED, FIELD_NAME, new_key

    client.force_login(secretariat_user)
    url = reverse("outbox:resend", args=[failed_row.pk])
    page = client.get(reverse("outbox:detail", args=[failed_row.pk])).content.decode()
    assert f'name="{FIELD_NAME}"' in page
    key = new_key()
    client.post(url, {FIELD_NAME: key})
    again = client.post(url, {FIELD_NAME: key}, follow=True)
    assert str(ALREADY_SUBMITTED) in again.content.decode()
    failed_row.refresh_from_db()
    assert failed_row.resend_count == 1


def test_resending_all_failed_again_with_the_same_key_resends_nothing_new(
    client, settings, treasurer_user, failed_row
):
    from alliance.submissions import ALREADY_SUBMITTED, FIELD_NAME, new_key

    client.force_login(treasurer_user)
    assert f'name="{FIELD_NAME}"' in client.get(reverse("outbox:list")).content.decode()
    key = new_key()
    client.post(reverse("outbox:resend_failed"), {FIELD_NAME: key})
    # It fails again; the same form sent once more (back and resubmit) must not requeue it.
    settings.EMAIL_BACKEND = "tests.alliance.backends.RefusingBackend"
    outbox.deliver_due()
    again = client.post(reverse("outbox:resend_failed"), {FIELD_NAME: key}, follow=True)
    assert str(ALREADY_SUBMITTED) in again.content.decode()
    failed_row.refresh_from_db()
    assert failed_row.resend_count == 1 and failed_row.next_attempt_at is None
