"""The secretariat's sections of the staff dashboard: shown per role, with constant queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from secretariat import services
from tests.members.factories import LiaisonOfficeFactory
from tests.secretariat.factories import ActivityFactory

pytestmark = pytest.mark.django_db

SECRETARIAT_SECTIONS = [
    "secretariat-reviews",
    "secretariat-activities",
    "secretariat-briefings",
    "secretariat-participation",
]


def section_keys(response):
    return {s["section"].key for s in response.context["sections"]}


def test_the_secretariat_sees_its_sections(client_for, secretariat_user):
    response = client_for(secretariat_user).get(reverse("dashboard"))
    assert response.status_code == 200
    assert set(SECRETARIAT_SECTIONS) <= section_keys(response)
    assert "<svg" in response.content.decode()


@pytest.mark.parametrize("fixture", ["member_user", "treasurer_user", "liaison_user"])
def test_other_roles_do_not_see_the_secretariat_sections(request, client_for, fixture):
    user = request.getfixturevalue(fixture)
    keys = section_keys(client_for(user).get(reverse("dashboard")))
    assert not set(SECRETARIAT_SECTIONS) & keys


def test_a_liaison_officer_sees_their_office_briefing_status(client_for, liaison_user):
    LiaisonOfficeFactory(name="Bangkok Liaison Office", officers=[liaison_user])
    response = client_for(liaison_user).get(reverse("dashboard"))
    assert "secretariat-my-briefings" in section_keys(response)
    assert "Bangkok Liaison Office" in response.content.decode()


def test_the_head_sees_the_document_waiting_for_review(make_document, head, client_for):
    document = make_document("in_review", title="Draft on office hours")
    response = client_for(head).get(reverse("dashboard"))
    section = next(s for s in response.context["sections"] if s["section"].key == "secretariat-reviews")
    assert section["documents"] == [document] and section["figure"] == 1
    assert reverse("secretariat:document_detail", args=[document.pk]) in response.content.decode()


def test_the_author_does_not_see_their_own_draft_as_waiting(make_document, clerk, client_for):
    make_document("in_review")
    response = client_for(clerk).get(reverse("dashboard"))
    section = next(s for s in response.context["sections"] if s["section"].key == "secretariat-reviews")
    assert section["documents"] == []


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_upcoming_activities_and_late_offices_are_listed(client_for, secretariat_user):
    ActivityFactory(theme="Open day", starts_on=datetime.date(2026, 12, 1))
    ActivityFactory(theme="Long past", starts_on=datetime.date(2026, 1, 1))
    LiaisonOfficeFactory(name="Colombo Liaison Office")
    content = client_for(secretariat_user).get(reverse("dashboard")).content.decode()
    assert "Open day" in content and "Long past" not in content
    assert "Colombo Liaison Office" in content


def test_a_circulated_reader_sees_the_unread_document(make_document, clerk, member_user, client_for):
    document = make_document("issued", audience="public")
    services.document_circulate(document=document, by=clerk, users=[member_user])
    response = client_for(member_user).get(reverse("dashboard"))
    assert document.number in response.content.decode()


def test_the_dashboard_query_count_is_constant(
    make_document, client_for, secretariat_user, django_assert_max_num_queries
):
    client = client_for(secretariat_user)
    make_document("in_review")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard"))
    for _ in range(8):
        make_document("in_review")
        ActivityFactory(starts_on=datetime.date.today() + datetime.timedelta(days=3))
        LiaisonOfficeFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("dashboard"))


@pytest.mark.parametrize(
    ("language", "today"), [("en", "6 Dec 2026"), ("zh-hans", "2026年12月6日"), ("zh-hant", "2026年12月6日")]
)
@time_machine.travel("2026-12-06 10:00 +08:00")
def test_the_dashboard_writes_today_as_the_readers_language_does(
    client_for, secretariat_user, language, today
):
    client = client_for(secretariat_user)
    client.cookies["django_language"] = language
    assert today in client.get(reverse("dashboard")).content.decode()


def test_the_review_section_counts_each_status_and_what_waits_for_the_reader(
    make_document, head, deputy, client_for
):
    """The figure counts the reader's review queue (the head: in review in their department;
    an approver: in review or reviewed; never their own), the bars every status."""
    make_document("draft")
    make_document("in_review")
    make_document("in_review")
    make_document("reviewed")
    make_document("in_review", author=deputy)

    def section(user):
        response = client_for(user).get(reverse("dashboard"))
        return next(s for s in response.context["sections"] if s["section"].key == "secretariat-reviews")

    bars = [count for _label, count in section(head)["status_bars"]]
    assert bars == [1, 3, 1, 0, 0]  # draft, in review, reviewed, approved, issued
    assert section(head)["figure"] == 3
    assert section(deputy)["figure"] == 3  # two in review and one reviewed; not the deputy's own


@time_machine.travel("2026-11-22 10:00 +08:00")
def test_a_late_office_leaves_the_cached_dashboard_once_its_briefing_is_in(client_for, secretariat_user):
    """The late offices are cached on the offices' and briefings' history: a briefing, or an
    office renamed, shows on the next request."""
    from secretariat.models import LiaisonBriefing

    office = LiaisonOfficeFactory(name="Colombo Liaison Office")
    client = client_for(secretariat_user)
    assert "Colombo Liaison Office" in client.get(reverse("dashboard")).content.decode()
    office.name = "Kandy Liaison Office"
    office.save()
    content = client.get(reverse("dashboard")).content.decode()
    assert "Kandy Liaison Office" in content and "Colombo Liaison Office" not in content
    late = next(
        s
        for s in client.get(reverse("dashboard")).context["sections"]
        if s["section"].key == "secretariat-briefings"
    )
    LiaisonBriefing.objects.create(
        office=office,
        period_start=late["late"][0].period_start,
        period_end=late["late"][0].period_end,
        work_done="Visits",
        submitted_by=secretariat_user,
    )
    assert "Kandy Liaison Office" not in client.get(reverse("dashboard")).content.decode()


def test_open_flags_on_the_cached_dashboard_follow_a_decision_and_a_renamed_member(
    client_for, secretariat_user
):
    from secretariat.models import FlagKind, FlagStatus, ParticipationFlag
    from tests.members.factories import MemberFactory

    member = MemberFactory(name="Lotus Trading")
    flag = ParticipationFlag.objects.create(
        member=member,
        kind=FlagKind.UNIT_ABSENT,
        proposed_status="suspended",
        consecutive_absences=3,
        evidence_key="a",
    )
    client = client_for(secretariat_user)

    def section():
        response = client.get(reverse("dashboard"))
        return next(
            s for s in response.context["sections"] if s["section"].key == "secretariat-participation"
        )

    assert section()["figure"] == 1 and "Lotus Trading" in client.get(reverse("dashboard")).content.decode()
    member.name = "Lotus Holdings"
    member.save()
    assert "Lotus Holdings" in client.get(reverse("dashboard")).content.decode()
    flag.status = FlagStatus.DISMISSED
    flag.save()
    assert section()["figure"] == 0 and section()["flags"] == []


def test_review_rights_on_the_cached_dashboard_follow_a_new_head_and_a_new_approver(
    make_document, department, head, deputy, client_for, secretariat_user
):
    """The reader's review rights are cached on departments' and staff profiles' history: a
    department given to the reader, or an approver's role, counts on the next request."""
    from secretariat.models import ApprovalRole, StaffProfile

    make_document("in_review")
    make_document("reviewed")
    client = client_for(secretariat_user)

    def figure():
        response = client.get(reverse("dashboard"))
        return next(s for s in response.context["sections"] if s["section"].key == "secretariat-reviews")[
            "figure"
        ]

    assert figure() == 0
    department.head = secretariat_user
    department.save()
    assert figure() == 1  # in review in the department the reader now heads
    StaffProfile.objects.create(user=secretariat_user, approval_role=ApprovalRole.SECRETARY_GENERAL)
    assert figure() == 2  # an approver's queue: reviewed too
