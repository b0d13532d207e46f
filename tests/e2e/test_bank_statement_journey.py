"""The treasurer takes a camt.053 statement to receipts without typing a payment (issue 14 §5):
upload → proposals (exact, partial, ambiguous, unmatched) → confirm → receipts issued and
queued for email → the same statement again → nothing new."""

import datetime

import pytest
from django.core import mail

from dues.models import BankAccount, BankTransaction, Payment, Receipt
from dues.services import invoice_issue
from tests.dues.factories import make_schedule
from tests.dues.statement_files import Tx, camt053
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload(page, live_server, statement):
    page.goto(f"{live_server.url}/dues/bank/")
    form = page.locator("#statement-upload")
    form.locator("select[name=account]").select_option(label="Secretariat USD account")
    form.locator("select[name=format]").select_option("camt053")
    form.locator("input[name=file]").set_input_files(str(statement))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_statement_to_receipts(page, login, live_server, tmp_path):
    treasurer = UserFactory(username="treasurer-bank", roles=["Treasurer"])
    make_schedule(2024)
    today = datetime.date.today()
    alpha = RepresentativeFactory(member=MemberFactory(name="Alpha Guard"), email="alpha@example.org").member
    bravo = RepresentativeFactory(member=MemberFactory(name="Bravo Patrol"), email="bravo@example.org").member
    charlie = MemberFactory(name="Charlie Watch", number="M-E2E-0003")
    exact = invoice_issue(member=alpha, year=today.year, by=treasurer)
    partial = invoice_issue(member=bravo, year=today.year, by=treasurer)
    invoice_issue(
        member=charlie, year=today.year - 1, by=treasurer, issued_on=datetime.date(today.year - 1, 6, 1)
    )
    invoice_issue(member=charlie, year=today.year, by=treasurer)
    BankAccount.objects.create(name="Secretariat USD account")
    booked = today - datetime.timedelta(days=1)
    statement = tmp_path / "statement.camt053.xml"
    statement.write_bytes(
        camt053(
            [
                Tx(str(exact.total), f"Fee {exact.number}", booked, "E2E-1"),
                Tx("300.00", f"{partial.number} first half", booked, "E2E-2"),
                Tx("650.00", "Charlie Watch dues M-E2E-0003", booked, "E2E-3"),
                Tx("75.00", "Conference registration", booked, "E2E-4"),
                Tx("20.00", "Account fee", booked, "E2E-5", credit=False),
            ]
        )
    )

    login(treasurer)
    upload(page, live_server, statement)

    rows = page.locator("#transactions tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).get_attribute("data-match") for i in range(4)] == [
        "exact",
        "partial",
        "ambiguous",
        "unmatched",
    ]
    assert "1 debit(s) ignored" in page.content()

    mail.outbox.clear()
    page.locator("#confirm-exact").click()
    page.wait_for_load_state()
    assert "1 exact match(es) confirmed" in page.content()
    page.locator("tr[data-match=partial] button", has_text="Confirm").click()
    page.wait_for_load_state()
    ambiguous = page.locator("tr[data-match=ambiguous]")
    ambiguous.locator("select[name=candidate]").select_option(index=0)
    ambiguous.locator("button", has_text="Confirm").click()
    page.wait_for_load_state()
    unmatched = page.locator("tr[data-match=unmatched]")
    unmatched.locator("input[name=note]").fill("Conference fee, not dues")
    unmatched.locator("button", has_text="Set aside").click()
    page.wait_for_load_state()
    assert page.locator("#transactions tbody tr[data-state]").count() == 0

    assert Payment.objects.count() == 3 and Receipt.objects.count() == 3
    assert sorted(BankTransaction.objects.values_list("state", flat=True)) == [
        "confirmed",
        "confirmed",
        "confirmed",
        "set_aside",
    ]
    # Each receipt went to its member's representatives (Charlie has none on file).
    assert sorted(m.to[0] for m in mail.outbox) == ["alpha@example.org", "bravo@example.org"]
    assert all(m.attachments and m.attachments[0][0].startswith(f"R-{today.year}-") for m in mail.outbox)

    upload(page, live_server, statement)
    assert "4 credit(s): 0 new, 4 already imported" in page.content()
    assert page.locator("#transactions tbody tr[data-state]").count() == 0
    assert BankTransaction.objects.count() == 4 and Payment.objects.count() == 3
