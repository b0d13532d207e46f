"""Activity workflow (004 三.3): plan, approval (major ones by the council), preparation, held with
attendance, summary report, archive."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import Activity, ActivityAttendance, ActivityStatus
from tests.members.factories import MemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

PLAN = {
    "theme": "Workshop on escort standards",
    "starts_on": datetime.date(2026, 5, 10),
    "ends_on": datetime.date(2026, 5, 11),
    "place": "Bangkok",
    "content": "Talks and a site visit.",
    "participants": "Member units of the region",
    "budget": Decimal("4800.00"),
    "is_major": False,
    "department": None,
}


def _held(user, **changes):
    activity = services.activity_create(by=user, **(PLAN | changes))
    services.activity_approve(activity=activity, by=user, body="secretariat")
    services.activity_move(activity=activity, to_status="preparing", by=user)
    with time_machine.travel("2026-05-10 09:00 +08:00"):
        return services.activity_move(activity=activity, to_status="held", by=user)


def test_an_activity_goes_from_plan_to_archive_with_history(secretariat_user):
    activity = _held(secretariat_user)
    representative = RepresentativeFactory()
    services.activity_record_attendance(
        activity=activity, by=secretariat_user, member=representative.member, representative=representative
    )
    services.activity_report(
        activity=activity, by=secretariat_user, summary="Went well.", lessons="Start earlier."
    )
    activity = services.activity_archive(activity=activity, by=secretariat_user)
    assert activity.status == ActivityStatus.ARCHIVED
    assert list(activity.status_changes.order_by("id").values_list("to_status", flat=True)) == [
        "approved",
        "preparing",
        "held",
        "reported",
        "archived",
    ]
    assert activity.lessons == "Start earlier."


def test_an_activity_without_dates_is_refused(secretariat_user):
    with pytest.raises(SecretariatError, match=str(errors.ACTIVITY_DATES)):
        services.activity_create(by=secretariat_user, **(PLAN | {"starts_on": None}))
    with pytest.raises(SecretariatError, match=str(errors.ACTIVITY_DATES)):
        services.activity_create(by=secretariat_user, **(PLAN | {"ends_on": datetime.date(2026, 5, 1)}))
    assert not Activity.objects.exists()


def test_the_plan_form_without_dates_shows_errors_and_creates_nothing(client_for, secretariat_user):
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_create"),
        {"theme": "Open day", "place": "Kunming", "content": "Visit", "budget": "100"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_on"]
    assert not Activity.objects.exists()


def test_a_budget_that_is_not_an_amount_is_a_form_error(client_for, secretariat_user):
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_create"),
        {
            "theme": "Open day",
            "place": "Kunming",
            "content": "Visit",
            "budget": "12,5x",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-10",
        },
    )
    assert "Enter an amount" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("typed", ["1,00", "1_000", "１００", "1E+2", "+5", "1e309", "-5", "10.001"])
def test_a_refused_budget_is_shown_next_to_the_field_as_typed_and_plans_nothing(
    client_for, secretariat_user, typed
):
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_create"),
        {
            "theme": "Open day",
            "place": "Kunming",
            "content": "Visit",
            "budget": typed,
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-10",
        },
    )
    assert response.status_code == 200 and not Activity.objects.exists()
    form = response.context["form"]
    assert form.errors["budget"] and form["budget"].value() == typed
    block = response.content.decode().split('id="div_id_budget"')[1].split('id="div_id_')[0]
    assert f'value="{typed}"' in block and "invalid-feedback" in block


def test_planning_through_the_page_keeps_the_budget_decimal(client_for, secretariat_user):
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_create"),
        {
            "theme": "Open day",
            "place": "Kunming",
            "content": "Visit",
            "budget": "1,250.50",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-10",
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().budget == Decimal("1250.50")


def test_a_major_activity_needs_the_councils_decision(secretariat_user):
    activity = services.activity_create(by=secretariat_user, **(PLAN | {"is_major": True}))
    with pytest.raises(SecretariatError, match=str(errors.MAJOR_NEEDS_COUNCIL)):
        services.activity_approve(activity=activity, by=secretariat_user, body="secretariat")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED
    activity = services.activity_approve(
        activity=activity, by=secretariat_user, body="council", reference="Council decision 2026-03"
    )
    assert (activity.approval_body, activity.approval_reference) == ("council", "Council decision 2026-03")


def test_attendance_is_recorded_only_once_held(secretariat_user):
    activity = services.activity_create(by=secretariat_user, **PLAN)
    with pytest.raises(SecretariatError, match=str(errors.ATTENDANCE_NOT_HELD)):
        services.activity_record_attendance(activity=activity, by=secretariat_user, member=MemberFactory())
    assert not ActivityAttendance.objects.exists()


def test_an_activity_is_not_marked_held_before_it_starts(secretariat_user):
    activity = services.activity_create(by=secretariat_user, **PLAN)
    services.activity_approve(activity=activity, by=secretariat_user, body="secretariat")
    services.activity_move(activity=activity, to_status="preparing", by=secretariat_user)
    with (
        time_machine.travel("2026-05-01 09:00 +08:00"),
        pytest.raises(SecretariatError, match=str(errors.NOT_STARTED)),
    ):
        services.activity_move(activity=activity, to_status="held", by=secretariat_user)


def test_a_representative_of_another_member_is_refused(secretariat_user):
    activity = _held(secretariat_user)
    other = RepresentativeFactory()
    with pytest.raises(SecretariatError, match=str(errors.REPRESENTATIVE_OF_OTHER_MEMBER)):
        services.activity_record_attendance(
            activity=activity, by=secretariat_user, member=MemberFactory(), representative=other
        )


def test_recording_attendance_twice_updates_the_row(secretariat_user):
    activity = _held(secretariat_user)
    representative = RepresentativeFactory()
    member = representative.member
    services.activity_record_attendance(
        activity=activity, by=secretariat_user, member=member, attendee_name="A deputy"
    )
    services.activity_record_attendance(
        activity=activity, by=secretariat_user, member=member, representative=representative
    )
    row = ActivityAttendance.objects.get()
    assert row.representative == representative and row.attendee_name == ""


def test_attendance_through_the_page(client_for, secretariat_user):
    activity = _held(secretariat_user)
    representative = RepresentativeFactory()
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_action", args=[activity.pk, "attendance"]),
        {"member_number": representative.member.number, "representative_present": "on"},
    )
    assert response.status_code == 302
    assert ActivityAttendance.objects.get().representative == representative
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_action", args=[activity.pk, "attendance"]),
        {"member_number": "UNKNOWN"},
        follow=True,
    )
    assert "No member has that number." in response.content.decode()


@pytest.mark.parametrize("ticked", [True, False])
def test_an_individual_members_attendance_is_recorded_in_person(client_for, secretariat_user, ticked):
    """Issue 9 §12: an individual has no representative; the person attends, so that is in person."""
    activity = _held(secretariat_user)
    person = MemberFactory(kind="individual", tier="individual_member", name="Dr. Lin Example")
    data = {"member_number": person.number} | ({"representative_present": "on"} if ticked else {})
    client = client_for(secretariat_user)
    response = client.post(reverse("secretariat:activity_action", args=[activity.pk, "attendance"]), data)
    assert response.status_code == 302
    row = ActivityAttendance.objects.get(activity=activity, member=person)
    assert (row.representative, row.attendee_name) == (None, "Dr. Lin Example")
    page = client.get(reverse("secretariat:activity_detail", args=[activity.pk])).content.decode()
    assert "This member has no current representative." not in page
    assert "The member, in person" in page


def test_a_unit_without_a_representative_cannot_be_marked_present_in_person(client_for, secretariat_user):
    activity = _held(secretariat_user)
    unit = MemberFactory()
    response = client_for(secretariat_user).post(
        reverse("secretariat:activity_action", args=[activity.pk, "attendance"]),
        {"member_number": unit.number, "representative_present": "on"},
        follow=True,
    )
    assert "This member has no current representative." in response.content.decode()
    assert not ActivityAttendance.objects.exists()


def test_a_summary_is_required(secretariat_user):
    activity = _held(secretariat_user)
    with pytest.raises(SecretariatError, match=str(errors.SUMMARY_REQUIRED)):
        services.activity_report(activity=activity, by=secretariat_user, summary="  ")


def test_the_member_file_section_lists_the_members_attendance(secretariat_user, rf):
    from alliance.sections import render_sections
    from members.extensions import member_file

    activity = _held(secretariat_user)
    member = MemberFactory()
    services.activity_record_attendance(
        activity=activity, by=secretariat_user, member=member, attendee_name="X"
    )
    request = rf.get("/")
    request.user = secretariat_user
    sections = {s["section"].key: s for s in render_sections(request, member_file(), member=member)}
    assert [row.activity for row in sections["secretariat-participation"]["attendance"]] == [activity]
