"""The meeting journey in a real browser: sign-in until quorum, a vote that passes,
minutes approved and circulated, and a member reading them."""

import re

import pytest
from playwright.sync_api import expect

from meetings import services
from meetings.models import MinutesRecipient
from tests.meetings.factories import make_meeting
from tests.members.factories import RepresentativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_runs_a_meeting_and_a_member_reads_the_minutes(
    page, login, live_server, secretariat_user, member_user
):
    meeting, members = make_meeting(by=secretariat_user, units=2, with_reps=True, title="Autumn session")
    mine = RepresentativeFactory(user=member_user).member
    services.invitations_default(meeting=meeting, by=secretariat_user)
    services.notice_issue(meeting=meeting, by=secretariat_user)
    motion = services.resolution_propose(
        meeting=meeting, title="Adopt the 2027 work plan", by=secretariat_user
    )

    login(secretariat_user)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/sign-in/")
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("Quorum not met")
    # Three units: more than two thirds means all three.
    for signed in range(3):
        page.locator("form.sign-in-form button[type=submit]").first.click()
        page.wait_for_load_state()
        expect(page.locator(".signed-in")).to_have_count(signed + 1)
        if signed < 2:
            expect(quorum).to_contain_text("Quorum not met")
    expect(quorum).to_contain_text("Quorum met")

    page.goto(f"{live_server.url}/meetings/resolutions/{motion.pk}/")
    page.get_by_role("button", name="Open voting").click()
    for _ in range(3):
        page.locator("form.vote-form button[value=for]").first.click()
        page.wait_for_load_state()
    expect(page.locator("#tally")).to_contain_text("3 of 3 units have voted")
    page.get_by_role("button", name="Close voting and record the result").click()
    expect(page.locator("#resolution-status")).to_have_text("Passed")
    expect(page.locator("#result")).to_contain_text("3 for, 0 against, 0 abstentions")
    expect(page.locator("h1")).to_contain_text(re.compile(r"-\d{4}-01:"))

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Draft the minutes").click()
    expect(page.locator("#minutes-status")).to_have_text("Draft")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("#minutes-status")).to_have_text("In review")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#minutes-status")).to_have_text("Approved")
    page.get_by_role("button", name="Circulate to attendees").click()
    expect(page.locator("#minutes-status")).to_have_text("Circulated")

    page.context.clear_cookies()
    login(member_user)
    page.goto(f"{live_server.url}/meetings/mine/")
    page.get_by_role("link", name=re.compile("Autumn session")).click()
    expect(page.locator("#minutes-text")).to_contain_text("Adopt the 2027 work plan")
    # Opening the minutes records nothing; the member confirms reading them (a POST).
    assert MinutesRecipient.objects.get(member=mine).read_at is None
    page.get_by_role("button", name="I have read these minutes").click()
    expect(page.locator("#read-receipt")).to_contain_text("Read on")
    receipt = MinutesRecipient.objects.get(member=mine)
    assert receipt.read_by == member_user and receipt.read_at is not None
    page.goto(f"{live_server.url}/meetings/mine/")
    expect(page.get_by_text("read", exact=False).first).to_be_visible()
