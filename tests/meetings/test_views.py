"""Every page: who reaches it (200), who is refused (403, login redirect, 404 out of scope)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Invitation, MinutesStatus, OfficeHolding, ResolutionStatus
from tests.meetings.factories import in_session, make_meeting
from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(secretariat_user, member_user):
    """A held meeting with a passed resolution, circulated minutes, and the member user's unit invited."""
    meeting, members = make_meeting(by=secretariat_user, units=3)
    mine = RepresentativeFactory(user=member_user).member
    services.invitations_default(meeting=meeting, by=secretariat_user)
    members.append(mine)
    item = services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    in_session(meeting, members, by=secretariat_user)
    r = services.resolution_propose(meeting=meeting, title="Adopt", by=secretariat_user, agenda_item=item)
    r = services.paper_result_record(
        resolution=r, votes_for=4, votes_against=0, votes_abstain=0, by=secretariat_user
    )
    action = services.action_item_add(
        resolution=r, title="Do", owner_name="X", due_on=timezone.localdate(), by=secretariat_user
    )
    services.meeting_change_status(meeting=meeting, to_status="held", by=secretariat_user)
    minutes = services.minutes_draft(meeting=meeting, by=secretariat_user)
    services.minutes_submit(minutes=minutes, by=secretariat_user)
    services.minutes_approve(minutes=minutes, by=secretariat_user)
    services.minutes_circulate(minutes=minutes, by=secretariat_user)
    holding = OfficeHolding.objects.create(
        office="treasurer",
        holder=secretariat_user,
        how="appointed",
        started_on=datetime.date(2024, 1, 1),
        recorded_by=secretariat_user,
    )
    upcoming, _ = make_meeting(by=secretariat_user, units=0, title="Upcoming")
    services.notice_issue(meeting=upcoming, by=secretariat_user)
    invitation = Invitation.objects.get(meeting=upcoming, member=mine)
    return {
        "meeting": meeting,
        "resolution": r,
        "item": item,
        "minutes": minutes,
        "holding": holding,
        "action": action,
        "invitation": invitation,
        "upcoming": upcoming,
        "mine": mine,
    }


STAFF_PAGES = [
    ("meetings:meeting_list", lambda w: []),
    ("meetings:meeting_create", lambda w: []),
    ("meetings:meeting_detail", lambda w: [w["meeting"].pk]),
    ("meetings:meeting_edit", lambda w: [w["upcoming"].pk]),
    ("meetings:invitations", lambda w: [w["meeting"].pk]),
    ("meetings:sign_in", lambda w: [w["meeting"].pk]),
    ("meetings:body_list", lambda w: []),
    ("meetings:body_create", lambda w: []),
    ("meetings:body_edit", lambda w: [w["meeting"].body_id]),
    ("meetings:resolution_list", lambda w: []),
    ("meetings:resolution_detail", lambda w: [w["resolution"].pk]),
    ("meetings:progress_report", lambda w: []),
    ("meetings:progress_report_pdf", lambda w: []),
    ("meetings:minutes_detail", lambda w: [w["minutes"].pk]),
    ("meetings:office_list", lambda w: []),
]

STAFF_POSTS = [
    ("meetings:agenda_item_add", lambda w: [w["meeting"].pk]),
    ("meetings:material_add", lambda w: [w["item"].pk]),
    ("meetings:notice_issue", lambda w: [w["meeting"].pk]),
    ("meetings:meeting_status", lambda w: [w["meeting"].pk]),
    ("meetings:resolution_propose", lambda w: [w["meeting"].pk]),
    ("meetings:election_nominate", lambda w: [w["meeting"].pk]),
    ("meetings:minutes_draft", lambda w: [w["meeting"].pk]),
    ("meetings:voting_open", lambda w: [w["resolution"].pk]),
    ("meetings:vote_cast", lambda w: [w["resolution"].pk]),
    ("meetings:voting_close", lambda w: [w["resolution"].pk]),
    ("meetings:vote_reopen", lambda w: [w["resolution"].pk]),
    ("meetings:paper_result", lambda w: [w["resolution"].pk]),
    ("meetings:resolution_withdraw", lambda w: [w["resolution"].pk]),
    ("meetings:action_item_add", lambda w: [w["resolution"].pk]),
    ("meetings:action_item_report", lambda w: [w["action"].pk]),
    ("meetings:progress_report_to_agenda", lambda w: []),
    ("meetings:minutes_action", lambda w: [w["minutes"].pk]),
    ("meetings:minutes_correct", lambda w: [w["minutes"].pk]),
    ("meetings:office_appoint", lambda w: []),
    ("meetings:office_end", lambda w: [w["holding"].pk]),
]

OTHERS = ["liaison_user", "treasurer_user", "member_user", "plain_user"]


def test_staff_pages_and_changes_send_anonymous_visitors_to_log_in(world, client):
    for name, args in STAFF_PAGES:
        response = client.get(reverse(name, args=args(world)))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name, args in STAFF_POSTS:
        response = client.post(reverse(name, args=args(world)))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


@pytest.mark.parametrize(
    "role,status", [("secretariat_user", 200), ("admin_user", 200), *[(role, 403) for role in OTHERS]]
)
def test_staff_pages_reach_secretariat_and_admin_only(role, status, world, client, request):
    client.force_login(request.getfixturevalue(role))
    for name, args in STAFF_PAGES:
        assert client.get(reverse(name, args=args(world))).status_code == status, name


@pytest.mark.parametrize("role", OTHERS)
def test_state_changes_are_secretariat_only(role, world, client, request):
    client.force_login(request.getfixturevalue(role))
    for name, args in STAFF_POSTS:
        assert client.post(reverse(name, args=args(world))).status_code == 403, name


def test_state_changes_are_post_only(world, client, secretariat_user):
    client.force_login(secretariat_user)
    for name, args in STAFF_POSTS:
        assert client.get(reverse(name, args=args(world))).status_code == 405, name


def test_missing_object_is_404(world, client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(reverse("meetings:meeting_detail", args=[999999])).status_code == 404
    assert client.get(reverse("meetings:resolution_detail", args=[999999])).status_code == 404


def test_member_sees_own_meetings_and_answers(world, client, member_user):
    url = reverse("meetings:my_meetings")
    client.force_login(member_user)
    response = client.get(url)
    assert response.status_code == 200 and b"Upcoming" in response.content
    answer = reverse("meetings:invitation_answer", args=[world["invitation"].pk])
    response = client.post(answer, {"response": "attend"})
    assert response.status_code == 302
    world["invitation"].refresh_from_db()
    assert world["invitation"].response == "attend" and world["invitation"].responded_by == member_user


@pytest.mark.parametrize("role", ["secretariat_user", "liaison_user"])
def test_only_members_have_a_my_meetings_page(role, world, client, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("meetings:my_meetings")).status_code == 403


def test_member_cannot_answer_another_members_invitation(world, client, secretariat_user):
    other_rep = RepresentativeFactory()
    client.force_login(other_rep.user)
    answer = reverse("meetings:invitation_answer", args=[world["invitation"].pk])
    assert client.post(answer, {"response": "decline"}).status_code == 404
    world["invitation"].refresh_from_db()
    assert world["invitation"].response == "pending"


def test_member_reads_circulated_minutes_and_is_recorded(world, client, member_user):
    minutes = world["minutes"]
    assert minutes.status == MinutesStatus.CIRCULATED or minutes.refresh_from_db() is None
    client.force_login(member_user)
    url = reverse("meetings:minutes_read", args=[minutes.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    receipt = minutes.recipients.get(member=world["mine"])
    assert receipt.read_by == member_user and receipt.read_at
    assert "I have read these minutes" not in client.get(url).content.decode()
    assert client.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code == 200


def test_opening_the_minutes_records_no_read_receipt(world, client, member_user):
    """A GET (a link on another site, a prefetch) must not mark the minutes read (issue 9 item 5)."""
    minutes = world["minutes"]
    client.force_login(member_user)
    response = client.get(reverse("meetings:minutes_read", args=[minutes.pk]))
    assert response.status_code == 200
    assert "I have read these minutes" in response.content.decode()
    receipt = minutes.recipients.get(member=world["mine"])
    assert receipt.read_at is None and receipt.read_by is None


def test_minutes_of_other_members_are_404(world, client, liaison_user):
    other_rep = RepresentativeFactory()
    client.force_login(other_rep.user)
    assert client.get(reverse("meetings:minutes_read", args=[world["minutes"].pk])).status_code == 404
    client.force_login(liaison_user)
    assert client.get(reverse("meetings:minutes_read", args=[world["minutes"].pk])).status_code == 403


def test_bad_vote_via_the_page_shows_message_and_changes_nothing(secretariat_user, client):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    in_session(meeting, members, by=secretariat_user)
    r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    services.voting_open(resolution=r, by=secretariat_user)
    client.force_login(secretariat_user)
    url = reverse("meetings:vote_cast", args=[r.pk])
    client.post(url, {"member": members[0].pk, "choice": "for"})
    response = client.post(url, {"member": members[0].pk, "choice": "against"}, follow=True)
    assert "already voted" in response.content.decode()
    assert r.ballots.count() == 1


def test_sign_in_page_shows_quorum_live(secretariat_user, client):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    client.force_login(secretariat_user)
    url = reverse("meetings:sign_in", args=[meeting.pk])
    assert "Quorum not met" in client.get(url).content.decode()
    for member in members:
        client.post(url, {"member": member.pk, "mode": "in_person"})
    assert "Quorum met" in client.get(url).content.decode()


def test_meeting_create_form_stores_utc_and_rejects_bad_input(secretariat_user, client):
    from meetings.models import Body, Meeting

    body = Body.objects.get_or_create(code="GA", defaults={"name": "General Assembly"})[0]
    client.force_login(secretariat_user)
    url = reverse("meetings:meeting_create")
    response = client.post(
        url, {"body": body.pk, "title": "X", "starts_at": "2030-05-28T09:00", "mode": "offline"}
    )
    assert response.status_code == 200 and "venue" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(
        url,
        {
            "body": body.pk,
            "title": "X",
            "starts_at": "2030-05-28T09:00",
            "mode": "offline",
            "venue": "Kunming",
        },
    )
    meeting = Meeting.objects.get()
    # 09:00 in Kunming (UTC+8) is 01:00 UTC.
    assert meeting.starts_at == datetime.datetime(2030, 5, 28, 1, 0, tzinfo=datetime.UTC)


def test_resolution_page_result_passes(world, client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get(reverse("meetings:resolution_detail", args=[world["resolution"].pk]))
    assert world["resolution"].status == ResolutionStatus.PASSED
    assert "more than 2/3" in response.content.decode()


def test_dashboard_and_member_file_sections(world, client, secretariat_user, django_assert_max_num_queries):
    from members.extensions import member_file

    client.force_login(secretariat_user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Overdue resolution action items" in response.content.decode()

    class Req:
        user = secretariat_user

    from meetings import sections as mine

    with django_assert_max_num_queries(2):
        context = mine.member_meetings_context(Req(), member=world["mine"])
    assert context["participation"] == [(world["meeting"], True)]
    with django_assert_max_num_queries(1):
        context = mine.member_positions_context(Req(), member=world["mine"])
    keys = {s.key for s in member_file()}
    assert {"meetings-attended", "positions-held"} <= keys


def test_oversized_material_is_refused(world, client, secretariat_user, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ALLIANCE_MAX_UPLOAD_MB = 1
    client.force_login(secretariat_user)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(
        reverse("meetings:material_add", args=[world["item"].pk]), {"title": "Big", "file": big}, follow=True
    )
    assert "the limit is 1 MB" in response.content.decode()
    assert not world["item"].materials.exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_page_query_counts_do_not_grow_with_the_meeting(secretariat_user, client):
    client.force_login(secretariat_user)
    counts = []
    for units in (3, 30):
        meeting, members = make_meeting(by=secretariat_user, units=units, title=f"Size {units}")
        in_session(meeting, members, by=secretariat_user)
        r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
        services.voting_open(resolution=r, by=secretariat_user)
        for member in members:
            services.vote_cast(resolution=r, member=member, choice="for", by=secretariat_user)
        counts.append(
            (
                _queries(client, reverse("meetings:sign_in", args=[meeting.pk])),
                _queries(client, reverse("meetings:resolution_detail", args=[r.pk])),
                _queries(client, reverse("meetings:meeting_detail", args=[meeting.pk])),
                _queries(client, reverse("meetings:invitations", args=[meeting.pk])),
            )
        )
    assert counts[0] == counts[1]


def test_member_list_query_count_is_constant(world, client, member_user):
    client.force_login(member_user)
    before = _queries(client, reverse("meetings:my_meetings"))
    other, _ = make_meeting(by=world["minutes"].created_by, units=0, title="Another")
    services.invitations_default(meeting=other, by=world["minutes"].created_by)
    services.agenda_item_add(meeting=other, title="Item", by=world["minutes"].created_by)
    services.notice_issue(meeting=other, by=world["minutes"].created_by)
    assert _queries(client, reverse("meetings:my_meetings")) == before


def test_meetings_visible_to_scopes_members(world, member_user, liaison_user, secretariat_user):
    from meetings import selectors

    assert set(selectors.meetings_visible_to(member_user)) == {world["meeting"], world["upcoming"]}
    assert not selectors.meetings_visible_to(liaison_user).exists()
    assert selectors.meetings_visible_to(secretariat_user).count() == 2


def test_notice_and_approval_dates_end_with_one_full_stop(world, client, secretariat_user):
    """English date-times end with "p.m." or "a.m.": the sentence adds no second full stop."""
    upcoming = world["upcoming"]
    Meeting = type(upcoming)
    Meeting.objects.filter(pk=upcoming.pk).update(
        notice_issued_at=datetime.datetime(2026, 5, 1, 15, 31, tzinfo=datetime.UTC)
    )
    client.force_login(secretariat_user)
    pages = [
        client.get(reverse("meetings:meeting_detail", args=[upcoming.pk])).content.decode(),
        client.get(reverse("meetings:minutes_detail", args=[world["minutes"].pk])).content.decode(),
    ]
    assert "Notice issued on" in pages[0] and "Approved by" in pages[1]
    assert not any(re.search(r"[ap]\.m\.\.", page) for page in pages)


def test_people_are_shown_by_name(world, client, secretariat_user):
    """The approver of the minutes is shown by name; the username only for a person without one."""
    secretariat_user.first_name, secretariat_user.last_name = "Mei", "Lin"
    secretariat_user.save()
    client.force_login(secretariat_user)
    page = client.get(reverse("meetings:minutes_detail", args=[world["minutes"].pk])).content.decode()
    assert "Approved by Mei Lin" in page
    assert str(type(secretariat_user)(username="nobody")) == "nobody"
