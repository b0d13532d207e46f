"""An online meeting in real browsers: the secretariat, three representatives each in their own
browser context, and the projector. Check-in moves the projector's quorum without a reload,
a vote is opened, three ballots come from three browsers, the result reaches the projector."""

import pytest
from playwright.sync_api import expect

from meetings import services
from meetings.services import room as room_services
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import make_meeting
from tests.meetings.room_factories import rep_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(browser, live_server, user):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    return context, page


def test_online_meeting_from_check_in_to_result_on_the_projector(browser, live_server, secretariat_user):
    meeting, members = make_meeting(by=secretariat_user, units=3, with_reps=True, title="Online session")
    meeting = services.notice_issue(meeting=meeting, by=secretariat_user, late_reason="test")
    room_services.check_in_window_set(meeting=meeting, is_open=True, by=secretariat_user)
    motion = services.resolution_propose(
        meeting=meeting, title="Adopt the 2027 work plan", by=secretariat_user
    )
    contexts = []
    try:
        ctx, projector = _signed_in(browser, live_server, secretariat_user)
        contexts.append(ctx)
        projector.goto(f"{live_server.url}/meetings/{meeting.pk}/projector/")
        expect(projector.locator("#present")).to_have_text("0 / 3 present")
        # A marker that a page reload would wipe: the projector must change without one.
        projector.evaluate("window.noReload = true")

        ctx, secretariat = _signed_in(browser, live_server, secretariat_user)
        contexts.append(ctx)

        rooms = []
        for member in members:
            ctx, page = _signed_in(browser, live_server, rep_of(member))
            contexts.append(ctx)
            page.goto(f"{live_server.url}/meetings/{meeting.pk}/room/{member.pk}/")
            rooms.append(page)

        for n, page in enumerate(rooms, start=1):
            page.locator("#check-in").click()
            expect(page.locator("#unit-status .checked-in")).to_be_visible()
            expect(projector.locator("#present")).to_have_text(f"{n} / 3 present")
            if n < 3:
                expect(projector.locator("#projector-quorum")).to_have_attribute("data-met", "false")
        expect(projector.locator("#projector-quorum")).to_have_attribute("data-met", "true")
        expect(projector.locator("#quorum-line")).to_contain_text("Quorum met")

        secretariat.goto(f"{live_server.url}/meetings/resolutions/{motion.pk}/")
        secretariat.get_by_role("button", name="Open voting").click()
        expect(projector.locator("#vote")).to_contain_text("Adopt the 2027 work plan")
        expect(projector.locator("#ballots")).to_have_text("0 of 3 ballots received")

        for n, page in enumerate(rooms, start=1):
            # The vote appears in each room by polling, without a reload.
            page.locator("form.vote-form button[value=for]").click()
            expect(page.locator("#my-vote .voted")).to_contain_text("Your unit has voted")
            expect(projector.locator("#ballots")).to_have_text(f"{n} of 3 ballots received")

        secretariat.get_by_role("button", name="Close voting and record the result").click()
        expect(secretariat.locator("#resolution-status")).to_have_text("Passed")
        expect(projector.locator("#result")).to_contain_text("Passed")
        expect(projector.locator("#result")).to_contain_text("3 for, 0 against, 0 abstentions")
        assert projector.evaluate("window.noReload") is True
        for page in rooms:
            expect(page.locator("#result")).to_contain_text("Passed")
    finally:
        for ctx in contexts:
            ctx.close()
