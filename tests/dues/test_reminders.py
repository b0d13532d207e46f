import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from dues import conf
from dues.models import ReminderSent
from dues.rules import reminder_stage_due
from dues.selectors import reminders_due
from dues.services import invoice_issue, invoices_issue_annual, payment_record, reminders_send
from dues.tasks import send_dues_reminders
from tests.dues.factories import make_schedule
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_invoice(own_member, schedule, frozen, treasurer_user):
    return invoice_issue(member=own_member, year=2026, by=treasurer_user)


def test_stage_is_sent_to_the_representatives(own_invoice, mailoutbox, deliver_outbox):
    assert reminders_send(today=datetime.date(2026, 11, 20)) == 1
    assert deliver_outbox().sent == 1
    assert mailoutbox[0].to == ["rep@example.org"]
    assert own_invoice.number in mailoutbox[0].body
    reminder = ReminderSent.objects.get()
    assert (reminder.stage, reminder.recipients) == ("before-30", "rep@example.org")
    assert reminder.sent_at is not None


def test_running_twice_sends_each_stage_once(own_invoice, mailoutbox, deliver_outbox):
    reminders_send(today=datetime.date(2026, 11, 20))
    reminders_send(today=datetime.date(2026, 11, 20))
    send_dues_reminders.delay("2026-11-21")  # a retry the next day: same stage, nothing new
    deliver_outbox()
    deliver_outbox()
    assert len(mailoutbox) == 1


def test_each_stage_in_turn(own_invoice, mailoutbox, deliver_outbox):
    for day in ["2026-11-20", "2026-12-13", "2026-12-20", "2027-01-19", "2027-02-01"]:
        reminders_send(today=datetime.date.fromisoformat(day))
        deliver_outbox()
    assert list(ReminderSent.objects.order_by("claimed_at", "id").values_list("stage", flat=True)) == [
        "before-30",
        "before-7",
        "closing",
        "after-30",
    ]
    assert len(mailoutbox) == 4


def test_after_a_missed_day_only_the_current_stage_is_sent(own_invoice, mailoutbox, deliver_outbox):
    reminders_send(today=datetime.date(2026, 12, 21))
    deliver_outbox()
    assert list(ReminderSent.objects.values_list("stage", flat=True)) == ["closing"]
    assert len(mailoutbox) == 1


def test_paid_invoices_get_no_reminder(own_invoice, treasurer_user, mailoutbox):
    payment_record(
        invoice=own_invoice,
        amount=Decimal("1000"),
        received_on=datetime.date(2026, 3, 1),
        method="cash",
        by=treasurer_user,
    )
    mailoutbox.clear()
    assert reminders_send(today=datetime.date(2026, 12, 20)) == 0
    assert not ReminderSent.objects.exists()


def test_command_takes_a_date(own_invoice, mailoutbox):
    out = StringIO()
    call_command("send_dues_reminders", "--date", "2026-12-20", stdout=out)
    assert "Queued 1 reminder" in out.getvalue()


def test_annual_command_is_idempotent(schedule, member, frozen):
    out = StringIO()
    call_command("issue_annual_invoices", "--year", "2026", stdout=out)
    call_command("issue_annual_invoices", "--year", "2026", stdout=out)
    assert "Issued 1 invoice(s)" in out.getvalue() and "Issued 0 invoice(s)" in out.getvalue()


def test_member_without_address_is_claimed_but_not_marked_sent(invoice, mailoutbox, deliver_outbox):
    # ``invoice`` belongs to a member with no representative and no email.
    assert reminders_send(today=datetime.date(2026, 12, 20)) == 0
    reminder = ReminderSent.objects.get(invoice=invoice)
    assert reminder.sent_at is None and reminder.recipients == ""
    deliver_outbox()
    assert mailoutbox == []


def test_reminder_email_shows_the_outstanding_balance_with_cents(own_invoice, mailoutbox, deliver_outbox):
    reminders_send(today=datetime.date(2026, 12, 20))
    deliver_outbox()
    assert "1,000.00 USD outstanding" in mailoutbox[0].body


def test_the_query_picks_the_stage_the_rule_picks(own_invoice):
    stages = conf.reminder_stages()
    for offset in range(-40, 45):
        today = own_invoice.due_on + datetime.timedelta(days=offset)
        found = list(reminders_due(today=today, stages=stages).values_list("stage", flat=True))
        expected = reminder_stage_due(own_invoice.due_on, today, stages)
        assert found == ([expected] if expected else []), today


def test_a_claimed_stage_is_not_read_again(own_invoice, django_assert_max_num_queries):
    reminders_send(today=datetime.date(2026, 12, 20))
    assert not reminders_due(today=datetime.date(2026, 12, 20), stages=conf.reminder_stages()).exists()
    # The one query reads nothing (PostgreSQL: and JIT is turned off and back, alliance.db.bulk_job).
    with django_assert_max_num_queries(3 if connection.vendor == "postgresql" else 1):
        assert reminders_send(today=datetime.date(2026, 12, 20)) == 0


@pytest.mark.django_db(transaction=True)
def test_chunks_commit_one_by_one_while_the_query_streams(settings, frozen):
    # Outside a test transaction, as in production: each chunk commits while the read goes on.
    settings.ALLIANCE_DUES_REMINDER_BATCH_SIZE = 2
    make_schedule(2024)
    for n in range(5):
        RepresentativeFactory(member=MemberFactory(), email=f"rep{n}@example.org")
    invoices_issue_annual(year=2026)
    assert reminders_send(today=datetime.date(2026, 12, 20)) == 5
    assert reminders_send(today=datetime.date(2026, 12, 20)) == 0
    assert ReminderSent.objects.filter(stage="closing", sent_at__isnull=False).count() == 5


def test_each_reminder_goes_to_its_members_addresses_in_their_languages_with_its_own_figures(
    settings, schedule, frozen, treasurer_user, mailoutbox, deliver_outbox
):
    # The run resolves addresses and languages inside its one query; it must agree with
    # members.selectors.notification_recipients_for, which every other email uses, for
    # each shape of member, including across chunk boundaries.
    from alliance.models import OutgoingEmail
    from members.models import Application, MemberKind
    from members.selectors import notification_recipients_for
    from tests.factories import UserFactory
    from tests.languages import bilingual_member

    settings.ALLIANCE_DUES_REMINDER_BATCH_SIZE = 2
    bilingual = bilingual_member()
    two_chinese = MemberFactory()
    RepresentativeFactory(member=two_chinese, role="primary", user=UserFactory(language="zh-hans"))
    RepresentativeFactory(member=two_chinese, role="deputy", user=UserFactory(language="zh-hans"))
    applied_in_chinese = MemberFactory()
    RepresentativeFactory(member=applied_in_chinese, user=None, email="noaccount@example.org")
    Application.objects.create(
        applicant=UserFactory(), kind=MemberKind.UNIT, tier=applied_in_chinese.tier, name="Applied",
        email="a@example.org", member=applied_in_chinese, language="zh-hant",
    )  # fmt: skip
    left = MemberFactory(email="office@example.org")
    ended = datetime.date(2026, 1, 2)
    RepresentativeFactory(member=left, user=None, email="gone@example.org", ended_on=ended)
    individual = MemberFactory(
        kind=MemberKind.INDIVIDUAL, email="me@example.org", user=UserFactory(language="zh-hant")
    )
    silent = MemberFactory(email="")
    members = [bilingual, two_chinese, applied_in_chinese, left, individual, silent]
    invoices = {}
    for n, member in enumerate(members):
        invoices[member.pk] = invoice_issue(member=member, year=2026, by=treasurer_user)
        payment_record(
            invoice=invoices[member.pk],
            amount=Decimal(n + 1),
            received_on=datetime.date(2026, 2, 1),
            method="cash",
            by=treasurer_user,
        )
    mailoutbox.clear()
    OutgoingEmail.objects.all().delete()

    assert reminders_send(today=datetime.date(2026, 11, 20)) == len(members) - 1  # silent has no address
    wanted = notification_recipients_for(members)
    assert wanted[left.pk] == [("office@example.org", "en")]
    assert wanted[individual.pk] == [("me@example.org", "zh-hant")]
    assert {language for _address, language in wanted[applied_in_chinese.pk]} == {"zh-hant"}
    queued = {}
    for row in OutgoingEmail.objects.filter(kind="reminder").select_related("email"):
        assert row.about_id == invoices[row.member_id].pk
        for address in row.email.to:
            queued.setdefault(row.member_id, []).append((address, row.language))
    assert {pk: sorted(pairs) for pk, pairs in queued.items()} == {
        member.pk: sorted(wanted[member.pk]) for member in members if wanted[member.pk]
    }
    assert OutgoingEmail.objects.filter(member_id=two_chinese.pk).count() == 1  # one message per language

    deliver_outbox()
    by_address = {address: message for message in mailoutbox for address in message.to}
    for member in members:
        invoice = invoices[member.pk]
        for address, language in wanted[member.pk]:
            body = by_address[address].body
            assert invoice.number in body
            assert f"{invoice.total - (members.index(member) + 1):,.2f}" in body
            with translation.override(language):  # the bank details too, read when rendered
                assert gettext("Please quote the invoice number with your payment.") in body
    assert "gone@example.org" not in by_address
