"""Liaison briefings (000 §I.2(1)): an office submits its own; the secretariat sees late offices."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from secretariat import errors, selectors, services
from secretariat.errors import SecretariatError
from secretariat.models import LiaisonBriefing
from secretariat.rules import briefing_due_period, period_containing
from tests.members.factories import LiaisonOfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_office(liaison_user):
    return LiaisonOfficeFactory(name="Bangkok Liaison Office", countries=["TH"], officers=[liaison_user])


@pytest.fixture
def other_office(db):
    return LiaisonOfficeFactory(name="Hanoi Liaison Office", countries=["VN"])


def _submit(office, user, start=datetime.date(2026, 7, 1)):
    return services.briefing_submit(
        office=office,
        by=user,
        period_start=start,
        work_done="Visited applicants.",
        contacts_made="",
        issues="",
    )


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_an_officer_submits_the_briefing_of_their_office(own_office, liaison_user):
    briefing = _submit(own_office, liaison_user, datetime.date(2026, 8, 15))
    assert (briefing.period_start, briefing.period_end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_briefing_for_another_office_is_refused(own_office, other_office, liaison_user):
    with pytest.raises(SecretariatError, match=str(errors.OTHER_OFFICE)):
        _submit(other_office, liaison_user)
    assert not LiaisonBriefing.objects.exists()


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_briefing_for_another_office_through_the_page_shows_the_refusal(
    own_office, other_office, liaison_user, client_for
):
    response = client_for(liaison_user).post(
        reverse("secretariat:briefing_create"),
        {"office": other_office.pk, "period": "2026-07-01", "work_done": "Visits"},
    )
    assert response.status_code == 200
    assert str(errors.OTHER_OFFICE) in response.content.decode()
    assert not LiaisonBriefing.objects.exists()


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_second_briefing_for_the_same_period_is_refused(own_office, liaison_user):
    _submit(own_office, liaison_user)
    with pytest.raises(SecretariatError, match=str(errors.BRIEFING_EXISTS)):
        _submit(own_office, liaison_user, datetime.date(2026, 9, 1))


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_briefing_for_a_future_period_is_refused(own_office, liaison_user):
    with pytest.raises(SecretariatError, match=str(errors.BRIEFING_FUTURE)):
        _submit(own_office, liaison_user, datetime.date(2027, 1, 1))


def test_periods_are_quarters_by_default():
    assert period_containing(datetime.date(2026, 11, 22), 3) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert period_containing(datetime.date(2026, 2, 1), 6) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )


def test_the_due_period_waits_for_the_grace_days():
    assert briefing_due_period(datetime.date(2026, 10, 10), 3, 15) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    )
    assert briefing_due_period(datetime.date(2026, 10, 16), 3, 15) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_the_secretariat_sees_which_offices_are_late(own_office, other_office, liaison_user):
    _submit(own_office, liaison_user)
    late = selectors.late_offices()
    assert [row.office for row in late] == [other_office]
    assert late[0].period_start == datetime.date(2026, 7, 1)


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_the_briefing_period_is_configurable(settings, own_office, liaison_user):
    settings.ALLIANCE_SECRETARIAT_BRIEFING_PERIOD_MONTHS = 1
    briefing = _submit(own_office, liaison_user, datetime.date(2026, 10, 5))
    assert briefing.period_end == datetime.date(2026, 10, 31)


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_briefing_pages_and_scope(
    own_office, other_office, liaison_user, secretariat_user, member_user, client, client_for
):
    own = _submit(own_office, liaison_user)
    officer = LiaisonOfficeFactory  # noqa: F841 - readability
    from alliance.roles import Role
    from tests.factories import UserFactory

    other_officer = UserFactory(username="vn-officer", roles=[Role.LIAISON_OFFICER])
    other_office.officers.add(other_officer)
    theirs = _submit(other_office, other_officer)
    lst = reverse("secretariat:briefing_list")
    assert client.get(lst).status_code == 302
    assert client_for(member_user).get(lst).status_code == 403
    content = client_for(liaison_user).get(lst).content.decode()
    assert "Bangkok Liaison Office" in content and "Hanoi Liaison Office" not in content
    assert (
        client_for(liaison_user).get(reverse("secretariat:briefing_detail", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client_for(liaison_user).get(reverse("secretariat:briefing_detail", args=[own.pk])).status_code == 200
    )
    assert (
        client_for(secretariat_user).get(reverse("secretariat:briefing_detail", args=[theirs.pk])).status_code
        == 200
    )
    assert client_for(secretariat_user).get(reverse("secretariat:briefing_create")).status_code == 403
    assert client_for(liaison_user).get(reverse("secretariat:briefing_create")).status_code == 200


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_the_dashboard_counts_the_late_offices_it_lists(secretariat_user, client_for):
    """The figure and the list come from one query: six late offices are five names and "1 more"."""
    from secretariat.dashboard import LIST_SIZE

    offices = [LiaisonOfficeFactory(name=f"Office {n}", countries=["VN"]) for n in range(LIST_SIZE + 1)]
    from secretariat.dashboard import briefings_context

    section = briefings_context(None)
    assert section["figure"] == len(section["late"]) + section["more"] == LIST_SIZE + 1
    page = client_for(secretariat_user).get(reverse("dashboard")).content.decode()
    assert sum(office.name in page for office in offices) == LIST_SIZE
    assert "and 1 more office" in page
