"""Review decisions, documents, status changes and certificates are read-only in the admin (issue 9 §6)."""

import datetime

import pytest

from members.models import ApplicationDecision, MemberStatusChange
from members.services import application_decide, certificate_issue, member_change_status
from tests.admin_checks import assert_editable_in_admin, assert_immutable_in_admin
from tests.members.factories import MemberFactory
from tests.members.helpers import submitted_unit

pytestmark = pytest.mark.django_db


def test_a_review_decision_is_read_only_in_the_admin(client_for, admin_user, secretariat_user):
    # No liaison office covers the country: the secretariat takes the preliminary review.
    application = submitted_unit()
    application_decide(
        application=application, reviewer=secretariat_user, decision="return", comment="Scan it again"
    )
    decision = ApplicationDecision.objects.get(application=application)
    assert_immutable_in_admin(client_for(admin_user), decision, "decision", "approve")


def test_an_uploaded_document_is_read_only_in_the_admin(client_for, admin_user):
    document = submitted_unit().documents.get()
    assert_immutable_in_admin(client_for(admin_user), document, "review", "accepted")


def test_a_status_change_is_read_only_in_the_admin(client_for, admin_user, secretariat_user):
    member = MemberFactory()
    member_change_status(member=member, to_status="suspended", reason="Unpaid dues", by=secretariat_user)
    change = MemberStatusChange.objects.get(member=member)
    assert_immutable_in_admin(client_for(admin_user), change, "comment", "Nothing happened")


def test_an_issued_certificate_is_read_only_in_the_admin(client_for, admin_user, secretariat_user):
    certificate = certificate_issue(member=MemberFactory(), by=secretariat_user, on=datetime.date(2026, 3, 1))
    assert_immutable_in_admin(client_for(admin_user), certificate, "number", "FORGED-1")


def test_an_application_still_being_prepared_stays_editable_in_the_admin(client_for, admin_user):
    application = submitted_unit(submit=False)
    assert_editable_in_admin(client_for(admin_user), application, "phone", "+66 2 111 1111")
