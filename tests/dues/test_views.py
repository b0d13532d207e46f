"""Who reaches each dues page: 200 for the roles that may, 403 for other signed-in users,
the login page for anonymous visitors, 404 for an object outside the user's scope."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from dues.errors import AMOUNT_TOO_PRECISE, PAYMENT_IN_FUTURE
from dues.models import ArrearsPublication, Invoice, Payment
from dues.services import invoice_issue, payment_record

pytestmark = pytest.mark.django_db

USERS = ["admin_user", "secretariat_user", "liaison_user", "treasurer_user", "member_user", "plain_user"]
FINANCE_READ = {"admin_user", "secretariat_user", "treasurer_user"}
FINANCE_WRITE = {"admin_user", "treasurer_user"}


@pytest.fixture
def paid(invoice, treasurer_user):
    return payment_record(
        invoice=invoice,
        amount=Decimal("100"),
        received_on=datetime.date(2026, 3, 1),
        method="cash",
        by=treasurer_user,
    )


def url_for(name, invoice, paid, schedule):
    args = {
        "invoice_detail": [invoice.pk],
        "invoice_pdf": [invoice.pk],
        "receipt_pdf": [paid.receipt.pk],
        "schedule_edit": [schedule.pk],
        "report_export": [2026, "csv"],
        "arrears_export": ["xlsx"],
        "invoice_export": ["csv"],
        "payment_export": ["xlsx"],
        "receipt_export": ["csv"],
        "reminder_export": ["xlsx"],
        "report_pdf": [2026],
    }.get(name, [])
    return reverse(f"dues:{name}", args=args)


READ_PAGES = [
    "invoice_list",
    "invoice_detail",
    "payment_list",
    "reminder_list",
    "schedule_list",
    "arrears",
    "arrears_export",
    "invoice_export",
    "payment_export",
    "receipt_export",
    "reminder_export",
    "report",
    "report_export",
    "report_pdf",
]
WRITE_FORMS = ["invoice_issue", "schedule_create", "schedule_edit"]


@pytest.mark.parametrize("name", READ_PAGES + WRITE_FORMS)
@pytest.mark.parametrize("who", USERS)
def test_staff_pages(request, client, who, name, paid, invoice, schedule):
    user = request.getfixturevalue(who)
    client.force_login(user)
    allowed = FINANCE_WRITE if name in WRITE_FORMS else FINANCE_READ
    response = client.get(url_for(name, invoice, paid, schedule))
    assert response.status_code == (200 if who in allowed else 403)


@pytest.mark.parametrize("name", READ_PAGES + WRITE_FORMS + ["my_dues", "invoice_pdf", "receipt_pdf"])
def test_anonymous_goes_to_login(client, name, paid, invoice, schedule):
    response = client.get(url_for(name, invoice, paid, schedule))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


POST_ACTIONS = {
    "payment_create": {"amount": "1", "received_on": "2026-03-01", "method": "cash"},
    "invoice_reduce": {"amount": "1", "reason": "r", "resolution": "1"},
    "invoice_void": {"reason": "r"},
    "invoice_apply_tier": {},
}


@pytest.mark.parametrize("name", list(POST_ACTIONS))
@pytest.mark.parametrize("who", ["secretariat_user", "liaison_user", "member_user", "plain_user"])
def test_write_actions_refused_without_treasurer_role(request, client, who, name, invoice):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse(f"dues:{name}", args=[invoice.pk]), POST_ACTIONS[name])
    assert response.status_code == 403
    assert invoice.lines.count() == 1 and not Payment.objects.exists()


@pytest.mark.parametrize("name", list(POST_ACTIONS))
def test_write_actions_are_post_only(client, treasurer_user, name, invoice):
    client.force_login(treasurer_user)
    assert client.get(reverse(f"dues:{name}", args=[invoice.pk])).status_code == 405


def test_treasurer_records_a_payment(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]),
        {"amount": "250.00", "received_on": "2026-03-01", "method": "bank_transfer"},
    )
    assert response.status_code == 302
    assert Payment.objects.get().receipt.number == "R-2026-00001"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "10.001", "received_on": "2026-03-01"}, str(AMOUNT_TOO_PRECISE)),
        ({"amount": "10", "received_on": "2026-03-02"}, str(PAYMENT_IN_FUTURE)),
        ({"amount": "-10", "received_on": "2026-03-01"}, "greater than zero"),
        ({"amount": "5000", "received_on": "2026-03-01"}, "larger than the outstanding"),
        ({"amount": "ten", "received_on": "2026-03-01"}, "Enter an amount"),
    ],
)
def test_bad_payment_input_shows_a_message_and_changes_nothing(
    client, treasurer_user, invoice, data, message
):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:payment_create", args=[invoice.pk]), {"method": "cash", **data}, follow=True
    )
    assert message in response.content.decode()
    assert not Payment.objects.exists()


def test_issue_form_refuses_inactive_member(client, treasurer_user, schedule, frozen):
    from tests.members.factories import MemberFactory

    member = MemberFactory(status="withdrawn")
    client.force_login(treasurer_user)
    response = client.post(reverse("dues:invoice_issue"), {"member": member.pk, "year": 2026})
    assert response.status_code == 200 and "is not an active member" in response.content.decode()
    assert not Invoice.objects.exists()


def test_member_portal_shows_only_its_own(
    client, member_user, own_member, invoice, schedule, treasurer_user, frozen
):
    own_invoice = invoice_issue(member=own_member, year=2026, by=treasurer_user)
    client.force_login(member_user)
    response = client.get(reverse("dues:my_dues"))
    body = response.content.decode()
    assert response.status_code == 200
    assert own_invoice.number in body and invoice.number not in body
    assert client.get(reverse("dues:invoice_pdf", args=[own_invoice.pk])).status_code == 200
    assert client.get(reverse("dues:invoice_pdf", args=[invoice.pk])).status_code == 404


def test_member_cannot_download_another_members_receipt(client, member_user, own_member, paid):
    client.force_login(member_user)
    assert client.get(reverse("dues:receipt_pdf", args=[paid.receipt.pk])).status_code == 404


@pytest.mark.parametrize("who", ["secretariat_user", "treasurer_user", "liaison_user", "plain_user"])
def test_portal_is_for_members(request, client, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("dues:my_dues")).status_code == (200 if who == "admin_user" else 403)


def test_public_arrears_list_shows_names_and_years_without_amounts(client, secretariat_user, invoice):
    import time_machine

    with time_machine.travel(datetime.datetime(2027, 1, 5, 3, tzinfo=datetime.UTC), tick=False):
        client.force_login(secretariat_user)
        assert client.post(reverse("dues:arrears_publish")).status_code == 302
    client.logout()
    body = client.get(reverse("dues:arrears_public")).content.decode()
    assert invoice.member.name in body and "2026" in body and "1,000.00" not in body
    assert ArrearsPublication.objects.get().entries[0]["years"] == [2026]


@pytest.mark.parametrize("who", ["liaison_user", "member_user", "plain_user"])
def test_publishing_arrears_is_refused_to_others(request, client, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("dues:arrears_publish")).status_code == 403
    assert not ArrearsPublication.objects.exists()


def test_invoice_list_query_count_does_not_grow(
    client, treasurer_user, schedule, frozen, django_assert_max_num_queries
):
    from dues.services import invoices_issue_annual
    from tests.members.factories import MemberFactory

    MemberFactory.create_batch(60)
    invoices_issue_annual(year=2026)
    client.force_login(treasurer_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dues:invoice_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dues:report") + "?year=2026").status_code == 200


def test_dashboard_and_member_file_sections(rf, treasurer_user, invoice):
    from alliance.sections import render_sections
    from members.extensions import member_file
    from secretariat.dashboard import DASHBOARD

    request = rf.get("/")
    request.user = treasurer_user
    keys = [s["section"].key for s in render_sections(request, DASHBOARD)]
    assert "dues-collection" in keys
    sections = render_sections(request, member_file(), member=invoice.member)
    dues = next(s for s in sections if s["section"].key == "dues-history")
    assert dues["dues"]["invoices"][0].number == invoice.number


@pytest.mark.parametrize("who", ["secretariat_user", "liaison_user", "member_user", "plain_user"])
def test_annual_invoicing_and_reversal_refused_without_treasurer_role(request, client, who, paid):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("dues:invoices_issue_annual"), {"year": 2027}).status_code == 403
    assert client.post(reverse("dues:payment_reverse", args=[paid.pk]), {"reason": "x"}).status_code == 403
    paid.refresh_from_db()
    assert paid.reversed_at is None and not Invoice.objects.filter(year=2027).exists()


def test_treasurer_reverses_a_payment(client, treasurer_user, paid):
    client.force_login(treasurer_user)
    assert (
        client.post(reverse("dues:payment_reverse", args=[paid.pk]), {"reason": "wrong invoice"}).status_code
        == 302
    )
    paid.refresh_from_db()
    assert paid.reversed_by == treasurer_user


def test_public_arrears_page_is_public(client):
    assert client.get(reverse("dues:arrears_public")).status_code == 200


def test_dashboard_section_draws_an_svg_bar(client, treasurer_user, invoice):
    client.force_login(treasurer_user)
    body = client.get(reverse("dashboard")).content.decode()
    assert "section-dues-collection" in body and "<svg" in body
