"""The participation service raises flags from attendance; only a confirmation changes a status."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from members.models import MemberStatus, MemberStatusChange
from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import ActivityAttendance, FlagKind, FlagStatus, ParticipationFlag
from tests.members.factories import MemberFactory, RepresentativeFactory
from tests.secretariat.factories import ActivityFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def held_activities(secretariat_user):
    """Four held activities, a month apart, the last a week ago."""
    activities = []
    for i in range(4):
        start = TODAY - datetime.timedelta(days=7 + 30 * (3 - i))
        activities.append(ActivityFactory(starts_on=start, status="held", created_by=secretariat_user))
    return activities


def attend(activity, member, representative=None, by=None):
    ActivityAttendance.objects.create(
        activity=activity, member=member, representative=representative, recorded_by=by or activity.created_by
    )


@pytest.fixture
def absent_member(held_activities):
    """A unit that attended the first activity and nobody came to the three after it."""
    member = MemberFactory(joined_on=datetime.date(2024, 1, 1))
    attend(held_activities[0], member)
    return member


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_recompute_raises_a_flag_with_the_evidence_and_changes_no_status(absent_member, held_activities):
    present = MemberFactory(joined_on=datetime.date(2024, 1, 1))
    for activity in held_activities:
        attend(activity, present)
    assert services.participation_recompute() == 1
    flag = ParticipationFlag.objects.get()
    assert (flag.member, flag.kind, flag.status) == (absent_member, FlagKind.UNIT_ABSENT, FlagStatus.OPEN)
    assert [item["key"] for item in flag.evidence] == [f"activity:{a.pk}" for a in held_activities[1:]]
    absent_member.refresh_from_db()
    assert absent_member.status == MemberStatus.ACTIVE
    assert not MemberStatusChange.objects.exists()


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_recompute_twice_raises_nothing_new(absent_member):
    services.participation_recompute()
    assert services.participation_recompute() == 0
    assert ParticipationFlag.objects.count() == 1


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_members_who_joined_after_the_activities_are_not_expected(held_activities):
    MemberFactory(joined_on=TODAY - datetime.timedelta(days=3))
    assert services.participation_recompute() == 0


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_representative_absent_in_person_is_flagged_with_their_name(secretariat_user):
    representative = RepresentativeFactory(member__joined_on=datetime.date(2024, 1, 1))
    for i in range(6):
        activity = ActivityFactory(starts_on=TODAY - datetime.timedelta(days=10 + 20 * i), status="held")
        attend(activity, representative.member)  # somebody else came each time
    services.participation_recompute()
    flag = ParticipationFlag.objects.get()
    assert (flag.kind, flag.representative, flag.consecutive_absences) == (
        FlagKind.REPRESENTATIVE_ABSENT,
        representative,
        6,
    )


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_confirming_suspends_the_member_through_the_members_service(absent_member, secretariat_user):
    services.participation_recompute()
    flag = services.flag_confirm(
        flag=ParticipationFlag.objects.get(), by=secretariat_user, comment="Warned by letter"
    )
    absent_member.refresh_from_db()
    assert absent_member.status == MemberStatus.SUSPENDED
    change = MemberStatusChange.objects.get(member=absent_member)
    assert change.changed_by == secretariat_user and "003 art. 9" in change.comment
    assert (flag.status, flag.decided_by) == (FlagStatus.CONFIRMED, secretariat_user)


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_dismissing_leaves_the_member_alone_and_the_run_is_not_raised_again(absent_member, secretariat_user):
    services.participation_recompute()
    services.flag_dismiss(
        flag=ParticipationFlag.objects.get(), by=secretariat_user, comment="Excused: floods"
    )
    absent_member.refresh_from_db()
    assert absent_member.status == MemberStatus.ACTIVE
    assert services.participation_recompute() == 0


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_decision_needs_a_reason_and_is_taken_once(absent_member, secretariat_user):
    services.participation_recompute()
    flag = ParticipationFlag.objects.get()
    with pytest.raises(SecretariatError, match=str(errors.DECISION_REASON)):
        services.flag_confirm(flag=flag, by=secretariat_user, comment="")
    services.flag_dismiss(flag=flag, by=secretariat_user, comment="Excused")
    with pytest.raises(SecretariatError, match=str(errors.FLAG_DECIDED)):
        services.flag_confirm(flag=flag, by=secretariat_user, comment="Changed my mind")
    absent_member.refresh_from_db()
    assert absent_member.status == MemberStatus.ACTIVE


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_flag_pages_confirm_by_post_only(absent_member, secretariat_user, member_user, client, client_for):
    services.participation_recompute()
    flag = ParticipationFlag.objects.get()
    detail = reverse("secretariat:flag_detail", args=[flag.pk])
    confirm = reverse("secretariat:flag_confirm", args=[flag.pk])
    assert client.get(detail).status_code == 302
    assert client_for(member_user).get(detail).status_code == 403
    assert client_for(member_user).post(confirm, {"comment": "x"}).status_code == 403
    staff = client_for(secretariat_user)
    page = staff.get(detail)
    assert page.status_code == 200 and held_label(flag) in page.content.decode()
    assert staff.get(confirm).status_code == 405
    response = staff.post(confirm, {"comment": "Warned"})
    assert response.status_code == 302
    absent_member.refresh_from_db()
    assert absent_member.status == MemberStatus.SUSPENDED


def held_label(flag):
    return flag.evidence[0]["label"]


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_the_recompute_button_and_command(absent_member, secretariat_user, client_for):
    from django.core.management import call_command

    call_command("recompute_participation")
    assert ParticipationFlag.objects.count() == 1
    response = client_for(secretariat_user).post(reverse("secretariat:flag_recompute"))
    assert response.status_code == 302


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_meeting_absences_count_with_activity_absences(absent_member, secretariat_user):
    """Three activities missed plus meetings missed: more than six in a row, treated as withdrawal."""
    from meetings.models import Body, Invitation, Meeting

    body = Body.objects.first() or Body.objects.create(code="CM", name="Chairman's Meeting")
    for i in range(4):
        starts_at = datetime.datetime(2026, 11, 1 + i, 10, tzinfo=datetime.UTC)
        meeting = Meeting.objects.create(
            body=body, title=f"Session {i}", starts_at=starts_at, status="held", created_by=secretariat_user
        )
        Invitation.objects.create(meeting=meeting, member=absent_member)
    services.participation_recompute()
    assert list(ParticipationFlag.objects.values_list("kind", flat=True)) == [FlagKind.WITHDRAWAL]


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_an_individual_member_who_came_is_present_in_person(secretariat_user):
    individual = MemberFactory(
        kind="individual", tier="individual_member", joined_on=datetime.date(2024, 1, 1)
    )
    for i in range(7):
        activity = ActivityFactory(starts_on=TODAY - datetime.timedelta(days=10 + 20 * i), status="held")
        attend(activity, individual)
    assert services.participation_recompute() == 0


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_dismissal_without_a_reason_shows_its_error_beside_the_field(
    absent_member, secretariat_user, client_for
):
    """The dismissal's comment is shown again as typed, its error beside it (issue 12 item 6)."""
    services.participation_recompute()
    flag = ParticipationFlag.objects.get()
    staff = client_for(secretariat_user)
    response = staff.post(
        reverse("secretariat:flag_dismiss", args=[flag.pk]), {"comment": "   "}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("secretariat:flag_detail", args=[flag.pk])
    dismiss = html.split(reverse("secretariat:flag_dismiss", args=[flag.pk]), 1)[1]
    assert 'aria-invalid="true"' in dismiss and 'id="dismiss-comment-error"' in dismiss
    confirm = html.split(reverse("secretariat:flag_confirm", args=[flag.pk]), 1)[1].split("</form>")[0]
    assert "is-invalid" not in confirm
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


@pytest.mark.postgres
@time_machine.travel("2026-11-22 10:00 +08:00")
def test_recompute_analyses_the_flags_it_raised(absent_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert services.participation_recompute() == 1
    statements = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    assert statements and ParticipationFlag._meta.db_table in statements[0]
