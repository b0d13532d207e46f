"""The one status mechanism (alliance.status): moves along the app's table, each recorded."""

import datetime

import pytest
import time_machine
from django.apps import apps

from alliance.status import Moves, StatusMixin
from members.errors import ILLEGAL_STATUS_MOVE, MembershipError
from members.models import ApplicationStatus, Member, MemberStatus
from tests.members.factories import MemberFactory
from tests.members.helpers import submitted_unit

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def test_an_allowed_move_changes_the_status_and_records_who_and_when(secretariat_user):
    member = MemberFactory()
    with time_machine.travel(NOON, tick=False):
        change = member.move(MemberStatus.SUSPENDED, by=secretariat_user, comment="  Absent  ")
    member.refresh_from_db()
    assert member.status == MemberStatus.SUSPENDED
    assert (change.from_status, change.to_status, change.comment) == ("active", "suspended", "Absent")
    assert (change.changed_by, change.changed_at) == (secretariat_user, NOON)
    assert list(member.status_changes.all()) == [change]


def test_the_history_user_of_a_move_is_the_mover(secretariat_user):
    member = MemberFactory()
    member.move(MemberStatus.SUSPENDED, by=secretariat_user, comment="Absent")
    assert member.history.latest().history_user == secretariat_user


def test_a_move_carries_the_other_changes_of_its_step_in_one_save(secretariat_user):
    member = MemberFactory(name="Kestrel Ropeworks")
    before = member.history.count()
    member.move(MemberStatus.SUSPENDED, by=secretariat_user, comment="Absent", name="Kestrel Rope Co.")
    member.refresh_from_db()
    assert (member.status, member.name) == (MemberStatus.SUSPENDED, "Kestrel Rope Co.")
    assert member.history.count() == before + 1


def test_a_refused_move_raises_the_apps_error_and_changes_nothing(secretariat_user):
    member = MemberFactory(status=MemberStatus.EXPELLED)
    with pytest.raises(MembershipError) as refused:
        member.move(MemberStatus.ACTIVE, by=secretariat_user, comment="Appeal")
    assert refused.value.message == ILLEGAL_STATUS_MOVE % {
        "from": MemberStatus.EXPELLED.label,
        "to": MemberStatus.ACTIVE.label,
    }
    member.refresh_from_db()
    assert member.status == MemberStatus.EXPELLED
    assert not member.status_changes.exists()


def test_available_moves_follow_the_table():
    member = MemberFactory.build(status=MemberStatus.ACTIVE)
    assert member.available_moves() == {MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN, MemberStatus.EXPELLED}
    member.status = MemberStatus.WITHDRAWN
    assert member.available_moves() == frozenset()


def test_available_moves_for_a_user_ask_the_tables_who(monkeypatch, secretariat_user, liaison_user):
    table = {MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN})}
    only_withdrawal_for_others = Moves(
        table,
        error=MembershipError,
        refused=ILLEGAL_STATUS_MOVE,
        who=lambda user, member, to: user == secretariat_user or to == MemberStatus.WITHDRAWN,
    )
    monkeypatch.setattr(Member, "_resolved_moves", only_withdrawal_for_others, raising=False)
    member = MemberFactory.build(status=MemberStatus.ACTIVE)
    assert member.available_moves(secretariat_user) == {MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN}
    assert member.available_moves(liaison_user) == {MemberStatus.WITHDRAWN}
    assert member.available_moves() == {MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN}


@pytest.mark.parametrize(
    "model", [m for m in apps.get_models() if issubclass(m, StatusMixin)], ids=lambda m: m.__name__
)
def test_every_status_model_names_a_table_covering_its_statuses(model):
    machine = model.status_moves()
    statuses = {value for value, _label in model._meta.get_field("status").flatchoices}
    assert isinstance(machine, Moves)
    assert set(machine.table) == statuses
    assert all(to in statuses for moves in machine.table.values() for to in moves)
    assert model._meta.get_field("status_changes").related_model._meta.get_field("changed_at")


def test_a_move_sets_status_changed_at_where_the_model_keeps_it():
    application = submitted_unit(submit=False)
    with time_machine.travel(NOON, tick=False):
        application.move(ApplicationStatus.WITHDRAWN, by=application.applicant)
    application.refresh_from_db()
    assert (application.status, application.status_changed_at) == (ApplicationStatus.WITHDRAWN, NOON)
