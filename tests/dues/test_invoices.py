import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dues.errors import (
    INVOICE_HAS_PAYMENTS,
    MEMBER_NOT_ACTIVE,
    NOTHING_TO_SETTLE,
    SCHEDULE_IN_USE,
    WAIVER_NEEDS_REASON,
    WAIVER_NEEDS_RESOLUTION,
    DuesError,
)
from dues.models import Invoice, InvoiceLine, InvoiceStatus, LineKind
from dues.selectors import with_balance
from dues.services import (
    admission_invoice_issue,
    fee_schedule_update,
    invoice_apply_tier,
    invoice_issue,
    invoice_reduce,
    invoice_void,
    invoices_issue_annual,
    payment_record,
)
from meetings.demo import first_congress
from members import extensions
from members.models import MemberStatus, Tier
from tests.dues.factories import AMOUNTS, make_resolution
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_invoice_number_is_gapless_per_year(schedule, frozen, treasurer_user):
    first = invoice_issue(member=MemberFactory(), year=2026, by=treasurer_user)
    second = invoice_issue(member=MemberFactory(), year=2026, by=treasurer_user)
    other_year = invoice_issue(member=MemberFactory(), year=2027, by=treasurer_user)
    assert (first.number, second.number, other_year.number) == (
        "INV-2026-00001",
        "INV-2026-00002",
        "INV-2027-00001",
    )


def test_one_invoice_per_member_and_year(invoice, treasurer_user):
    with pytest.raises(DuesError):
        invoice_issue(member=invoice.member, year=2026, by=treasurer_user)
    assert Invoice.objects.filter(member=invoice.member, year=2026).count() == 1


def test_no_invoice_for_a_member_that_is_not_active(schedule, frozen, treasurer_user):
    member = MemberFactory(status=MemberStatus.SUSPENDED)
    with pytest.raises(DuesError) as error:
        invoice_issue(member=member, year=2026, by=treasurer_user)
    assert str(error.value) == str(MEMBER_NOT_ACTIVE % {"member": member.name})
    assert not Invoice.objects.exists()


@pytest.mark.parametrize(
    ("joined_on", "expected"),
    [(datetime.date(2026, 6, 30), Decimal("1000.00")), (datetime.date(2026, 7, 1), Decimal("500.00"))],
)
def test_admission_hook_prorates_the_year_of_joining(schedule, frozen, joined_on, expected, secretariat_user):
    member = MemberFactory(joined_on=joined_on)
    extensions.member_admitted.call(member=member, by=secretariat_user)
    invoice = Invoice.objects.get(member=member)
    assert (invoice.year, invoice.total, invoice.due_on) == (2026, expected, datetime.date(2026, 12, 20))


def test_admission_without_any_schedule_issues_nothing_and_does_not_fail(db, secretariat_user):
    assert (
        admission_invoice_issue(
            member=MemberFactory(joined_on=datetime.date(2026, 2, 1)), by=secretariat_user
        )
        is None
    )


def test_annual_invoicing_is_idempotent_and_set_wise(schedule, frozen, django_assert_max_num_queries):
    MemberFactory.create_batch(30)
    MemberFactory(status=MemberStatus.WITHDRAWN)
    MemberFactory(joined_on=datetime.date(2027, 2, 1))  # not yet a member in 2026
    with django_assert_max_num_queries(20):
        assert invoices_issue_annual(year=2026) == 30
    assert invoices_issue_annual(year=2026) == 0
    assert Invoice.objects.filter(year=2026).count() == 30
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"INV-2026-{n:05d}" for n in range(1, 31)]
    assert InvoiceLine.objects.filter(kind=LineKind.FEE).count() == 30
    assert Invoice.history.filter(history_type="+").count() == 30
    assert InvoiceLine.history.filter(history_type="+").count() == 30
    line = InvoiceLine.objects.select_related("invoice").first()
    assert (line.amount, line.tier) == (line.invoice.total, line.invoice.tier)


def test_annual_invoicing_charges_the_tier_amount(schedule, frozen):
    chairman = MemberFactory(tier=Tier.CHAIRMAN_UNIT)
    invoices_issue_annual(year=2026)
    assert Invoice.objects.get(member=chairman).total == AMOUNTS["chairman_unit"]


def test_upgrade_is_settled_on_the_same_invoice(invoice, treasurer_user):
    invoice.member.tier = Tier.VICE_CHAIRMAN_UNIT
    invoice.member.save()
    line = invoice_apply_tier(invoice=invoice, by=treasurer_user)
    invoice.refresh_from_db()
    assert line.amount == Decimal("9000.00")
    assert (invoice.total, invoice.tier) == (Decimal("10000.00"), Tier.VICE_CHAIRMAN_UNIT)
    assert Invoice.objects.filter(member=invoice.member, year=2026).count() == 1
    with pytest.raises(DuesError, match=str(NOTHING_TO_SETTLE)):
        invoice_apply_tier(invoice=invoice, by=treasurer_user)


def test_waiver_needs_resolution_and_reason(invoice, treasurer_user):
    with pytest.raises(DuesError, match=str(WAIVER_NEEDS_RESOLUTION)):
        invoice_reduce(invoice=invoice, reason="hardship", resolution=None, by=treasurer_user)
    with pytest.raises(DuesError, match=str(WAIVER_NEEDS_REASON)):
        invoice_reduce(
            invoice=invoice, reason="", resolution=make_resolution(treasurer_user), by=treasurer_user
        )
    assert invoice.lines.count() == 1


def test_waiver_and_reduction_are_negative_lines(invoice, treasurer_user):
    resolution = make_resolution(treasurer_user)
    invoice_reduce(invoice=invoice, amount="200", reason="flood", resolution=resolution, by=treasurer_user)
    invoice_reduce(invoice=invoice, reason="flood", resolution=resolution, by=treasurer_user)
    kinds = list(invoice.lines.values_list("kind", "amount"))
    assert kinds == [
        (LineKind.FEE, Decimal("1000.00")),
        (LineKind.REDUCTION, Decimal("-200.00")),
        (LineKind.WAIVER, Decimal("-800.00")),
    ]
    assert with_balance(Invoice.objects.filter(pk=invoice.pk)).get().outstanding == 0


def test_void_refused_while_payments_stand(invoice, treasurer_user, frozen):
    payment_record(
        invoice=invoice, amount=Decimal("10"), received_on=frozen, method="cash", by=treasurer_user
    )
    with pytest.raises(DuesError, match=str(INVOICE_HAS_PAYMENTS)):
        invoice_void(invoice=invoice, reason="wrong member", by=treasurer_user)


def test_void_records_history_and_frees_the_year(invoice, treasurer_user):
    invoice_void(invoice=invoice, reason="issued in error", by=treasurer_user)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.VOID
    assert invoice.status_changes.get().changed_by == treasurer_user
    replacement = invoice_issue(member=invoice.member, year=2026, by=treasurer_user)
    assert replacement.number == "INV-2026-00002"
    with pytest.raises(DuesError):
        invoice_void(invoice=invoice, reason="again", by=treasurer_user)


def test_schedule_in_use_cannot_be_edited(invoice, schedule, treasurer_user):
    with pytest.raises(DuesError, match=str(SCHEDULE_IN_USE % {"year": 2024})):
        fee_schedule_update(
            schedule=schedule,
            amounts={"group_member": "2000"},
            approved_on=schedule.approved_on,
            approving_meeting=schedule.approving_meeting,
            by=treasurer_user,
        )
    assert schedule.amounts()["group_member"] == Decimal("1000.00")


def test_schedule_amounts_are_validated(db, treasurer_user):
    from dues.services import fee_schedule_create

    with pytest.raises(DuesError):
        fee_schedule_create(
            year=2030,
            amounts={"group_member": "-1"},
            approved_on=datetime.date(2029, 5, 1),
            approving_meeting=first_congress(treasurer_user),
            by=treasurer_user,
        )


def _fields(obj, *, leave_out=("id", "number", "created_at", "history_id", "history_date")):
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in leave_out
    }


def test_annual_invoicing_writes_what_issuing_one_by_one_writes(schedule, frozen, treasurer_user):
    # The bulk path writes every field of the invoice, its line and their history rows
    # from the models' fields: the same values as save(), field for field.
    one, bulk_member = MemberFactory(), MemberFactory()
    single = invoice_issue(member=one, year=2026, by=treasurer_user, issued_on=datetime.date(2026, 1, 1))
    invoices_issue_annual(year=2026, by=treasurer_user, today=datetime.date(2026, 1, 1))
    bulk = Invoice.objects.get(member=bulk_member)
    assert {**_fields(bulk), "member_id": None} == {**_fields(single), "member_id": None}
    assert _fields(bulk.lines.get(), leave_out=("id", "invoice_id", "created_at")) == _fields(
        single.lines.get(), leave_out=("id", "invoice_id", "created_at")
    )
    for model, obj in ((Invoice, bulk), (InvoiceLine, bulk.lines.get())):
        record = model.history.get(id=obj.pk)
        assert (record.history_type, record.history_user_id) == ("+", treasurer_user.pk)
        assert _fields(record.instance) == _fields(obj)


def test_bulk_rows_take_the_fields_defaults_and_refuse_a_missing_value(schedule, frozen):
    from alliance import db

    invoice = invoice_issue(member=MemberFactory(), year=2026, by=None)
    with pytest.raises(TypeError, match="created_at has no default"):
        db.insert_rows(InvoiceLine, [{"invoice_id": invoice.pk, "amount": "1.00"}], same={"kind": "fee"})
    db.insert_rows(
        InvoiceLine,
        [{"invoice_id": invoice.pk, "amount": "1.00"}],
        same={"kind": "fee", "created_at": timezone.now()},
    )
    line = InvoiceLine.objects.get(invoice=invoice, amount=Decimal("1.00"))
    assert (line.reason, line.description, line.created_by_id) == ("", "", None)
