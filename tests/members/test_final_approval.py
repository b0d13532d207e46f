"""Final approval needs every required document accepted, or a recorded override (issue 9 §12)."""

import re

import pytest
from django.urls import reverse

from members import errors, rules
from members.errors import MembershipError
from members.models import ApplicationStatus, Decision, DocumentKind, DocumentReview, ReviewStage
from members.services import application_approve, application_decide, document_review
from tests.members.helpers import pdf_upload, submitted_unit

pytestmark = pytest.mark.django_db

CERTIFICATE_NOT_ACCEPTED = re.escape(
    str(errors.DOCUMENTS_NOT_ACCEPTED % {"kinds": DocumentKind.LEGAL_PERSON_CERTIFICATE.label})
)


@pytest.fixture
def passed_liaison(thai_office, liaison_user):
    """An application the liaison officer passed without reviewing its document."""
    application = submitted_unit()
    application_decide(application=application, reviewer=liaison_user, decision=Decision.APPROVE)
    application.refresh_from_db()
    assert application.documents.get().review == DocumentReview.PENDING
    return application


def test_final_approval_is_refused_while_a_required_document_is_not_reviewed(
    passed_liaison, secretariat_user
):
    with pytest.raises(MembershipError, match=CERTIFICATE_NOT_ACCEPTED):
        application_approve(application=passed_liaison, reviewer=secretariat_user)
    passed_liaison.refresh_from_db()
    assert passed_liaison.status == ApplicationStatus.PRELIMINARILY_APPROVED
    assert passed_liaison.member is None
    assert not passed_liaison.decisions.filter(stage=ReviewStage.FINAL).exists()


def test_final_approval_passes_once_the_required_document_is_accepted(passed_liaison, secretariat_user):
    document_review(document=passed_liaison.documents.get(), reviewer=secretariat_user, review="accepted")
    member = application_approve(application=passed_liaison, reviewer=secretariat_user)
    assert member.name == passed_liaison.name
    assert passed_liaison.decisions.get(stage=ReviewStage.FINAL).documents_override_reason == ""


def test_an_explicit_override_is_recorded_with_who_when_and_why(passed_liaison, secretariat_user):
    member = application_approve(
        application=passed_liaison,
        reviewer=secretariat_user,
        documents_override_reason="Original certificate seen at the Kunming office",
    )
    assert member is not None
    decision = passed_liaison.decisions.get(stage=ReviewStage.FINAL)
    assert decision.documents_override_reason == "Original certificate seen at the Kunming office"
    assert decision.decided_by == secretariat_user and decision.decided_at is not None


@pytest.mark.parametrize(
    ("documents", "missing"),
    [
        ([], ["legal_person_certificate"]),
        ([("legal_person_certificate", "pending")], ["legal_person_certificate"]),
        ([("legal_person_certificate", "accepted")], []),
        (
            [("legal_person_certificate", "accepted"), ("legal_person_certificate", "pending")],
            ["legal_person_certificate"],
        ),
        ([("legal_person_certificate", "rejected"), ("legal_person_certificate", "accepted")], []),
        ([("legal_person_certificate", "replace")], ["legal_person_certificate"]),
        ([("legal_person_certificate", "accepted"), ("supporting", "pending")], []),
    ],
)
def test_required_documents_not_accepted_rule(documents, missing):
    assert rules.required_documents_not_accepted(kind="unit", documents=documents) == missing


def test_an_individual_needs_the_identity_document_accepted():
    found = rules.required_documents_not_accepted(
        kind="individual", documents=[("identity_document", "pending")]
    )
    assert found == ["identity_document"]


def test_the_review_page_refuses_then_records_an_override(passed_liaison, client_for, secretariat_user):
    client = client_for(secretariat_user)
    url = reverse("members:application_decide", args=[passed_liaison.pk])
    data = {"stage": "final", "decision": "approve", "comment": ""}
    page = client.post(url, data, follow=True).content.decode()
    assert "A required document is not accepted yet" in page
    passed_liaison.refresh_from_db()
    assert passed_liaison.status == ApplicationStatus.PRELIMINARILY_APPROVED
    page = client.post(url, data | {"documents_override_reason": "Seen in original"}, follow=True).content
    passed_liaison.refresh_from_db()
    assert passed_liaison.status == ApplicationStatus.APPROVED
    assert "Seen in original" in page.decode()


def test_a_rejected_document_replaced_by_an_unreviewed_one_blocks_approval(
    thai_office, liaison_user, secretariat_user
):
    application = submitted_unit()
    document_review(
        document=application.documents.get(), reviewer=liaison_user, review="rejected", reason="Blurred"
    )
    application.documents.create(
        kind="legal_person_certificate",
        file=pdf_upload(),
        original_name="again.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=10,
        uploaded_by=application.applicant,
    )
    application_decide(application=application, reviewer=liaison_user, decision=Decision.APPROVE)
    with pytest.raises(MembershipError, match=CERTIFICATE_NOT_ACCEPTED):
        application_approve(application=application, reviewer=secretariat_user)
