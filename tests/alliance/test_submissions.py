"""Safe retries (issue 10 §3): a form that records money or sends mail carries a one-time key;
sending the same key again records nothing new and shows the first result."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from alliance.models import SubmissionKey
from alliance.submissions import ALREADY_SUBMITTED, FIELD_NAME
from dues.models import ArrearsPublication, InvoiceLine, Payment, Receipt
from dues.services import invoice_issue
from meetings.models import MeetingStatus, MeetingStatusChange
from members.models import ApplicationDecision, ApplicationStatus, Member
from members.services import document_review
from tests.dues.factories import make_resolution, make_schedule
from tests.factories import UserFactory
from tests.meetings.factories import make_meeting
from tests.members.factories import LiaisonOfficeFactory, MemberFactory
from tests.members.helpers import preliminarily_approved

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2026, 3, 1, 2, tzinfo=datetime.UTC)


def key():
    return uuid.uuid4().hex


@pytest.fixture
def invoice(treasurer_user):
    with time_machine.travel(MARCH, tick=False):
        make_schedule(2024)
        yield invoice_issue(
            member=MemberFactory(joined_on=datetime.date(2025, 3, 1)), year=2026, by=treasurer_user
        )


def _pay(client, invoice, submission_key, amount="250.00"):
    return client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": amount, "received_on": "2026-03-01", "method": "cash", FIELD_NAME: submission_key},
    )


def test_the_payment_form_carries_a_fresh_key(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    with time_machine.travel(MARCH, tick=False):
        first = client.get(reverse("dues:invoice_detail", args=[invoice.pk])).content.decode()
        second = client.get(reverse("dues:invoice_detail", args=[invoice.pk])).content.decode()
    marker = f'name="{FIELD_NAME}" value="'
    keys = [html.split(marker)[1][:32] for html in (first, second)]
    assert keys[0] != keys[1] and all(uuid.UUID(k) for k in keys)


def test_the_same_payment_key_twice_records_one_payment_and_shows_the_first_result(
    client, treasurer_user, invoice
):
    client.force_login(treasurer_user)
    submission_key = key()
    with time_machine.travel(MARCH, tick=False):
        first = _pay(client, invoice, submission_key)
        second = _pay(client, invoice, submission_key)
        shown = client.get(second["Location"]).content.decode()
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("dues:invoice_detail", args=[invoice.pk])
    assert Payment.objects.count() == 1 and Receipt.objects.count() == 1
    assert str(ALREADY_SUBMITTED) in shown and Receipt.objects.get().number in shown


def test_a_double_click_that_would_now_overpay_still_shows_the_first_result(client, treasurer_user, invoice):
    """Paying the whole balance twice: the second is a replay, not an "above the balance" error."""
    client.force_login(treasurer_user)
    submission_key = key()
    with time_machine.travel(MARCH, tick=False):
        _pay(client, invoice, submission_key, amount="1000.00")
        second = _pay(client, invoice, submission_key, amount="1000.00")
    assert second.status_code == 302 and Payment.objects.count() == 1


def test_a_refused_submission_leaves_its_key_for_the_corrected_form(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    submission_key = key()
    with time_machine.travel(MARCH, tick=False):
        assert _pay(client, invoice, submission_key, amount="1,00").status_code == 200
        assert _pay(client, invoice, submission_key, amount="5000").status_code == 200  # above the balance
        assert not SubmissionKey.objects.exists()
        assert _pay(client, invoice, submission_key, amount="100.00").status_code == 302
    assert Payment.objects.get().amount == 100


def test_a_key_is_the_user_s_own(client, treasurer_user, invoice):
    other = UserFactory(username="treasurer2", roles=["Treasurer"])
    submission_key = key()
    with time_machine.travel(MARCH, tick=False):
        client.force_login(treasurer_user)
        _pay(client, invoice, submission_key)
        client.force_login(other)
        response = _pay(client, invoice, submission_key)
    assert response.status_code == 400 and Payment.objects.count() == 1


def test_a_malformed_key_is_refused(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    with time_machine.travel(MARCH, tick=False):
        response = _pay(client, invoice, "not-a-key")
    assert response.status_code == 400 and not Payment.objects.exists()


def test_a_replayed_waiver_records_nothing_new(client, treasurer_user, invoice):
    resolution = make_resolution(treasurer_user)
    client.force_login(treasurer_user)
    data = {"amount": "100", "reason": "flood", "resolution": resolution.pk, FIELD_NAME: key()}
    url = reverse("dues:invoice_reduce", args=[invoice.pk])
    with time_machine.travel(MARCH, tick=False):
        assert client.post(url, data).status_code == 302
        replay = client.post(url, data, follow=True)
    assert InvoiceLine.objects.filter(amount__lt=0).count() == 1
    assert str(ALREADY_SUBMITTED) in replay.content.decode()


def test_a_replayed_arrears_publication_publishes_once(client, secretariat_user, invoice):
    data = {FIELD_NAME: key()}
    with time_machine.travel(datetime.datetime(2027, 1, 5, 3, tzinfo=datetime.UTC), tick=False):
        client.force_login(secretariat_user)
        client.post(reverse("dues:arrears_publish"), data)
        replay = client.post(reverse("dues:arrears_publish"), data, follow=True)
    assert ArrearsPublication.objects.count() == 1
    assert str(ALREADY_SUBMITTED) in replay.content.decode()


def test_a_replayed_final_approval_admits_once_and_emails_once(
    client, liaison_user, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    LiaisonOfficeFactory(name="Bangkok Liaison Office", countries=["TH"], officers=[liaison_user])
    application = preliminarily_approved(liaison_user)
    for document in application.documents.all():
        document_review(document=document, reviewer=secretariat_user, review="accepted")
    client.force_login(secretariat_user)
    url = reverse("members:application_decide", args=[application.pk])
    data = {"stage": "final", "decision": "approve", "comment": "", FIELD_NAME: key()}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        replay = client.post(url, data, follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert ApplicationDecision.objects.filter(stage="final").count() == 1 and Member.objects.count() == 1
    assert len(mailoutbox) == sent
    assert str(ALREADY_SUBMITTED) in replay.content.decode()


def test_a_replayed_meeting_notice_is_issued_and_emailed_once(
    client, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, _members = make_meeting(by=secretariat_user, units=3, with_reps=True)
    client.force_login(secretariat_user)
    url = reverse("meetings:notice_issue", args=[meeting.pk])
    data = {"late_reason": "Urgent business", FIELD_NAME: key()}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        replay = client.post(url, data, follow=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTICE_ISSUED and sent
    assert (
        MeetingStatusChange.objects.filter(meeting=meeting, to_status=MeetingStatus.NOTICE_ISSUED).count()
        == 1
    )
    assert len(mailoutbox) == sent
    assert str(ALREADY_SUBMITTED) in replay.content.decode()


def test_keys_past_their_retention_are_pruned_by_beat(settings):
    from alliance.tasks import prune_submission_keys

    settings.ALLIANCE_SUBMISSION_KEY_RETENTION_DAYS = 30
    user = UserFactory()
    with time_machine.travel(MARCH, tick=False):
        old = SubmissionKey.objects.create(key=uuid.uuid4(), user=user, result_url="/")
    with time_machine.travel(MARCH + datetime.timedelta(days=20), tick=False):
        recent = SubmissionKey.objects.create(key=uuid.uuid4(), user=user, result_url="/")
    with time_machine.travel(MARCH + datetime.timedelta(days=31), tick=False):
        assert prune_submission_keys.delay().get() == 1
    assert list(SubmissionKey.objects.all()) == [recent]
    assert not SubmissionKey.objects.filter(pk=old.pk).exists()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "alliance.tasks.prune_submission_keys" in tasks
