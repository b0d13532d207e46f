"""Every list exports exactly its filtered rows, in its role scope, with formulas neutralised
(issue 9 item 4, issue 14 §4), through the one path of alliance.exports."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from alliance.exports import Column, neutralise, xlsx_workbook
from dues.services import invoice_issue, payment_record
from members.models import ApplicationStatus
from secretariat.models import FlagKind, ParticipationFlag
from tests.dues.factories import make_schedule
from tests.meetings.factories import BodyFactory, make_meeting
from tests.members.factories import LiaisonOfficeFactory, MemberFactory
from tests.members.helpers import submitted_unit
from tests.secretariat.factories import ActivityFactory, DocumentFactory

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows()]


def xlsx_rows(response) -> list[list]:
    return [[cell.value for cell in row] for row in xlsx_cells(response)]


# -- the neutralising rule ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", HOSTILE])
def test_text_that_could_run_is_quoted(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [Decimal("-5.00"), Decimal("20000.00"), -3, 7, datetime.date(2026, 1, 2)])
def test_numbers_and_dates_stay_what_they_are(value):
    assert neutralise(value) == value and type(neutralise(value)) is type(value)


def test_plain_text_and_none():
    assert neutralise("Siam Guard") == "Siam Guard"
    assert neutralise(None) == ""
    assert neutralise(" =x") == " =x"


def test_xlsx_writes_quoted_text_as_text_and_numbers_as_numbers():
    workbook = xlsx_workbook(
        [{"name": HOSTILE, "amount": Decimal("-12.50")}],
        [Column("Name", "name"), Column("Amount", "amount")],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    name, amount = sheet["A2"], sheet["B2"]
    assert name.data_type == "s" and name.value == "'" + HOSTILE
    assert amount.data_type == "n" and amount.value == -12.5


def test_xlsx_drops_characters_xml_cannot_hold():
    workbook = xlsx_workbook([{"name": "A\x00B\x07C"}], [Column("Name", "name")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert openpyxl.load_workbook(buffer).active["A2"].value == "ABC"


def test_an_unknown_format_is_404(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get("/members/export.pdf").status_code == 404


# -- the hostile unit name in the member directory and the arrears list ----------------------


@pytest.fixture
def hostile_member(db):
    return MemberFactory(name=HOSTILE, native_name="@evil", country="TH")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_member_export_neutralises_the_hostile_name(client, secretariat_user, hostile_member, fmt):
    client.force_login(secretariat_user)
    response = client.get(reverse("members:member_export", args=[fmt]))
    if fmt == "csv":
        rows = csv_rows(response)
    else:
        cells = xlsx_cells(response)
        assert all(cell.data_type != "f" for line in cells for cell in line)
        rows = [[cell.value for cell in line] for line in cells]
    row = next(r for r in rows if r[0] == hostile_member.number)
    assert row[1] == "'" + HOSTILE and row[2] == "'@evil"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_arrears_export_neutralises_the_hostile_name(client, treasurer_user, hostile_member, fmt):
    make_schedule(2024)
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), tick=False):
        invoice_issue(member=hostile_member, year=2025, by=treasurer_user)
    with time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC), tick=False):
        client.force_login(treasurer_user)
        response = client.get(reverse("dues:arrears_export", args=[fmt]))
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert rows[1][1] == "'" + HOSTILE
    if fmt == "xlsx":
        # The amount stays a number a spreadsheet can add up.
        assert isinstance(rows[1][5], int | float) and rows[1][5] > 0
    else:
        assert Decimal(rows[1][5]) > 0


def test_report_export_goes_through_the_same_path(client, treasurer_user, hostile_member):
    make_schedule(2024)
    invoice_issue(member=hostile_member, year=2026, by=treasurer_user)
    client.force_login(treasurer_user)
    rows = xlsx_rows(client.get(reverse("dues:report_export", args=[2026, "xlsx"])))
    assert rows[0][0] == "Group" and rows[-1][0] == "Total"
    assert isinstance(rows[-1][3], int | float)


# -- each list: its filter and its role scope ------------------------------------------------


def test_member_export_follows_filter_and_liaison_scope(client, liaison_user, db):
    MemberFactory(name="Thai One", country="TH", tier="group_member")
    MemberFactory(name="Thai Two", country="TH", tier="individual_member")
    MemberFactory(name="Lao One", country="LA")
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])
    client.force_login(liaison_user)
    names = [r[1] for r in csv_rows(client.get(reverse("members:member_export", args=["csv"])))[1:]]
    assert sorted(names) == ["Thai One", "Thai Two"]
    url = reverse("members:member_export", args=["xlsx"])
    filtered = xlsx_rows(client.get(url, {"tier": "group_member"}))
    assert [r[1] for r in filtered[1:]] == ["Thai One"]


def test_application_export_follows_scope_and_filter(client, liaison_user, secretariat_user, plain_user, db):
    LiaisonOfficeFactory(countries=["TH"], officers=[liaison_user])
    thai = submitted_unit(country="TH", name="Thai Applicant")
    submitted_unit(country="LA", name="Lao Applicant")
    own = submitted_unit(plain_user, country="VN", name="My Own", submit=False)
    client.force_login(liaison_user)
    assert [r[1] for r in csv_rows(client.get(reverse("members:application_export", args=["csv"])))[1:]] == [
        "Thai Applicant"
    ]
    client.force_login(secretariat_user)
    rows = csv_rows(client.get(reverse("members:application_export", args=["csv"]), {"country": "LA"}))
    assert [r[1] for r in rows[1:]] == ["Lao Applicant"]
    # Others' drafts stay out of the secretariat's export, as out of its list.
    names = [r[1] for r in csv_rows(client.get(reverse("members:application_export", args=["csv"])))[1:]]
    assert "My Own" not in names and "Thai Applicant" in names
    client.force_login(plain_user)
    rows = xlsx_rows(client.get(reverse("members:application_export", args=["xlsx"])))
    assert [r[0] for r in rows[1:]] == [own.reference]
    assert thai.status == ApplicationStatus.SUBMITTED


@pytest.fixture
def dues_data(treasurer_user, db):
    make_schedule(2024)
    with time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC), tick=False):
        a = MemberFactory(name="Alpha", country="TH")
        b = MemberFactory(name="Bravo", country="LA")
        old = invoice_issue(member=a, year=2025, by=treasurer_user)
        new_a = invoice_issue(member=a, year=2026, by=treasurer_user)
        new_b = invoice_issue(member=b, year=2026, by=treasurer_user)
        payment_record(
            invoice=new_a,
            amount=Decimal("100.00"),
            received_on=datetime.date(2026, 2, 1),
            method="cash",
            by=treasurer_user,
        )
        payment_record(
            invoice=old,
            amount=Decimal("50.00"),
            received_on=datetime.date(2026, 2, 2),
            method="bank_transfer",
            by=treasurer_user,
        )
    return {"old": old, "new_a": new_a, "new_b": new_b}


def test_invoice_export_follows_the_filter(client, treasurer_user, dues_data):
    client.force_login(treasurer_user)
    rows = csv_rows(client.get(reverse("dues:invoice_export", args=["csv"]), {"year": 2026}))
    assert sorted(r[0] for r in rows[1:]) == sorted([dues_data["new_a"].number, dues_data["new_b"].number])
    rows = xlsx_rows(client.get(reverse("dues:invoice_export", args=["xlsx"]), {"country": "LA"}))
    assert [r[0] for r in rows[1:]] == [dues_data["new_b"].number]


def test_payment_and_receipt_exports_follow_the_payment_filter(client, treasurer_user, dues_data):
    client.force_login(treasurer_user)
    rows = csv_rows(client.get(reverse("dues:payment_export", args=["csv"]), {"method": "cash"}))
    assert [r[1] for r in rows[1:]] == [dues_data["new_a"].number]
    rows = xlsx_rows(client.get(reverse("dues:receipt_export", args=["xlsx"]), {"invoice__year": 2025}))
    assert [r[2] for r in rows[1:]] == [dues_data["old"].number]
    assert rows[1][4] == 50


def test_reminder_export_follows_the_filter(client, treasurer_user, dues_data):
    from dues.models import ReminderSent

    for invoice, stage in [(dues_data["old"], "after-30"), (dues_data["new_b"], "before-30")]:
        ReminderSent.objects.create(invoice=invoice, stage=stage, run_on=datetime.date(2026, 1, 19))
    client.force_login(treasurer_user)
    rows = csv_rows(client.get(reverse("dues:reminder_export", args=["csv"]), {"invoice__year": 2026}))
    assert [r[0] for r in rows[1:]] == ["before-30"]


def test_meeting_and_resolution_exports_follow_the_filter(client, secretariat_user, db):
    ga = BodyFactory(code="GA")
    make_meeting(by=secretariat_user, units=1, body=ga, title="Spring assembly")
    make_meeting(by=secretariat_user, units=1, title="Autumn council")
    client.force_login(secretariat_user)
    rows = csv_rows(client.get(reverse("meetings:meeting_export", args=["csv"]), {"title": "spring"}))
    assert [r[0] for r in rows[1:]] == ["Spring assembly"]
    rows = xlsx_rows(client.get(reverse("meetings:resolution_export", args=["xlsx"]), {"q": "nothing"}))
    assert rows[1:] == []


def test_document_export_follows_scope_and_filter(client, member_user, secretariat_user, db):
    DocumentFactory(title="Public notice", audience="public", status="issued", number="N-1")
    DocumentFactory(title="Internal memo", audience="internal", status="issued", number="N-2")
    DocumentFactory(title="Draft notice", audience="public", status="draft")
    client.force_login(member_user)
    assert [r[1] for r in csv_rows(client.get(reverse("secretariat:document_export", args=["csv"])))[1:]] == [
        "Public notice"
    ]
    client.force_login(secretariat_user)
    rows = xlsx_rows(client.get(reverse("secretariat:document_export", args=["xlsx"]), {"status": "draft"}))
    assert [r[1] for r in rows[1:]] == ["Draft notice"]


def test_activity_export_follows_the_filter(client, secretariat_user, db):
    ActivityFactory(theme="Workshop 2026", starts_on=datetime.date(2026, 5, 1), budget=Decimal("1500.00"))
    ActivityFactory(theme="Forum 2025", starts_on=datetime.date(2025, 5, 1))
    client.force_login(secretariat_user)
    rows = xlsx_rows(client.get(reverse("secretariat:activity_export", args=["xlsx"]), {"year": 2026}))
    assert [r[0] for r in rows[1:]] == ["Workshop 2026"] and rows[1][5] == 1500


def test_flag_export_follows_the_filter(client, secretariat_user, db):
    member = MemberFactory(name="Absent Unit")
    for kind, status in [(FlagKind.UNIT_ABSENT, "open"), (FlagKind.WITHDRAWAL, "dismissed")]:
        ParticipationFlag.objects.create(
            member=member,
            kind=kind,
            status=status,
            proposed_status="suspended",
            consecutive_absences=3,
            evidence_key=kind,
        )
    client.force_login(secretariat_user)
    # Like the list, the export shows open flags unless asked otherwise.
    rows = csv_rows(client.get(reverse("secretariat:flag_export", args=["csv"])))
    assert len(rows) == 2 and rows[1][1] == "Absent Unit"
    rows = csv_rows(client.get(reverse("secretariat:flag_export", args=["csv"]), {"status": "dismissed"}))
    assert len(rows) == 2 and rows[1][3] == str(FlagKind.WITHDRAWAL.label)


EXPORTS = {
    "members:member_export": ("secretariat_user", "liaison_user", "treasurer_user"),
    "dues:invoice_export": ("secretariat_user", "treasurer_user"),
    "dues:payment_export": ("secretariat_user", "treasurer_user"),
    "dues:receipt_export": ("secretariat_user", "treasurer_user"),
    "dues:reminder_export": ("secretariat_user", "treasurer_user"),
    "dues:arrears_export": ("secretariat_user", "treasurer_user"),
    "meetings:meeting_export": ("secretariat_user",),
    "meetings:resolution_export": ("secretariat_user",),
    "secretariat:activity_export": ("secretariat_user",),
    "secretariat:flag_export": ("secretariat_user",),
}
USERS = ["secretariat_user", "liaison_user", "treasurer_user", "member_user", "plain_user"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize("who", USERS)
def test_exports_have_the_permissions_of_their_list(request, client, who, name, fmt):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(name, args=[fmt]))
    assert response.status_code == (200 if who in EXPORTS[name] else 403)


@pytest.mark.parametrize(
    "name", ["members:member_export", "dues:invoice_export", "secretariat:document_export"]
)
def test_anonymous_export_goes_to_login(client, db, name):
    response = client.get(reverse(name, args=["csv"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
