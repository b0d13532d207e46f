"""Safe retries of document circulation (issue 10 §3): a replayed key circulates nothing again."""

import uuid

import pytest
from django.urls import reverse

from alliance.submissions import ALREADY_SUBMITTED, FIELD_NAME
from secretariat.models import DocumentRecipient
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_a_replayed_circulation_adds_and_emails_nobody_again(
    make_document, clerk, client, mailoutbox, django_capture_on_commit_callbacks
):
    document = make_document("issued", audience="members")
    representatives = [RepresentativeFactory(member=MemberFactory(country="TH")) for _ in range(2)]
    client.force_login(clerk)
    url = reverse("secretariat:document_circulate", args=[document.pk])
    data = {"scope": "country", "country": "TH", FIELD_NAME: uuid.uuid4().hex}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    recipients, sent = DocumentRecipient.objects.count(), len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        replay = client.post(url, data, follow=True)
    assert recipients >= len(representatives) and sent
    assert (DocumentRecipient.objects.count(), len(mailoutbox)) == (recipients, sent)
    assert str(ALREADY_SUBMITTED) in replay.content.decode()
