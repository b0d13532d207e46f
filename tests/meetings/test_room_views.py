"""Pages of the meeting room: who reaches each (and who is refused), htmx fragments, and polls
whose query count does not grow with the meeting (issue 13)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from meetings import errors, services
from meetings.models import Attendance, BallotCast, Mandate, MeetingRoom, SpeakerRequest
from meetings.services import room as room_services
from tests.factories import UserFactory
from tests.meetings.room_factories import check_in_all, online_meeting, rep_of

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def w(secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    item = services.agenda_item_add(meeting=meeting, title="Budget", by=secretariat_user)
    material = services.material_add(
        agenda_item=item,
        title="Budget paper",
        file=ContentFile(b"%PDF-1.4 budget", name="budget.pdf"),
        by=secretariat_user,
    )
    room_services.current_item_set(meeting=meeting, agenda_item=item, by=secretariat_user)
    delegate = UserFactory(username="delegate")
    mandate = room_services.mandate_grant(
        meeting=meeting, member=members[2], delegate=delegate, by=secretariat_user
    )
    check_in_all(meeting, members[:2])
    speaker = room_services.speaker_request(meeting=meeting, member=members[0], by=rep_of(members[0]))
    return {
        "meeting": meeting,
        "members": members,
        "item": item,
        "material": material,
        "delegate": delegate,
        "mandate": mandate,
        "speaker": speaker,
        "mine": members[0],
        "rep": rep_of(members[0]),
        "other_rep": rep_of(members[1]),
    }


def unit_url(name, w, *extra):
    return reverse(f"meetings:{name}", args=[w["meeting"].pk, w["mine"].pk, *extra])


ROOM_PAGES = [
    lambda w: unit_url("room", w),
    lambda w: unit_url("room_live", w),
    lambda w: unit_url("room_material", w, w["material"].pk),
]

ROOM_POSTS = [
    lambda w: (unit_url("room_check_in", w), {}),
    lambda w: (unit_url("room_vote", w), {"resolution": 0, "choice": "for"}),
    lambda w: (unit_url("room_speak", w), {}),
    lambda w: (unit_url("room_speak_withdraw", w, w["speaker"].pk), {}),
]

STAFF_PAGES = [
    "projector",
    "projector_live",
    "chair",
    "chair_live",
    "mandates",
    "sign_in_live",
]


def staff_posts(w):
    pk = w["meeting"].pk
    return [
        (reverse("meetings:check_in_window", args=[pk]), {"state": "close"}),
        (reverse("meetings:current_item", args=[pk]), {"agenda_item": ""}),
        (reverse("meetings:speaker_action", args=[pk, w["speaker"].pk]), {"action": "call"}),
        (reverse("meetings:mandates", args=[pk]), {"member": w["members"][1].number, "delegate": "delegate"}),
        (reverse("meetings:mandate_revoke", args=[pk, w["mandate"].pk]), {}),
    ]


def snapshot():
    return (
        Attendance.objects.count(),
        BallotCast.objects.count(),
        list(SpeakerRequest.objects.values_list("status", "position")),
        list(MeetingRoom.objects.values_list("check_in_open", "current_item")),
        list(Mandate.objects.values_list("delegate", "revoked_at")),
    )


@pytest.mark.parametrize("page", ROOM_PAGES)
def test_the_units_representative_reaches_its_room(w, client, page):
    client.force_login(w["rep"])
    response = client.get(page(w), follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ROOM_PAGES)
@pytest.mark.parametrize("who", ["other_rep", "delegate_of_other_unit", "plain", "staff"])
def test_others_get_404_from_a_units_room(w, client, page, who, secretariat_user):
    user = {
        "other_rep": w["other_rep"],
        "delegate_of_other_unit": w["delegate"],
        "plain": UserFactory(),
        "staff": secretariat_user,
    }[who]
    client.force_login(user)
    assert client.get(page(w)).status_code == 404


def test_room_index_leads_each_person_to_the_room_of_their_unit(w, client):
    url = reverse("meetings:room_index", args=[w["meeting"].pk])
    client.force_login(w["other_rep"])
    assert client.get(url)["Location"] == reverse("meetings:room", args=[w["meeting"].pk, w["members"][1].pk])
    client.force_login(w["delegate"])
    assert client.get(url)["Location"] == reverse("meetings:room", args=[w["meeting"].pk, w["members"][2].pk])
    client.force_login(UserFactory(roles=["Member"]))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("page", ROOM_PAGES)
def test_anonymous_is_sent_to_log_in_from_a_room(w, client, page):
    response = client.get(page(w))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("post", ROOM_POSTS)
@pytest.mark.parametrize("who", ["other_rep", "delegate_of_other_unit", "anonymous"])
def test_room_posts_by_others_are_refused_and_change_nothing(w, client, post, who):
    if who != "anonymous":
        client.force_login(w["other_rep"] if who == "other_rep" else w["delegate"])
    url, data = post(w)
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert snapshot() == before


def test_room_pages_refuse_get_on_posts(w, client):
    client.force_login(w["rep"])
    assert client.get(unit_url("room_check_in", w)).status_code == 405


def test_the_delegate_reaches_the_mandated_units_room_only(w, client):
    client.force_login(w["delegate"])
    third = w["members"][2]
    url = reverse("meetings:room", args=[w["meeting"].pk, third.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Delegate holding the unit" in response.content.decode()
    room_services.mandate_revoke(mandate=w["mandate"], by=w["meeting"].created_by)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_of_the_room(w, client, secretariat_user, member_user, name):
    url = reverse(f"meetings:{name}", args=[w["meeting"].pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(w["rep"])
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    assert client.get(url).status_code == 200


def test_staff_posts_are_refused_to_members_and_change_nothing(w, client):
    client.force_login(w["rep"])
    for url, data in staff_posts(w):
        before = snapshot()
        assert client.post(url, data).status_code == 403, url
        assert snapshot() == before
    client.logout()
    for url, data in staff_posts(w):
        assert client.post(url, data).status_code == 302


def test_staff_posts_do_their_change(w, client, secretariat_user):
    client.force_login(secretariat_user)
    for url, data in staff_posts(w):
        assert client.post(url, data).status_code == 302, url
    state = MeetingRoom.objects.get(meeting=w["meeting"])
    assert (state.check_in_open, state.current_item) == (False, None)
    assert SpeakerRequest.objects.get().status == "speaking"
    assert Mandate.objects.filter(revoked_at__isnull=True).get().member == w["members"][1]


def test_check_in_and_vote_from_the_room_with_htmx(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    for member in members:
        client.force_login(rep_of(member))
        response = client.post(reverse("meetings:room_check_in", args=[meeting.pk, member.pk]), **HX)
        assert "Your unit is checked in." in response.content.decode()
        assert 'id="unit-status"' in response.content.decode()  # a fragment, not a page
        assert "<html" not in response.content.decode()
    r = services.resolution_propose(meeting=meeting, title="Adopt", by=secretariat_user)
    services.voting_open(resolution=r, by=secretariat_user)
    url = reverse("meetings:room_vote", args=[meeting.pk, members[0].pk])
    client.force_login(rep_of(members[0]))
    live = client.get(reverse("meetings:room_live", args=[meeting.pk, members[0].pk])).content.decode()
    assert "0 of 3 ballots received" in live and 'value="for"' in live
    response = client.post(url, {"resolution": r.pk, "choice": "for"}, **HX)
    assert "Your unit&#x27;s vote is recorded." in response.content.decode()
    response = client.post(url, {"resolution": r.pk, "choice": "against"}, **HX)
    assert "already voted" in response.content.decode()
    assert BallotCast.objects.filter(resolution=r).count() == 1


def test_vote_without_htmx_redirects_with_the_refusal(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    check_in_all(meeting, members)
    r = services.resolution_propose(meeting=meeting, title="Adopt", by=secretariat_user)
    client.force_login(rep_of(members[0]))
    response = client.post(
        reverse("meetings:room_vote", args=[meeting.pk, members[0].pk]),
        {"resolution": r.pk, "choice": "for"},
        follow=True,
    )
    assert "Voting is not open on this motion." in response.content.decode()
    assert not BallotCast.objects.exists()


def test_clerks_sign_in_with_htmx_answers_one_row_and_the_quorum(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    client.force_login(secretariat_user)
    url = reverse("meetings:sign_in", args=[meeting.pk])
    response = client.post(
        url, {"member": members[0].pk, "mode": "in_person", "attendee_name": "Ms Lee"}, **HX
    )
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="unit-{members[0].pk}"')
    assert "signed-in" in body and "Ms Lee" in body
    assert 'id="sign-in-live"' in body and 'hx-swap-oob="outerHTML"' in body
    assert "1 of 3 entitled units present" in body
    response = client.post(url, {"member": members[0].pk, "mode": "in_person"}, **HX)
    assert "already signed in" in response.content.decode()
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        (
            {"mode": "delegate", "attendee_name": "Ms Chan", "delegate_name": ""},
            errors.DELEGATE_NAME_REQUIRED,
        ),
        ({"mode": "by pigeon", "attendee_name": "Ms Chan", "delegate_name": "Mr Wu"}, None),
    ],
)
def test_a_refused_sign_in_shows_its_error_in_the_row_with_what_was_typed(
    secretariat_user, client, typed, error
):
    meeting, members = online_meeting(by=secretariat_user, units=2)
    client.force_login(secretariat_user)
    url = reverse("meetings:sign_in", args=[meeting.pk])

    body = client.post(url, {"member": members[0].pk, **typed}, **HX).content.decode()

    row = body.split("</tr>", 1)[0]
    assert row.lstrip().startswith(f'<tr id="unit-{members[0].pk}"') and "row-error" in row
    if error:
        assert escape(str(error)) in row
    assert 'value="Ms Chan"' in row
    if typed["mode"] == "delegate":
        assert '<option value="delegate" selected>' in row
    if typed["delegate_name"]:
        assert f'value="{typed["delegate_name"]}"' in row
    assert not Attendance.objects.exists()


def test_what_was_typed_comes_back_escaped(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=1)
    client.force_login(secretariat_user)
    typed = {"member": members[0].pk, "mode": "delegate", "attendee_name": '"><script>alert(1)</script>'}
    body = client.post(reverse("meetings:sign_in", args=[meeting.pk]), typed, **HX).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body


def test_sign_in_poll_brings_rows_checked_in_online(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    room_services.room_check_in(meeting=meeting, member=members[1], by=rep_of(members[1]))
    client.force_login(secretariat_user)
    body = client.get(reverse("meetings:sign_in_live", args=[meeting.pk])).content.decode()
    assert f'<tr id="unit-{members[1].pk}" hx-swap-oob="true">' in body
    assert f'id="unit-{members[0].pk}"' not in body  # rows still open are left as the clerk has them
    assert "1 of 3 entitled units present" in body
    after = body.split("after=", 1)[1].split("&", 1)[0]
    assert after == str(Attendance.objects.get().pk)


def test_sign_in_poll_sends_only_rows_signed_in_since_the_last(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    first = room_services.room_check_in(meeting=meeting, member=members[0], by=rep_of(members[0]))
    second = room_services.room_check_in(meeting=meeting, member=members[1], by=rep_of(members[1]))
    client.force_login(secretariat_user)
    body = client.get(
        reverse("meetings:sign_in_live", args=[meeting.pk]), {"after": first.pk}
    ).content.decode()
    assert f'id="unit-{members[1].pk}"' in body and f'id="unit-{members[0].pk}"' not in body
    assert f"after={second.pk}&" in body  # the next poll starts from the newest


def test_projector_shows_quorum_vote_progress_and_result(secretariat_user, client):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    client.force_login(secretariat_user)
    url = reverse("meetings:projector_live", args=[meeting.pk])
    assert "0 / 3 present" in client.get(url).content.decode()
    check_in_all(meeting, members)
    body = client.get(url).content.decode()
    assert "3 / 3 present" in body and "Quorum met" in body
    r = services.resolution_propose(meeting=meeting, title="Adopt the plan", by=secretariat_user)
    services.voting_open(resolution=r, by=secretariat_user)
    room_services.room_vote_cast(resolution=r, member=members[0], choice="for", by=rep_of(members[0]))
    body = client.get(url).content.decode()
    assert "Adopt the plan" in body and "1 of 3 ballots received" in body
    services.voting_close(resolution=r, by=secretariat_user)
    body = client.get(url).content.decode()
    assert "Rejected" in body and "1 for, 0 against, 0 abstentions" in body and "more than 2/3" in body
    page = client.get(reverse("meetings:projector", args=[meeting.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "vendor/htmx-2.0.11/htmx.min.js" in page
    assert "<script>" not in page and " onclick=" not in page


def _poll_queries(client, url, django_assert_num_queries, n):
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


def _size(secretariat_user, units, title):
    meeting, members = online_meeting(by=secretariat_user, units=units, title=title)
    check_in_all(meeting, members)
    item = services.agenda_item_add(meeting=meeting, title="Item", by=secretariat_user)
    room_services.current_item_set(meeting=meeting, agenda_item=item, by=secretariat_user)
    for member in members:
        room_services.speaker_request(meeting=meeting, member=member, by=rep_of(member))
    r = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    services.voting_open(resolution=r, by=secretariat_user)
    for member in members:
        room_services.room_vote_cast(resolution=r, member=member, choice="for", by=rep_of(member))
    return meeting, members


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("poll", ["projector_live", "sign_in_live", "chair_live", "room_live"])
def test_each_poll_costs_the_same_queries_at_two_sizes(
    secretariat_user, client, django_assert_num_queries, poll
):
    small = _size(secretariat_user, 3, "Small")
    large = _size(secretariat_user, 40, "Large")
    counts = []
    for meeting, members in (small, large):
        if poll == "room_live":
            client.force_login(rep_of(members[0]))
            url = reverse("meetings:room_live", args=[meeting.pk, members[0].pk])
        else:
            client.force_login(secretariat_user)
            url = reverse(f"meetings:{poll}", args=[meeting.pk])
        client.get(url)  # warm the session
        counts.append((url, _count(client, url)))
    (small_url, n), (large_url, _n) = counts
    # The same fixed number at 3 and at 40 units, asserted exactly at both sizes.
    _poll_queries(client, large_url, django_assert_num_queries, n)
    if poll == "room_live":
        client.force_login(rep_of(small[1][0]))
    _poll_queries(client, small_url, django_assert_num_queries, n)
