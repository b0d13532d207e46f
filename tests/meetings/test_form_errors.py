"""The small forms of the meetings pages show their errors beside the field and keep what was
typed, after the redirect back to their page (alliance.bounced; issue 12 item 6): shown once,
only in the form that was sent, and nothing is stored."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    BallotCast,
    Invitation,
    Mandate,
    MeetingRoom,
    Office,
    OfficeHolding,
    Resolution,
)
from meetings.services import contests
from tests.factories import UserFactory
from tests.meetings.factories import in_session, make_meeting
from tests.meetings.room_factories import check_in_all, online_meeting
from tests.members.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def _form(html: str, action: str, occurrence: int = 0) -> str:
    """Return the <form> posting to ``action`` (its ``occurrence``-th), up to its end."""
    forms = re.findall(rf'<form[^>]*action="{re.escape(action)}[^"]*"[^>]*>.*?</form>', html, re.S)
    assert len(forms) > occurrence, f"no form for {action}"
    return forms[occurrence]


def _field(form_html: str, name: str) -> str:
    """Return the input, select or textarea named ``name`` in ``form_html``, with what follows it."""
    match = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>.*', form_html, re.S)
    assert match, f"no field named {name}"
    return match.group(0)


def _tag(form_html: str, name: str) -> str:
    """Return just the opening tag of the field named ``name``."""
    return re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', form_html).group(0)


@pytest.fixture
def meeting(secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    return meeting


def test_an_agenda_item_without_title_keeps_its_description_beside_the_error(
    client_for, secretariat_user, meeting
):
    client = client_for(secretariat_user)
    action = reverse("meetings:agenda_item_add", args=[meeting.pk])
    page = reverse("meetings:meeting_detail", args=[meeting.pk])
    response = client.post(action, {"title": "", "description": "Dues of 2027 and the budget"}, follow=True)
    assert response.redirect_chain[-1][0] == page
    form = _form(response.content.decode(), action)
    assert "is-invalid" in _tag(form, "title") and 'aria-invalid="true"' in _tag(form, "title")
    assert "This field is required." in _field(form, "title").split("<textarea", 1)[0]
    assert "Dues of 2027 and the budget</textarea>" in form
    html = response.content.decode()
    assert html.count("This field is required.") == 2  # once beside the field, once at the top
    # The other forms of the page are untouched, and the next visit shows the form as new.
    assert "is-invalid" not in _form(html, reverse("meetings:election_nominate", args=[meeting.pk]))
    assert "is-invalid" not in client.get(page).content.decode()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_an_expulsion_motion_without_its_member_keeps_the_title_and_the_agenda_choices(
    client_for, secretariat_user, meeting
):
    item = services.agenda_item_add(meeting=meeting, title="Membership", by=secretariat_user)
    client = client_for(secretariat_user)
    action = reverse("meetings:resolution_propose", args=[meeting.pk])
    response = client.post(
        action,
        {"kind": "expulsion", "title": "Expel the unit that never paid", "agenda_item": str(item.pk)},
        follow=True,
    )
    form = _form(response.content.decode(), action)
    assert 'value="Expel the unit that never paid"' in _tag(form, "title")
    assert "is-invalid" in _tag(form, "subject_member")
    assert "An expulsion motion names the member concerned." in form
    # The bounced form keeps the choices the page built for this meeting, with the one chosen.
    assert re.search(rf'<option value="{item.pk}" selected>', form)
    assert re.search(r'<option value="expulsion" selected>', form)
    assert not Resolution.objects.filter(meeting=meeting).exists()


def test_ending_a_holding_without_a_date_marks_that_rows_form_only(client_for, secretariat_user):
    first, second = (
        OfficeHolding.objects.create(
            office=office,
            holder=UserFactory(),
            how="appointed",
            started_on=datetime.date(2024, 1, 1),
            recorded_by=secretariat_user,
        )
        for office in (Office.TREASURER, Office.SECRETARY_GENERAL)
    )
    client = client_for(secretariat_user)
    refused = reverse("meetings:office_end", args=[second.pk])
    response = client.post(refused, {"reason": "removed", "on": "", "note": "Left the post"}, follow=True)
    html = response.content.decode()
    form = _form(html, refused)
    assert "is-invalid" in _tag(form, "on")
    assert 'value="Left the post"' in _tag(form, "note")
    assert re.search(r'<option value="removed" selected>', form)
    assert re.search(rf'<details open>(?:(?!</details>).)*action="{re.escape(refused)}"', html, re.S)
    untouched = _form(html, reverse("meetings:office_end", args=[first.pk]))
    assert "is-invalid" not in untouched and "Left the post" not in untouched
    assert "is-invalid" not in _form(html, reverse("meetings:office_appoint"))
    assert not OfficeHolding.objects.filter(ended_on__isnull=False).exists()


def test_an_answer_sending_a_delegate_without_a_name_is_refused_beside_the_name(client_for, secretariat_user):
    rep = RepresentativeFactory()
    meetings = []
    for title in ("First", "Second"):
        meeting, _members = make_meeting(by=secretariat_user, units=0, title=title)
        services.notice_issue(meeting=meeting, by=secretariat_user, late_reason="test")
        meetings.append(meeting)
    mine = Invitation.objects.filter(member=rep.member).order_by("meeting__starts_at", "pk")
    assert mine.count() == 2
    refused, other = mine[1], mine[0]
    client = client_for(rep.user)
    action = reverse("meetings:invitation_answer", args=[refused.pk])
    response = client.post(action, {"response": "delegate", "delegate_name": "  "}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:my_meetings")
    html = response.content.decode()
    form = _form(html, action)
    assert "is-invalid" in _tag(form, "delegate_name")
    assert f'aria-describedby="answer-{refused.pk}-delegate-error"' in _tag(form, "delegate_name")
    assert "Give the delegate&#x27;s name." in form
    assert '<option value="delegate" selected>' in form
    untouched = _form(html, reverse("meetings:invitation_answer", args=[other.pk]))
    assert "is-invalid" not in untouched and "selected" not in untouched
    refused.refresh_from_db()
    assert refused.response == "pending"


def test_a_refused_vote_is_shown_in_its_electors_row_only(client_for, secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    in_session(meeting, members, by=secretariat_user)
    motion = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    services.voting_open(resolution=motion, by=secretariat_user)
    refused = members[1]
    client = client_for(secretariat_user)
    action = reverse("meetings:vote_cast", args=[motion.pk])
    response = client.post(action, {"member": refused.pk, "choice": "maybe"}, follow=True)
    html = response.content.decode()
    row = re.search(rf'<tr id="elector-{refused.pk}">.*?</tr>', html, re.S).group(0)
    assert f'id="vote-{refused.pk}-error"' in row and "Select a valid choice." in row
    assert f'aria-describedby="vote-{refused.pk}-error"' in row
    for member in (members[0], members[2]):
        assert "-error" not in re.search(rf'<tr id="elector-{member.pk}">.*?</tr>', html, re.S).group(0)
    assert html.count("Select a valid choice.") == 2  # beside the buttons, and at the top
    assert not BallotCast.objects.filter(resolution=motion).exists()


def test_a_paper_result_with_negative_counts_keeps_the_counts_typed(client_for, secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3)
    in_session(meeting, members, by=secretariat_user)
    motion = services.resolution_propose(meeting=meeting, title="Motion", by=secretariat_user)
    client = client_for(secretariat_user)
    action = reverse("meetings:paper_result", args=[motion.pk])
    data = {"votes_for": "2", "votes_against": "-1", "votes_abstain": "1"}
    html = client.post(action, data, follow=True).content.decode()
    form = _form(html, action)
    assert 'value="2"' in _tag(form, "votes_for") and "is-invalid" not in _tag(form, "votes_for")
    assert 'value="-1"' in _tag(form, "votes_against") and "is-invalid" in _tag(form, "votes_against")
    assert "is-invalid" not in _form(html, reverse("meetings:resolution_withdraw", args=[motion.pk]))
    motion.refresh_from_db()
    assert motion.decided_at is None


def test_a_mandate_for_an_unknown_account_keeps_the_member_number(client_for, secretariat_user, meeting):
    member = Invitation.objects.filter(meeting=meeting, member__isnull=False).first().member
    client = client_for(secretariat_user)
    action = reverse("meetings:mandates", args=[meeting.pk])
    data = {"member": member.number, "delegate": "nobody-such", "note": "Letter 12"}
    html = client.post(action, data, follow=True).content.decode()
    form = _form(html, action)
    assert f'value="{member.number}"' in _tag(form, "member") and "is-invalid" not in _tag(form, "member")
    assert 'value="nobody-such"' in _tag(form, "delegate") and "is-invalid" in _tag(form, "delegate")
    assert 'value="Letter 12"' in _tag(form, "note")
    assert not Mandate.objects.exists()


def test_a_ballot_for_an_unknown_unit_keeps_the_candidates_chosen(client_for, secretariat_user):
    meeting, members = online_meeting(by=secretariat_user, units=3)
    check_in_all(meeting, members)
    for name in ("Ada", "Ben", "Cy"):
        services.election_nominate(
            meeting=meeting,
            office=Office.VICE_CHAIRMAN,
            candidate_user=UserFactory(first_name=name, last_name="Candidate"),
            by=secretariat_user,
        )
    contest = contests.contest_create(
        meeting=meeting, office=Office.VICE_CHAIRMAN, seats=2, by=secretariat_user
    )
    ada, ben, cy = contests.candidates_of(contest)
    client = client_for(secretariat_user)
    action = reverse("meetings:contest_vote", args=[meeting.pk, contest.pk])
    html = client.post(action, {"member": "X-404", "pick": [ada.pk, cy.pk]}, follow=True).content.decode()
    form = _form(html, action)
    assert 'value="X-404"' in _tag(form, "member") and "is-invalid" in _tag(form, "member")
    assert "No member has the number X-404." in form
    checked = re.findall(r'<input[^>]*name="pick" value="(\d+)" checked>', form)
    assert sorted(checked) == sorted([str(ada.pk), str(cy.pk)])
    assert not BallotCast.objects.exists()


def test_a_refused_window_change_is_shown_beside_its_button_on_the_chair_page(client_for, secretariat_user):
    meeting, _members = make_meeting(by=secretariat_user, units=2)  # a draft: no check-in yet
    client = client_for(secretariat_user)
    action = reverse("meetings:check_in_window", args=[meeting.pk])
    chair = reverse("meetings:chair", args=[meeting.pk])
    response = client.post(action, {"state": "open", "next": chair}, follow=True)
    assert response.redirect_chain[-1][0] == chair
    form = _form(response.content.decode(), action)
    assert 'id="check-in-window-error"' in form
    assert 'aria-describedby="check-in-window-error"' in form
    assert "Check-in" in form.split('id="check-in-window-error"', 1)[1]
    assert not MeetingRoom.objects.filter(meeting=meeting, check_in_open=True).exists()


def test_a_poll_of_another_page_does_not_take_the_kept_form(client_for, secretariat_user, meeting):
    """The chair's desk polls its live part every two seconds: a poll arriving between the
    refused POST and the page it redirects to must leave the form for that page."""
    client = client_for(secretariat_user)
    action = reverse("meetings:agenda_item_add", args=[meeting.pk])
    client.post(action, {"title": "", "description": "Kept"})
    client.get(reverse("meetings:chair_live", args=[meeting.pk]), headers={"HX-Request": "true"})
    html = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "is-invalid" in _tag(_form(html, action), "title")
