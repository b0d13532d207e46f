"""Bank statements (issue 14 §1): each parser on sample files, malformed files refused with
the line or element named and nothing stored, matching classes, confirming through the
payment service, re-imports and overlapping statements creating nothing twice, roles."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dues import bank, errors
from dues.models import (
    BankAccount,
    BankStatement,
    BankTransaction,
    Invoice,
    Payment,
    Receipt,
    TransactionState,
)
from dues.services import (
    bank_transaction_confirm,
    bank_transaction_set_aside,
    invoice_issue,
    statement_confirm_exact,
    statement_upload,
)
from tests.dues.statement_files import Tx, bank_csv, camt053, mt940
from tests.members.factories import MemberFactory, RepresentativeFactory

CSV_MAPPING = {
    "csv_delimiter": ";",
    "csv_date_column": "Booking date",
    "csv_date_format": "%d.%m.%Y",
    "csv_amount_column": "Amount",
    "csv_decimal_comma": True,
    "csv_reference_column": "Purpose",
    "csv_counterparty_column": "Payer",
}


@pytest.fixture
def now():
    with time_machine.travel(datetime.datetime(2026, 3, 6, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def account(db):
    return BankAccount.objects.create(name="Kunming main account", **CSV_MAPPING)


@pytest.fixture
def invoices(schedule, treasurer_user, now):
    """Three members (group tier, 1,000 a year): one invoice each; the third owes two years."""
    a = RepresentativeFactory(member=MemberFactory(number="M-2025-0001", name="Alpha"), email="a@example.org")
    b = MemberFactory(number="M-2025-0002", name="Bravo")
    c = MemberFactory(number="M-2025-0003", name="Charlie")
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), tick=False):
        c_old = invoice_issue(member=c, year=2025, by=treasurer_user)
    return {
        "a": invoice_issue(member=a.member, year=2026, by=treasurer_user),
        "b": invoice_issue(member=b, year=2026, by=treasurer_user),
        "c_old": c_old,
        "c": invoice_issue(member=c, year=2026, by=treasurer_user),
    }


def four_credits(invoices):
    """An exact, a partial, an ambiguous and an unmatched credit, and a debit."""
    return [
        Tx("1000.00", f"Membership fee {invoices['a'].number}", bank_id="BK-0001"),
        Tx("400.00", f"{invoices['b'].number} part payment", bank_id="BK-0002"),
        Tx("700.00", "Dues of member M-2025-0003", bank_id="BK-0003"),
        Tx("123.45", "Donation, thank you", bank_id="BK-0004"),
        Tx("35.00", "Bank charges", bank_id="BK-0005", credit=False),
    ]


def committed():
    """Run what the code queues for after commit (the import task, receipt emails), as the
    real commit would; the test's own transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def upload(account, data, fmt="camt053", by=None, name="statement.xml"):
    content = data if isinstance(data, bytes) else data.encode()
    with committed():
        return statement_upload(account=account, fmt=fmt, filename=name, content=content, by=by)


# -- parsers -------------------------------------------------------------------------------


def test_the_three_formats_read_the_same_credits(invoices):
    txs = four_credits(invoices)
    mapping = bank.CsvMapping(
        "Booking date", "%d.%m.%Y", "Amount", "Purpose", "Payer", delimiter=";", decimal_comma=True
    )
    for entries in (
        bank.parse_camt053(camt053(txs)),
        bank.parse_mt940(mt940(txs)),
        bank.parse_csv(bank_csv(txs), mapping),
    ):
        assert [(e.amount, e.booked_on) for e in entries] == [
            (Decimal("1000.00"), datetime.date(2026, 3, 2)),
            (Decimal("400.00"), datetime.date(2026, 3, 2)),
            (Decimal("700.00"), datetime.date(2026, 3, 2)),
            (Decimal("123.45"), datetime.date(2026, 3, 2)),
            (Decimal("-35.00"), datetime.date(2026, 3, 2)),
        ]
        assert invoices["a"].number in entries[0].reference


def test_bank_ids_become_keys_and_hashes_are_stable():
    with_ids = bank.parse_camt053(camt053([Tx("10.00", "x", bank_id="ABC-1")]))
    assert with_ids[0].key == "id:ABC-1"
    # Without an id: the hash of the fields; two equal transfers stay two, in any statement.
    twins = [Tx("10.00", "same"), Tx("10.00", "same")]
    first, second = bank.parse_camt053(camt053(twins)), bank.parse_camt053(camt053([*twins, Tx("5.00", "x")]))
    assert first[0].key != first[1].key
    assert [e.key for e in first] == [e.key for e in second[:2]]


def test_camt_pending_entries_are_not_money_yet():
    entries = bank.parse_camt053(camt053([Tx("10.00", "a"), Tx("20.00", "b", status="PDNG")]))
    assert [e.amount for e in entries] == [Decimal("10.00")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<Document><BkToCstmrStmt><Stmt>", "Line 1, column"),
        (b"<Document xmlns='x'><Other/></Document>", "<Document>"),
        (camt053([Tx("12,50", "x")]), "Stmt[1]/Ntry[1]/Amt"),
        (camt053([Tx("1.00", "x"), Tx("abc", "y")]), "Stmt[1]/Ntry[2]/Amt"),
        (
            camt053([Tx("1.00", "x")]).replace(
                b"<Dt>2026-03-02</Dt></BookgDt>", b"<Dt>2026-13-02</Dt></BookgDt>"
            ),
            "Ntry[1]/BookgDt",
        ),
        (
            camt053([Tx("1.00", "x")]).replace(
                b"CRDT</CdtDbtInd>\n      <Sts>", b"CREDIT</CdtDbtInd>\n      <Sts>"
            ),
            "Ntry[1]/CdtDbtInd",
        ),
    ],
)
def test_malformed_camt_names_the_element(data, message):
    with pytest.raises(errors.StatementError, match=message.replace("[", r"\[").replace("]", r"\]")):
        bank.parse_camt053(data)


def test_camt_with_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>'
    with pytest.raises(errors.StatementError, match=str(errors.XML_ENTITIES)):
        bank.parse_camt053(bomb)


def test_malformed_mt940_names_the_line():
    text = mt940([Tx("10.00", "ok"), Tx("20.00", "bad")]).replace(":61:260302", ":61:26AB02", 1)
    with pytest.raises(errors.StatementError, match=str(errors.AT_LINE % {"line": 5})):
        bank.parse_mt940(text)
    with pytest.raises(errors.StatementError, match=re.escape(str(errors.NOT_MT940))):
        bank.parse_mt940("hello")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "31.02.2026;10,00;x;y",
            errors.STATEMENT_BAD_DATE
            % {"line": 3, "column": "Booking date", "value": "31.02.2026", "format": "%d.%m.%Y"},
        ),
        ("02.03.2026;ten;x;y", errors.STATEMENT_BAD_AMOUNT % {"line": 3, "column": "Amount", "value": "ten"}),
        ("02.03.2026;1e5;x;y", errors.STATEMENT_BAD_AMOUNT % {"line": 3, "column": "Amount", "value": "1e5"}),
        ("02.03.2026;10,00;x;y;extra", errors.STATEMENT_EXTRA_FIELDS % {"line": 3}),
    ],
)
def test_malformed_csv_names_the_line(line, message):
    text = bank_csv([Tx("10.00", "first")]) + line + "\n"
    mapping = bank.CsvMapping(
        "Booking date", "%d.%m.%Y", "Amount", "Purpose", "Payer", delimiter=";", decimal_comma=True
    )
    with pytest.raises(errors.StatementError, match=re.escape(str(message))):
        bank.parse_csv(text, mapping)


def test_csv_without_the_mapped_columns_says_which():
    mapping = bank.CsvMapping("Date", "%Y-%m-%d", "Amount", "Reference")
    with pytest.raises(
        errors.StatementError,
        match=re.escape(
            str(
                errors.STATEMENT_COLUMNS_MISSING
                % {"columns": "Date, Reference", "header": "When, Amount, Text"}
            )
        ),
    ):
        bank.parse_csv("When,Amount,Text\n2026-03-01,10.00,x\n", mapping)


# -- matching --------------------------------------------------------------------------------


def test_classify():
    one = bank.OpenInvoice(1, "INV-2026-00001", "M-1", Decimal("1000.00"))
    two = bank.OpenInvoice(2, "INV-2025-00009", "M-1", Decimal("500.00"))
    assert bank.classify(Decimal("1000.00"), [one], []).match == "exact"
    assert bank.classify(Decimal("10.00"), [one], []).match == "partial"
    assert bank.classify(Decimal("1500.00"), [one], []).match == "over"
    assert bank.classify(Decimal("500.00"), [], [one, two]) == bank.Match("exact", 2)
    assert bank.classify(Decimal("700.00"), [], [one, two]) == bank.Match("ambiguous", None, [1, 2])
    assert bank.classify(Decimal("700.00"), [], []).match == "unmatched"
    # A quoted invoice number wins over the member's other invoices.
    assert bank.classify(Decimal("1000.00"), [one], [one, two]) == bank.Match("exact", 1)


def test_invoice_numbers_written_loosely_are_found():
    assert "INV-2026-00012" in bank.quoted_numbers("payment inv 2026/00012 thanks")
    assert "INV-2026-00012" in bank.quoted_numbers("INV202600012")


# -- import, review and confirmation ---------------------------------------------------------------


def test_import_classes_each_credit_and_ignores_debits(account, invoices, treasurer_user):
    statement = upload(account, camt053(four_credits(invoices)), by=treasurer_user)
    statement.refresh_from_db()
    assert (statement.status, statement.credits_total, statement.debits_ignored) == ("ready", 4, 1)
    got = {tx.key: (tx.match, tx.invoice_id) for tx in BankTransaction.objects.all()}
    assert got == {
        "id:BK-0001": ("exact", invoices["a"].pk),
        "id:BK-0002": ("partial", invoices["b"].pk),
        "id:BK-0003": ("ambiguous", None),
        "id:BK-0004": ("unmatched", None),
    }
    ambiguous = BankTransaction.objects.get(key="id:BK-0003")
    assert ambiguous.candidates == sorted([invoices["c_old"].pk, invoices["c"].pk])
    assert not Payment.objects.exists()


def test_an_overpayment_is_classed_over_and_confirmed_for_the_outstanding(account, invoices, treasurer_user):
    upload(account, camt053([Tx("1200.00", invoices["a"].number, bank_id="X1")]), by=treasurer_user)
    tx = BankTransaction.objects.get()
    assert tx.match == "over"
    payment = bank_transaction_confirm(bank_transaction=tx, by=treasurer_user)
    tx.refresh_from_db()
    assert payment.amount == Decimal("1000.00") and "200.00" in tx.note


def test_two_credits_quoting_one_invoice_are_not_both_exact(account, invoices, treasurer_user):
    number = invoices["a"].number
    upload(
        account,
        camt053([Tx("1000.00", number, bank_id="X1"), Tx("1000.00", number, bank_id="X2")]),
        by=treasurer_user,
    )
    assert list(BankTransaction.objects.order_by("key").values_list("match", flat=True)) == [
        "exact",
        "unmatched",
    ]


def test_confirm_all_exact_then_one_by_one(client, account, invoices, treasurer_user, now):
    statement = upload(account, camt053(four_credits(invoices)), by=treasurer_user)
    client.force_login(treasurer_user)
    response = client.get(reverse("dues:statement_detail", args=[statement.pk]))
    assert response.status_code == 200 and b'id="confirm-exact"' in response.content
    mail.outbox.clear()
    with committed():
        response = client.post(reverse("dues:statement_confirm_exact", args=[statement.pk]))
    assert response.status_code == 302
    exact = BankTransaction.objects.get(key="id:BK-0001")
    assert exact.state == TransactionState.CONFIRMED and exact.decided_by == treasurer_user
    receipt = Receipt.objects.get(payment=exact.payment)
    assert exact.payment.received_on == datetime.date(2026, 3, 2) and exact.payment.method == "bank_transfer"
    assert [m.to for m in mail.outbox] == [["a@example.org"]] and receipt.number in mail.outbox[
        0
    ].subject + mail.outbox[0].body
    # Partial: confirmed as proposed.
    partial = BankTransaction.objects.get(key="id:BK-0002")
    client.post(reverse("dues:transaction_confirm", args=[partial.pk]))
    assert Payment.objects.get(bank_transaction__key="id:BK-0002").amount == Decimal("400.00")
    # Ambiguous: one of the candidates is chosen.
    ambiguous = BankTransaction.objects.get(key="id:BK-0003")
    client.post(reverse("dues:transaction_confirm", args=[ambiguous.pk]), {"candidate": invoices["c_old"].pk})
    ambiguous.refresh_from_db()
    assert ambiguous.state == "confirmed" and ambiguous.payment.invoice == invoices["c_old"]
    # Unmatched: assigned by hand, or set aside with a note.
    unmatched = BankTransaction.objects.get(key="id:BK-0004")
    response = client.post(reverse("dues:transaction_set_aside", args=[unmatched.pk]), {"note": ""})
    unmatched.refresh_from_db()
    assert unmatched.state == "proposed"
    client.post(reverse("dues:transaction_set_aside", args=[unmatched.pk]), {"note": "A donation, not dues"})
    unmatched.refresh_from_db()
    assert unmatched.state == "set_aside" and unmatched.note == "A donation, not dues"
    assert Payment.objects.count() == 3 and Receipt.objects.count() == 3


def test_an_unmatched_credit_is_assigned_by_invoice_number(client, account, invoices, treasurer_user, now):
    upload(account, camt053([Tx("250.00", "see letter", bank_id="X9")]), by=treasurer_user)
    tx = BankTransaction.objects.get()
    client.force_login(treasurer_user)
    client.post(reverse("dues:transaction_confirm", args=[tx.pk]), {"invoice": "INV-1999-99999"})
    assert not Payment.objects.exists()
    client.post(reverse("dues:transaction_confirm", args=[tx.pk]), {"invoice": invoices["b"].number.lower()})
    tx.refresh_from_db()
    assert (
        tx.state == "confirmed"
        and tx.payment.invoice == invoices["b"]
        and tx.payment.amount == Decimal("250.00")
    )
    # A decided credit cannot be decided again.
    client.post(reverse("dues:transaction_confirm", args=[tx.pk]), {"invoice": invoices["b"].number})
    assert Payment.objects.count() == 1


def test_a_credit_for_an_invoice_paid_meanwhile_is_refused_not_doubled(
    account, invoices, treasurer_user, now
):
    statement = upload(
        account, camt053([Tx("1000.00", invoices["a"].number, bank_id="X1")]), by=treasurer_user
    )
    from dues.services import payment_record

    payment_record(
        invoice=invoices["a"],
        amount=Decimal("1000.00"),
        received_on=datetime.date(2026, 3, 1),
        method="cash",
        by=treasurer_user,
    )
    confirmed, refused = statement_confirm_exact(statement=statement, by=treasurer_user)
    assert confirmed == 0 and "nothing outstanding" in refused[0]
    assert Payment.objects.count() == 1


@pytest.mark.parametrize("fmt", ["camt053", "mt940", "csv"])
def test_reimport_and_overlap_create_nothing_twice(account, invoices, treasurer_user, fmt):
    first, overlap = four_credits(invoices)[:3], four_credits(invoices)[1:]
    for tx in first + overlap:
        if fmt == "csv":
            tx.bank_id = ""  # this bank's CSV carries no id: the stable hash keeps them apart
    build = {"camt053": camt053, "mt940": mt940, "csv": bank_csv}[fmt]
    upload(account, build(first), fmt=fmt, by=treasurer_user)
    again = upload(account, build(first), fmt=fmt, by=treasurer_user)
    again.refresh_from_db()
    assert (again.created_count, again.duplicate_count) == (0, 3)
    later = upload(account, build(overlap), fmt=fmt, by=treasurer_user)
    later.refresh_from_db()
    assert (later.created_count, later.duplicate_count) == (1, 2)
    assert BankTransaction.objects.count() == 4


def test_the_database_holds_a_credit_once_per_account(account, invoices, treasurer_user):
    upload(account, camt053([Tx("10.00", "x", bank_id="ONCE")]), by=treasurer_user)
    tx = BankTransaction.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        BankTransaction.objects.create(
            account=account,
            statement=tx.statement,
            key="id:ONCE",
            booked_on=tx.booked_on,
            amount=1,
            currency="USD",
            match="unmatched",
        )


@pytest.mark.parametrize("fmt", ["camt053", "mt940", "csv"])
def test_a_malformed_upload_says_where_and_stores_nothing(client, account, treasurer_user, fmt):
    bad = {
        "camt053": camt053([Tx("1.00", "x"), Tx("1,00", "y")]),
        "mt940": mt940([Tx("1.00", "x")]).replace(":61:260302", ":61:2603XX").encode(),
        "csv": (bank_csv([Tx("1.00", "x")]) + "99.99.2026;1,00;y;z\n").encode(),
    }[fmt]
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:bank_home"),
        {"account": account.pk, "format": fmt, "file": SimpleUploadedFile("bad.txt", bad)},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"][0]
    assert {"camt053": "Stmt[1]/Ntry[2]/Amt", "mt940": "Line 5", "csv": "Line 3"}[fmt] in errors
    assert not BankStatement.objects.exists() and not BankTransaction.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(client, account, treasurer_user):
    client.force_login(treasurer_user)
    response = client.post(
        reverse("dues:bank_home"),
        {"account": account.pk, "format": "csv", "file": SimpleUploadedFile("s.csv", b"Date\n\xff\xfe")},
    )
    assert "not UTF-8" in response.context["form"].errors["file"][0]


def test_upload_through_the_page_then_progress(client, account, invoices, treasurer_user):
    client.force_login(treasurer_user)
    with committed():
        response = client.post(
            reverse("dues:bank_home"),
            {
                "account": account.pk,
                "format": "csv",
                "file": SimpleUploadedFile("march.csv", bank_csv(four_credits(invoices)).encode()),
            },
        )
    statement = BankStatement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "dues:statement_detail", args=[statement.pk]
    )
    progress = client.get(reverse("dues:statement_progress", args=[statement.pk])).json()
    assert progress == {"status": "ready", "progress": 4, "total": 4, "percent": 100}


def test_a_queued_statement_shows_its_progress_bar(client, account, treasurer_user):
    statement = BankStatement.objects.create(
        account=account, format="csv", filename="x.csv", content="", credits_total=10, progress=4
    )
    client.force_login(treasurer_user)
    body = client.get(reverse("dues:statement_detail", args=[statement.pk])).content.decode()
    assert "data-progress-url" in body and "js/statement-progress.js" in body and 'aria-valuenow="40"' in body


def test_the_mapping_is_saved_once_per_account(client, treasurer_user):
    client.force_login(treasurer_user)
    data = {
        "name": "Second bank",
        "identifier": "X",
        **CSV_MAPPING,
        "csv_id_column": "",
        "csv_decimal_comma": "on",
    }
    client.post(reverse("dues:bank_account_create"), data)
    account = BankAccount.objects.get(name="Second bank")
    assert (
        account.csv_date_format == "%d.%m.%Y"
        and account.csv_decimal_comma
        and account.created_by == treasurer_user
    )
    response = client.post(
        reverse("dues:bank_account_edit", args=[account.pk]), {**data, "csv_date_format": "dd/mm"}
    )
    assert response.status_code == 200 and "csv_date_format" in response.context["form"].errors


def test_import_queries_do_not_grow_per_credit(account, schedule, treasurer_user, now):
    def run(count, offset):
        members = [MemberFactory(number=f"M-Q-{offset + n}") for n in range(count)]
        invoices = [invoice_issue(member=m, year=2026, by=treasurer_user) for m in members]
        txs = [Tx("1000.00", i.number, bank_id=f"Q{offset + n}") for n, i in enumerate(invoices)]
        with CaptureQueriesContext(connection) as ctx:
            upload(account, camt053(txs, statement_id=f"S{offset}"), by=treasurer_user)
        return len(ctx.captured_queries)

    assert run(3, 0) == run(40, 100)
    assert BankTransaction.objects.filter(match="exact").count() == 43


PAGES = ["bank_home", "bank_account_create", "statement_detail", "statement_progress"]
POSTS = ["statement_confirm_exact", "transaction_confirm", "transaction_set_aside"]


@pytest.mark.parametrize(
    "who", ["secretariat_user", "liaison_user", "member_user", "plain_user", "treasurer_user"]
)
def test_bank_pages_are_for_the_treasurer_only(request, client, account, invoices, treasurer_user, who):
    statement = upload(account, camt053(four_credits(invoices)), by=treasurer_user)
    tx = BankTransaction.objects.get(key="id:BK-0004")
    client.force_login(request.getfixturevalue(who))
    allowed = who == "treasurer_user"
    args = {"statement_detail": [statement.pk], "statement_progress": [statement.pk]}
    for name in PAGES:
        assert client.get(reverse(f"dues:{name}", args=args.get(name, []))).status_code == (
            200 if allowed else 403
        )
    assert client.get(reverse("dues:bank_account_edit", args=[account.pk])).status_code == (
        200 if allowed else 403
    )
    if not allowed:
        for name in POSTS:
            target = statement.pk if name == "statement_confirm_exact" else tx.pk
            assert client.post(reverse(f"dues:{name}", args=[target]), {"note": "x"}).status_code == 403
        assert not Payment.objects.exists() and BankTransaction.objects.filter(state="proposed").count() == 4
    # Decisions are POSTs only, for everyone.
    assert client.get(reverse("dues:transaction_confirm", args=[tx.pk])).status_code == 405


def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("dues:bank_home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_set_aside_needs_a_note(account, invoices, treasurer_user):
    from dues.errors import DuesError

    upload(account, camt053([Tx("5.00", "?", bank_id="N1")]), by=treasurer_user)
    tx = BankTransaction.objects.get()
    with pytest.raises(DuesError):
        bank_transaction_set_aside(bank_transaction=tx, note="  ", by=treasurer_user)
    assert Invoice.objects.count() == 4


# -- the beat sweep ------------------------------------------------------------------------


def upload_never_brokered(account, invoices, by):
    """An upload whose after-commit import task never ran (the broker was down)."""
    content = camt053(four_credits(invoices))
    return statement_upload(account=account, fmt="camt053", filename="s.xml", content=content, by=by)


def test_the_sweep_imports_a_statement_whose_task_was_never_brokered(account, invoices, treasurer_user):
    from dues.models import StatementStatus
    from dues.tasks import sweep_statements

    statement = upload_never_brokered(account, invoices, treasurer_user)
    assert sweep_statements.delay().get() == 0  # still the upload's own task's to run
    with time_machine.travel(datetime.datetime(2026, 3, 6, 10, 2, tzinfo=datetime.UTC), tick=False):
        assert sweep_statements.delay().get() == 1
        assert sweep_statements.delay().get() == 0  # and only once
    statement.refresh_from_db()
    assert (statement.status, statement.progress, statement.created_count) == (StatementStatus.READY, 4, 4)
    assert statement.import_lease_until is None
    assert BankTransaction.objects.count() == 4


def test_an_import_under_a_live_claim_is_left_to_its_worker_until_the_claim_expires(
    account, invoices, treasurer_user
):
    from dues.models import StatementStatus
    from dues.services import statement_import, statements_import_pending

    statement = upload_never_brokered(account, invoices, treasurer_user)
    # A worker claimed it and died before its first chunk.
    BankStatement.objects.filter(pk=statement.pk).update(
        status=StatementStatus.IMPORTING,
        import_lease_until=datetime.datetime(2026, 3, 6, 10, 10, tzinfo=datetime.UTC),
    )
    assert statement_import(statement_id=statement.pk).progress == 0
    with time_machine.travel(datetime.datetime(2026, 3, 6, 10, 5, tzinfo=datetime.UTC), tick=False):
        assert statements_import_pending() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 6, 10, 11, tzinfo=datetime.UTC), tick=False):
        assert statements_import_pending() == 1
    statement.refresh_from_db()
    assert (statement.status, statement.created_count) == (StatementStatus.READY, 4)


def test_the_statement_sweep_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "dues.tasks.sweep_statements" in tasks


def test_an_unknown_invoice_number_is_shown_beside_its_credits_field(
    client, account, invoices, treasurer_user, now
):
    """issue 12 item 6: the number typed stays in the refused credit's field, with the error."""
    statement = upload(account, camt053(four_credits(invoices)), by=treasurer_user)
    client.force_login(treasurer_user)
    unmatched = BankTransaction.objects.get(key="id:BK-0004")
    action = reverse("dues:transaction_confirm", args=[unmatched.pk])
    response = client.post(action, {"invoice": "inv-9999"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dues:statement_detail", args=[statement.pk])
    html = response.content.decode()
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    assert 'value="inv-9999"' in form and "is-invalid" in form and "INV-9999" in form
    others = html.replace(form, "")
    assert "is-invalid" not in others
    assert not Payment.objects.exists()
