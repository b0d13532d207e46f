"""Waivers cite a passed GA resolution; the arrears page proposes expulsion through meetings."""

import datetime

import pytest
from django.urls import reverse

from dues.errors import WAIVER_RESOLUTION_NOT_GA, DuesError
from dues.models import InvoiceLine
from dues.services import invoice_reduce
from meetings.models import Resolution, ResolutionKind, ResolutionStatus
from tests.dues.factories import make_resolution

pytestmark = pytest.mark.django_db


def test_waiver_links_a_passed_ga_resolution(invoice, treasurer_user):
    resolution = make_resolution(treasurer_user)
    line = invoice_reduce(invoice=invoice, reason="flood", resolution=resolution, by=treasurer_user)
    assert line.resolution == resolution
    assert line.description.endswith("(GA-2026-01)")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"code": "CM", "number": "CM-2026-01"},
        {"status": ResolutionStatus.REJECTED},
        {"kind": ResolutionKind.ORDINARY},
    ],
)
def test_waiver_refuses_other_resolutions(invoice, treasurer_user, kwargs):
    resolution = make_resolution(treasurer_user, **kwargs)
    with pytest.raises(DuesError) as error:
        invoice_reduce(invoice=invoice, reason="flood", resolution=resolution, by=treasurer_user)
    assert str(error.value) == str(WAIVER_RESOLUTION_NOT_GA % {"number": resolution.number})
    assert not InvoiceLine.objects.filter(amount__lt=0).exists()


def test_secretariat_proposes_expulsion_of_a_member_in_arrears(client, secretariat_user, invoice):
    import time_machine

    with time_machine.travel(datetime.datetime(2027, 1, 5, 3, tzinfo=datetime.UTC), tick=False):
        meeting = make_resolution(secretariat_user).meeting
        client.force_login(secretariat_user)
        response = client.post(
            reverse("dues:arrears_propose_expulsion", args=[invoice.member_id]),
            {"meeting": meeting.pk, "reason": "Dues unpaid for 2026"},
        )
    assert response.status_code == 302
    proposal = Resolution.objects.get(kind=ResolutionKind.EXPULSION)
    assert (proposal.subject_member, proposal.meeting) == (invoice.member, meeting)


def test_expulsion_proposal_refused_to_the_treasurer_and_for_members_not_in_arrears(
    client, treasurer_user, secretariat_user, invoice
):
    meeting = make_resolution(secretariat_user).meeting
    client.force_login(treasurer_user)
    url = reverse("dues:arrears_propose_expulsion", args=[invoice.member_id])
    assert client.post(url, {"meeting": meeting.pk, "reason": "x"}).status_code == 403
    client.force_login(secretariat_user)
    client.post(url, {"meeting": meeting.pk, "reason": "x"})  # 1 March 2026: not overdue yet
    assert not Resolution.objects.filter(kind=ResolutionKind.EXPULSION).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"resolution_reference": "GA-2099-99"},  # the free text of before: names nothing
        {"resolution": "999999"},  # no such resolution
        {},
    ],
)
def test_a_waiver_without_a_real_passed_resolution_is_refused_by_the_page(
    client, invoice, treasurer_user, data
):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:invoice_reduce", args=[invoice.pk]), {"reason": "flood", "amount": "", **data}
    )
    assert response.status_code == 200
    assert not InvoiceLine.objects.filter(amount__lt=0).exists()
    assert "resolution_reference" not in response.content.decode()


@pytest.mark.parametrize("kwargs", [{"status": ResolutionStatus.REJECTED}, {"code": "CM", "number": "CM-1"}])
def test_a_waiver_citing_a_resolution_that_did_not_pass_in_the_ga_is_refused_by_the_page(
    client, invoice, treasurer_user, kwargs
):
    resolution = make_resolution(treasurer_user, **kwargs)
    client.force_login(treasurer_user)
    client.post(
        reverse("dues:invoice_reduce", args=[invoice.pk]), {"reason": "flood", "resolution": resolution.pk}
    )
    assert not InvoiceLine.objects.filter(amount__lt=0).exists()


def test_a_waiver_citing_the_passed_ga_resolution_links_it(client, invoice, treasurer_user):
    resolution = make_resolution(treasurer_user)
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:invoice_reduce", args=[invoice.pk]), {"reason": "flood", "resolution": resolution.pk}
    )
    assert response.status_code == 302
    line = InvoiceLine.objects.get(amount__lt=0)
    assert line.resolution == resolution
