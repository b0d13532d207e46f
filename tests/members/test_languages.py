"""Application, admission and activation emails reach each person in their own language."""

import pytest
from django.contrib.auth import get_user_model

from alliance.languages import language_of, language_set
from members.services import application_approve
from members.services.accounts import account_activation_send
from tests.factories import UserFactory
from tests.languages import languages_sent
from tests.members.helpers import preliminarily_approved, submitted_unit

pytestmark = pytest.mark.django_db


def test_the_applicant_and_the_reviewer_are_each_written_to_in_their_language(
    liaison_user, thai_office, mailoutbox, deliver_outbox
):
    language_set(user=liaison_user, language="en")
    applicant = UserFactory(language="zh-hant")
    submitted_unit(applicant)
    deliver_outbox()
    assert languages_sent("application", mailoutbox) == {"office@siamguard.example": "zh-hant"}
    assert languages_sent("reviewer", mailoutbox) == {liaison_user.email: "en"}


def test_an_applicant_keeps_the_language_they_applied_in(liaison_user, thai_office):
    applicant = UserFactory()
    application = submitted_unit(applicant, language="zh-hans")
    assert application.language == "zh-hans"


def test_new_representatives_take_the_members_language_at_admission(
    liaison_user,
    secretariat_user,
    thai_office,
    mailoutbox,
    deliver_outbox,
    django_capture_on_commit_callbacks,
):
    application = preliminarily_approved(liaison_user, language="zh-hant")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, reviewer=secretariat_user)
    deliver_outbox()
    representative = get_user_model().objects.get(email="anan@siamguard.example")
    assert language_of(representative) == "zh-hant"
    assert languages_sent("activation", mailoutbox) == {"anan@siamguard.example": "zh-hant"}
    assert languages_sent("admission", mailoutbox)["anan@siamguard.example"] == "zh-hant"


def test_activation_links_sent_together_go_out_once_per_language(mailoutbox, deliver_outbox):
    zh, en = UserFactory(language="zh-hant"), UserFactory(language="en")
    for user in (zh, en):
        user.set_unusable_password()
        user.save()
    account_activation_send([zh, en])
    deliver_outbox()
    assert languages_sent("activation", mailoutbox) == {zh.email: "zh-hant", en.email: "en"}
