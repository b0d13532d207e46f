"""Change of representative (003 第八条): positions end with the person; the successor inherits nothing."""

import datetime

import pytest

from alliance.roles import Role, has_role
from members import errors, extensions
from members.errors import MembershipError
from members.models import Representative, RepresentativeRole
from members.services import representative_add, representative_end, representative_replace
from tests.factories import UserFactory
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def departures():
    calls = []

    def record(*, representative, ended_on, by):
        calls.append((representative.pk, ended_on, by))

    extensions.representative_left.connect(record)
    yield calls
    extensions.representative_left.disconnect(record)


def test_replacement_ends_the_old_and_runs_the_departure_hooks(secretariat_user, departures):
    old = RepresentativeFactory()
    on = datetime.date(2026, 5, 4)
    new = representative_replace(
        representative=old, on=on, by=secretariat_user, name="Successor Person", email="successor@example.org"
    )
    old.refresh_from_db()
    assert old.ended_on == on
    assert departures == [(old.pk, on, secretariat_user)]
    assert (new.role, new.started_on, new.member) == (RepresentativeRole.PRIMARY, on, old.member)
    assert has_role(new.user, Role.MEMBER)
    # The old person no longer acts for any member: the Member role goes.
    old.user._alliance_roles = None
    assert not has_role(old.user.__class__.objects.get(pk=old.user.pk), Role.MEMBER)


def test_replacement_reuses_an_account_by_email(secretariat_user):
    existing = UserFactory(email="known@example.org")
    old = RepresentativeFactory()
    new = representative_replace(
        representative=old,
        on=datetime.date(2026, 5, 4),
        by=secretariat_user,
        name="Known",
        email="KNOWN@example.org",
    )
    assert new.user == existing


def test_a_failing_departure_hook_undoes_the_replacement(secretariat_user):
    def broken(**kwargs):
        raise RuntimeError("meetings unavailable")

    old = RepresentativeFactory()
    extensions.representative_left.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            representative_replace(
                representative=old,
                on=datetime.date(2026, 5, 4),
                by=secretariat_user,
                name="X",
                email="x@example.org",
            )
    finally:
        extensions.representative_left.disconnect(broken)
    old.refresh_from_db()
    assert old.ended_on is None
    assert Representative.objects.count() == 1


def test_cannot_leave_before_starting(secretariat_user):
    old = RepresentativeFactory(started_on=datetime.date(2026, 1, 1))
    with pytest.raises(MembershipError, match=str(errors.ENDED_BEFORE_START)):
        representative_replace(
            representative=old,
            on=datetime.date(2025, 1, 1),
            by=secretariat_user,
            name="X",
            email="x@example.org",
        )


def test_deputy_added_once_and_ended_without_successor(secretariat_user, departures):
    member = MemberFactory()
    deputy = representative_add(
        member=member,
        role="deputy",
        on=datetime.date(2026, 2, 1),
        by=secretariat_user,
        name="D",
        email="d@example.org",
    )
    with pytest.raises(MembershipError, match=str(errors.ROLE_TAKEN)):
        representative_add(
            member=member,
            role="deputy",
            on=datetime.date(2026, 2, 1),
            by=secretariat_user,
            name="E",
            email="e@example.org",
        )
    representative_end(representative=deputy, on=datetime.date(2026, 3, 1), by=secretariat_user)
    deputy.refresh_from_db()
    assert deputy.ended_on == datetime.date(2026, 3, 1)
    assert len(departures) == 1


def test_primary_cannot_be_ended_without_successor(secretariat_user):
    primary = RepresentativeFactory()
    with pytest.raises(MembershipError, match=str(errors.PRIMARY_NEEDS_SUCCESSOR)):
        representative_end(representative=primary, on=datetime.date(2026, 3, 1), by=secretariat_user)


def test_replace_page_records_the_successor(client, secretariat_user):
    from django.urls import reverse

    old = RepresentativeFactory()
    client.force_login(secretariat_user)
    response = client.post(
        reverse("members:representative_replace", args=[old.member.pk, old.pk]),
        {"on": "2026-05-04", "name": "Page Successor", "email": "page@example.org"},
    )
    assert response.status_code == 302
    assert old.member.representatives.current().get().name == "Page Successor"
