"""The sign-in sheet's speed helpers (issue 15): the invitations' copy of their unit's name that
orders the sheet, and the quorum counted in one query."""

import re

import pytest
from django.urls import reverse

from meetings import selectors, services
from meetings.models import Invitation
from members.models import MemberStatus
from tests.meetings.factories import in_session, make_meeting
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _sheet_units(client, meeting):
    html = client.get(reverse("meetings:sign_in", args=[meeting.pk])).content.decode()
    return [int(pk) for pk in re.findall(r'<tr id="unit-(\d+)"', html)]


def test_sheet_lists_units_by_name_and_follows_a_rename(secretariat_user, client):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    for member, name in zip(members, ["Charlie Guard", "Alpha Guard", "Bravo Guard"], strict=True):
        member.name = name
        member.save()
    client.force_login(secretariat_user)
    assert _sheet_units(client, meeting) == [members[1].pk, members[2].pk, members[0].pk]
    members[0].name = "Aardvark Guard"
    members[0].save(update_fields=["name"])
    assert _sheet_units(client, meeting) == [members[0].pk, members[1].pk, members[2].pk]
    # A save that leaves the name alone does not touch the invitations.
    members[0].status = MemberStatus.SUSPENDED
    members[0].save(update_fields=["status"])
    assert Invitation.objects.get(meeting=meeting, member=members[0]).member_name == "Aardvark Guard"


def test_invitations_copy_their_units_name_when_saved_or_bulk_created(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=2)
    assert {inv.member_name for inv in Invitation.objects.filter(meeting=meeting)} == {
        m.name for m in members
    }
    late = MemberFactory(name="Late Guard")
    Invitation.objects.bulk_create(Invitation.member_names([Invitation(meeting=meeting, member_id=late.pk)]))
    assert Invitation.objects.get(meeting=meeting, member=late).member_name == "Late Guard"
    guest = services.invitation_add_individual(
        meeting=meeting, name="Guest", email="g@example.org", by=secretariat_user
    )
    assert guest.member_name == ""
    guest.member = MemberFactory(name="Guest's Guard")
    guest.save(update_fields=["member"])
    guest.refresh_from_db()
    assert guest.member_name == "Guest's Guard"


def test_quorum_counts_entitled_units_and_those_present(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=5)
    in_session(meeting, members, by=secretariat_user, present=3)
    # Present but no longer entitled: rights suspended.
    members[0].status = MemberStatus.SUSPENDED
    members[0].save(update_fields=["status"])
    # Invited without a vote, absent.
    Invitation.objects.filter(meeting=meeting, member=members[4]).update(is_voting=False)
    # Present at another meeting only.
    other, _ = make_meeting(by=secretariat_user, units=0)
    in_session(other, [members[3]], by=secretariat_user)
    assert selectors.quorum_counts(meeting) == (3, 2)
    state = selectors.quorum_state(meeting)
    assert (state.present, state.entitled, state.met) == (2, 3, False)


def test_sheet_and_poll_show_the_check_in_window_as_it_changes(secretariat_user, client):
    from meetings.services import room as room_services

    meeting, _members = make_meeting(by=secretariat_user, units=2)
    services.notice_issue(meeting=meeting, by=secretariat_user, late_reason="test")
    client.force_login(secretariat_user)
    pages = [
        reverse("meetings:sign_in", args=[meeting.pk]),
        reverse("meetings:sign_in_live", args=[meeting.pk]),
    ]
    # No room yet: closed.
    assert all("Online check-in is closed" in client.get(url).content.decode() for url in pages)
    room_services.check_in_window_set(meeting=meeting, is_open=True, by=secretariat_user)
    assert all("Online check-in is open" in client.get(url).content.decode() for url in pages)
    room_services.check_in_window_set(meeting=meeting, is_open=False, by=secretariat_user)
    assert all("Online check-in is closed" in client.get(url).content.decode() for url in pages)


def test_sheet_rows_read_with_their_attendance_match_the_htmx_answer_and_the_poll(secretariat_user, client):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    services.notice_issue(meeting=meeting, by=secretariat_user, late_reason="test")
    members[1].name = "<b>Bold</b> & Co"
    members[1].save()
    client.force_login(secretariat_user)
    url = reverse("meetings:sign_in", args=[meeting.pk])
    typed = {
        "member": members[1].pk,
        "mode": "delegate",
        "delegate_name": '"><i>Mr Wu</i>',
        "attendee_name": "Ms <Li>",
    }
    answer = client.post(url, typed, HTTP_HX_REQUEST="true").content.decode()
    row = answer.split("</tr>", 1)[0].lstrip() + "</tr>"
    assert "<i>Mr Wu</i>" not in row and "signed-in" in row
    sheet = client.get(url).content.decode()
    assert row in sheet
    poll = client.get(reverse("meetings:sign_in_live", args=[meeting.pk])).content.decode()
    assert row.replace(f'id="unit-{members[1].pk}"', f'id="unit-{members[1].pk}" hx-swap-oob="true"') in poll
    # Units not signed in keep their form on the sheet.
    assert sheet.count("sign-in-form") == 2


def test_the_sign_in_form_is_written_in_the_readers_language_each_time(secretariat_user):
    from django.template import Context
    from django.utils import translation

    from meetings.templatetags.meeting_tags import sign_in_row

    meeting, members = make_meeting(by=secretariat_user, units=1)
    inv = Invitation.objects.select_related("member").get(meeting=meeting)
    context = Context({"meeting": meeting, "open": True, "csrf_token": 'a"b'})
    rows = {}
    for language in ["en", "zh-hans", "zh-hant", "en"]:
        with translation.override(language):
            rows[language] = sign_in_row(context, inv, None)
            assert f">{translation.gettext('Sign in')}</button>" in rows[language]
            assert f'aria-label="{translation.gettext("Mandate")}"' in rows[language]
    assert len(set(rows.values())) == 3
    assert 'value="a&quot;b"' in rows["en"]
    # Each label is in the catalogues, not only looked up: the button reads as the clerk's language.
    assert ">签到</button>" in rows["zh-hans"] and ">簽到</button>" in rows["zh-hant"]


def _sheet_quorum(client, meeting):
    """(present, entitled) as the sheet writes them, and the number of quorum counts it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("meetings:sign_in", args=[meeting.pk])).content.decode()
    present, entitled = re.search(r"(\d+) of (\d+) entitled units present", html).groups()
    counted = sum('AS "entitled"' in q["sql"] for q in queries.captured_queries)
    return int(present), int(entitled), counted


def test_sheet_quorum_is_cached_until_a_sign_in_invitation_or_member_changes(secretariat_user, client):
    meeting, members = make_meeting(by=secretariat_user, units=4)
    in_session(meeting, members, by=secretariat_user, present=1)
    client.force_login(secretariat_user)
    assert _sheet_quorum(client, meeting) == (1, 4, 1)
    # Nothing changed: the figures come from the cache.
    assert _sheet_quorum(client, meeting) == (1, 4, 0)
    # The clerk's sign-in shows on the very next request.
    client.post(
        reverse("meetings:sign_in", args=[meeting.pk]), {"member": members[1].pk, "mode": "in_person"}
    )
    assert _sheet_quorum(client, meeting) == (2, 4, 1)
    # A unit's rights suspended.
    members[1].status = MemberStatus.SUSPENDED
    members[1].save(update_fields=["status"])
    assert _sheet_quorum(client, meeting)[:2] == (1, 3)
    # An invitation's vote taken away (a unit not yet invited joins meanwhile).
    MemberFactory()
    invitation = Invitation.objects.get(meeting=meeting, member=members[3])
    invitation.is_voting = False
    invitation.save()
    assert _sheet_quorum(client, meeting)[:2] == (1, 2)
    # Units invited in bulk (with their history rows).
    assert services.invitations_default(meeting=meeting, by=secretariat_user) == 1
    assert _sheet_quorum(client, meeting)[:2] == (1, 3)
    # Another meeting's sign-in leaves this meeting's figures as they were.
    other, _ = make_meeting(by=secretariat_user, units=0)
    in_session(other, [members[0]], by=secretariat_user)
    assert _sheet_quorum(client, meeting)[:2] == (1, 3)
    assert selectors.quorum_state(meeting).present == 1


def test_sheet_quorum_follows_a_sign_in_committed_after_a_later_one_elsewhere(secretariat_user, monkeypatch):
    """Keyed by the meeting's newest sign-in too: the history versions alone would miss a
    sign-in whose history id is lower than one already committed at another meeting."""
    from alliance import versions

    meeting, members = make_meeting(by=secretariat_user, units=2)
    in_session(meeting, members, by=secretariat_user, present=1)
    newest = meeting.attendances.latest("pk").pk
    # Versions that do not move, as when another meeting's later sign-in committed first.
    monkeypatch.setattr(versions, "history_versions", lambda models, request=None: (1, 1, 1))
    assert selectors.sheet_quorum_counts(meeting, newest) == (2, 1)
    attendance = services.attendance_record(
        meeting=meeting, member=members[1], mode="online", by=secretariat_user
    )
    assert selectors.sheet_quorum_counts(meeting, newest) == (2, 1)
    assert selectors.sheet_quorum_counts(meeting, attendance.pk) == (2, 2)


def test_sheet_meeting_compiled_once_reads_each_meeting_for_the_secretariat_only(
    secretariat_user, liaison_user, client
):
    from django.http import Http404

    first, _ = make_meeting(by=secretariat_user, units=0)
    second, _ = make_meeting(by=secretariat_user, units=0, title="Autumn meeting")
    for meeting in (first, second, first):
        read = selectors.sheet_meeting_for(secretariat_user, meeting.pk)
        assert (read.pk, read.title, read.body.code) == (meeting.pk, meeting.title, meeting.body.code)
    for user, pk in [
        (liaison_user, first.pk),
        (secretariat_user, second.pk + 100),
        (secretariat_user, 2**63),
    ]:
        with pytest.raises(Http404):
            selectors.sheet_meeting_for(user, pk)
    client.force_login(secretariat_user)
    assert client.get(f"/meetings/{2**64}/sign-in/").status_code == 404


def test_latest_sign_ins_compiled_once_are_each_meetings_own_newest_first(secretariat_user):
    from meetings import room

    first, members = make_meeting(by=secretariat_user, units=3)
    second, _ = make_meeting(by=secretariat_user, units=0)
    in_session(first, members, by=secretariat_user)
    in_session(second, members[:1], by=secretariat_user)
    assert [a.member.name for a in room.recent_check_ins(first)] == [m.name for m in reversed(members)]
    assert [(a.member_id, a.get_mode_display()) for a in room.recent_check_ins(second)] == [
        (members[0].pk, "In person")
    ]


def test_first_sheet_page_compiled_once_matches_the_sheet_read_the_ordinary_way(secretariat_user, client):
    from meetings.views import room as room_views

    meeting, members = make_meeting(by=secretariat_user, units=27)
    other, _ = make_meeting(by=secretariat_user, units=0)
    in_session(meeting, members, by=secretariat_user, present=2)
    in_session(other, members[:1], by=secretariat_user)

    def columns(rows):
        names = [name for name, _field in room_views.SIGNED_COLUMNS]
        return [(inv.pk, inv.member.name, *(getattr(inv, name) for name in names)) for inv in rows]

    for pk in (meeting.pk, other.pk, meeting.pk):
        ordinary = room_views._with_attendance(room_views._sheet_units(pk), pk)[:25]
        assert columns(room_views.first_sheet_page(pk)) == columns(ordinary)
    client.force_login(secretariat_user)
    first = _sheet_units(client, meeting)
    url = reverse("meetings:sign_in", args=[meeting.pk])
    second = [
        int(pk) for pk in re.findall(r'<tr id="unit-(\d+)"', client.get(url + "?page=2").content.decode())
    ]
    assert len(first) == 25 and len(second) == 2 and not set(first) & set(second)
    assert first + second == [
        m.pk
        for m in sorted(members, key=lambda m: (m.name, Invitation.objects.get(meeting=meeting, member=m).pk))
    ]
    signed = client.get(url).content.decode().count("signed-in")
    assert signed == sum(m.pk in first for m in members[:2])
    # Filtered, the first page is read the ordinary way.
    html = client.get(url + "?q=" + members[0].number).content.decode()
    assert re.findall(r'<tr id="unit-(\d+)"', html) == [str(members[0].pk)]


OLD_RECENT_LOOP = (
    '{% for a in recent %}<span class="recent">{{ a.member.name }} ({{ a.get_mode_display }}, '
    '{{ a.signed_in_at|time:"TIME_FORMAT" }})</span>{% if not forloop.last %} · {% endif %}'
    "{% empty %}—{% endfor %}"
)


def test_latest_sign_ins_written_in_python_as_the_template_loop_wrote_them(secretariat_user):
    from django.template import Context, Template
    from django.utils import timezone, translation

    from meetings import room
    from meetings.templatetags.meeting_tags import recent_sign_ins

    meeting, members = make_meeting(by=secretariat_user, units=3)
    assert recent_sign_ins([]) == Template(OLD_RECENT_LOOP).render(Context({"recent": []})) == "—"
    members[1].name = '<b>"Bold"</b> & Co'
    members[1].save()
    in_session(meeting, members, by=secretariat_user)
    recent = room.recent_check_ins(meeting)
    for language in ["en", "zh-hans", "zh-hant"]:
        for zone in ["UTC", "Asia/Shanghai"]:
            with translation.override(language), timezone.override(zone):
                old = Template(OLD_RECENT_LOOP).render(Context({"recent": recent}))
                assert recent_sign_ins(recent) == old
                assert "<b>" not in old and old.count('class="recent"') == 3
