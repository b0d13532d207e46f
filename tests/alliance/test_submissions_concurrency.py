"""The same submission key sent twice at once, for real on PostgreSQL (issue 10 §3)."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance.submissions import FIELD_NAME
from dues.models import Payment, Receipt
from dues.services import invoice_issue
from tests.concurrency import errors, run_concurrently
from tests.dues.factories import make_schedule
from tests.factories import UserFactory
from tests.members.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://...)")


def test_the_same_payment_key_twice_at_once_records_one_payment_and_one_receipt():
    treasurer = UserFactory(username="t-once", roles=["Treasurer"])
    make_schedule(2024)
    today = timezone.localdate()
    invoice = invoice_issue(member=MemberFactory(), year=today.year, by=treasurer)
    url = reverse("dues:payment_create", args=[invoice.pk])
    data = {
        "amount": "100.00",
        "received_on": today.isoformat(),
        "method": "cash",
        FIELD_NAME: uuid.uuid4().hex,
    }
    clients = [Client() for _ in range(2)]
    for client in clients:
        client.force_login(treasurer)
    outcomes = run_concurrently([lambda client=client: client.post(url, data) for client in clients])
    assert errors(outcomes) == []
    responses = [outcome.value for outcome in outcomes]
    assert Payment.objects.count() == 1 and Receipt.objects.count() == 1
    assert [response.status_code for response in responses] == [302, 302]
    assert {response["Location"] for response in responses} == {
        reverse("dues:invoice_detail", args=[invoice.pk])
    }
