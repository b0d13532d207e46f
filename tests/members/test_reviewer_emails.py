"""Reviewers learn by email that an application waits for them (001 §II.3–4)."""

import pytest

from alliance.roles import Role
from members.errors import MembershipError
from members.models import ApplicationStatus, Decision
from members.services import application_decide, application_submit
from tests.factories import UserFactory
from tests.members.helpers import submitted_unit

pytestmark = pytest.mark.django_db


def _to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


def test_the_covering_offices_officers_are_told_of_a_new_application(
    thai_office, liaison_user, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_unit(country="TH")
    [message] = _to(mailoutbox, liaison_user.email)
    assert application.reference in message.subject
    assert "preliminary review" in message.subject
    link = f"/applications/{application.pk}/"
    assert link in message.body
    html = message.alternatives[0][0]
    assert link in html and "Bangkok Liaison Office" in html
    # The secretariat hears of it only once the liaison office has passed it.
    assert not _to(mailoutbox, secretariat_user.email)


def test_officers_of_other_offices_and_inactive_officers_are_not_told(
    thai_office, other_officer, mailoutbox, django_capture_on_commit_callbacks
):
    retired = UserFactory(username="retired", roles=[Role.LIAISON_OFFICER], is_active=False)
    thai_office.officers.add(retired)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_unit(country="TH")
    assert not _to(mailoutbox, other_officer.email)
    assert not _to(mailoutbox, retired.email)


def test_without_a_covering_office_the_secretariat_is_told(
    thai_office, liaison_user, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_unit(country="PH")
    [message] = _to(mailoutbox, secretariat_user.email)
    assert "No liaison office covers this country" in message.body
    assert not _to(mailoutbox, liaison_user.email)


def test_the_secretariat_is_told_when_the_final_review_waits(
    thai_office, liaison_user, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted_unit(country="TH")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, reviewer=liaison_user, decision=Decision.APPROVE)
    [message] = _to(mailoutbox, secretariat_user.email)
    assert "final review" in message.subject


def test_a_resubmission_tells_the_stage_that_returned_it(
    thai_office,
    liaison_user,
    secretariat_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
    deliver_outbox,
):
    application = submitted_unit(country="TH")
    application_decide(application=application, reviewer=liaison_user, decision=Decision.APPROVE)
    application_decide(
        application=application, reviewer=secretariat_user, decision=Decision.RETURN, comment="Sign page 2"
    )
    application.refresh_from_db()
    deliver_outbox()  # the earlier rounds' emails
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED
    [message] = _to(mailoutbox, secretariat_user.email)
    assert "final review" in message.subject and "(round 2)" in message.body
    assert not _to(mailoutbox, liaison_user.email)


def test_a_refused_submission_sends_nothing(
    thai_office, liaison_user, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted_unit(country="TH")
    mailoutbox.clear()
    stranger = UserFactory(username="stranger")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MembershipError):
        application_submit(application=application, by=stranger)
    assert mailoutbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(thai_office, liaison_user, mailoutbox):
    # Without running the on-commit callbacks (the test's transaction never commits), no email leaves.
    submitted_unit(country="TH")
    assert mailoutbox == []
