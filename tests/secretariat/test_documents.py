"""Document workflow (004 三.1): draft → head review → SG/deputy approval → numbered issue → archive."""

import re

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from secretariat import errors, services
from secretariat.errors import SecretariatError
from secretariat.models import Document, DocumentStatus, DocumentStatusChange
from tests.secretariat.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_a_document_goes_through_review_approval_and_issue_with_history(make_document, clerk, head, deputy):
    document = make_document("approved")
    with time_machine.travel("2027-03-05 10:00 +08:00"):
        document = services.document_issue(document=document, by=clerk)
    assert document.status == DocumentStatus.ISSUED
    assert document.number == "ISA-N-2027-001"
    assert (document.reviewed_by, document.approved_by, document.issued_by) == (head, deputy, clerk)
    moves = list(
        DocumentStatusChange.objects.filter(document=document).values_list(
            "from_status", "to_status", "changed_by"
        )
    )
    assert moves == [
        ("draft", "in_review", clerk.pk),
        ("in_review", "reviewed", head.pk),
        ("reviewed", "approved", deputy.pk),
        ("approved", "issued", clerk.pk),
    ]


def test_numbers_are_gapless_per_year_and_kind(make_document, clerk):
    with time_machine.travel("2027-01-10 10:00 +08:00"):
        first = services.document_issue(document=make_document("approved"), by=clerk)
        second = services.document_issue(document=make_document("approved"), by=clerk)
        circular = services.document_issue(document=make_document("approved", kind="circular"), by=clerk)
    with time_machine.travel("2028-01-10 10:00 +08:00"):
        next_year = services.document_issue(document=make_document("approved"), by=clerk)
    assert [first.number, second.number, circular.number, next_year.number] == [
        "ISA-N-2027-001",
        "ISA-N-2027-002",
        "ISA-C-2027-001",
        "ISA-N-2028-001",
    ]
    assert (first.number_sequence, second.number_sequence) == (1, 2)


def test_a_pattern_without_the_kind_still_numbers_each_kind_gaplessly(settings, make_document, clerk):
    settings.ALLIANCE_SECRETARIAT_DOCUMENT_NUMBER_PATTERN = "ISA-{year}-{seq:03d}"
    with time_machine.travel("2027-01-10 10:00 +08:00"):
        notice = services.document_issue(document=make_document("approved"), by=clerk)
        letter = services.document_issue(document=make_document("approved", kind="letter"), by=clerk)
    assert (notice.number, letter.number) == ("ISA-2027-001", "ISA-2027-001")


def test_the_number_pattern_is_configurable(settings, make_document, clerk):
    settings.ALLIANCE_SECRETARIAT_DOCUMENT_NUMBER_PATTERN = "SEC-{kind_code}-{year}/{seq:04d}"
    with time_machine.travel("2027-01-10 10:00 +08:00"):
        document = services.document_issue(document=make_document("approved", kind="letter"), by=clerk)
    assert document.number == "SEC-L-2027/0001"


def test_issuing_a_document_that_was_not_approved_is_refused_and_changes_nothing(make_document, clerk):
    document = make_document("reviewed")
    with pytest.raises(SecretariatError, match=str(errors.NOT_APPROVED)):
        services.document_issue(document=document, by=clerk)
    document.refresh_from_db()
    assert (document.status, document.number) == (DocumentStatus.REVIEWED, None)


def test_a_second_number_for_one_document_is_refused(make_document, clerk):
    document = services.document_issue(document=make_document("approved"), by=clerk)
    with pytest.raises(SecretariatError, match=str(errors.ALREADY_NUMBERED)):
        services.document_issue(document=document, by=clerk)
    document.refresh_from_db()
    assert document.number_sequence == 1
    assert Document.objects.filter(number__isnull=False).count() == 1


def test_the_database_refuses_two_documents_with_one_number(make_document, clerk):
    issued = services.document_issue(document=make_document("approved"), by=clerk)
    other = make_document("approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=other.pk).update(
            number=issued.number, number_year=issued.number_year, number_sequence=issued.number_sequence
        )


def test_nobody_reviews_their_own_draft(make_document, head):
    document = make_document("in_review", author=head)
    with pytest.raises(SecretariatError, match=str(errors.OWN_DRAFT)):
        services.document_review(document=document, by=head)
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_REVIEW


def test_nobody_approves_their_own_draft(make_document, deputy, head):
    document = DocumentFactory(author=deputy, department=head.headed_departments.get())
    services.document_submit(document=document, by=deputy)
    services.document_review(document=document, by=head)
    with pytest.raises(SecretariatError, match=str(errors.OWN_DRAFT)):
        services.document_approve(document=document, by=deputy)
    document.refresh_from_db()
    assert (document.status, document.approved_by) == (DocumentStatus.REVIEWED, None)


def test_only_the_department_head_or_an_approver_reviews(make_document, secretariat_user):
    document = make_document("in_review")
    with pytest.raises(SecretariatError, match=re.escape(str(errors.NOT_HEAD))):
        services.document_review(document=document, by=secretariat_user)


def test_an_approver_may_review_when_the_head_wrote_the_draft(make_document, head, deputy):
    document = make_document("in_review", author=head)
    assert services.document_review(document=document, by=deputy).status == DocumentStatus.REVIEWED


def test_a_head_cannot_approve(make_document, head):
    document = make_document("reviewed")
    with pytest.raises(SecretariatError, match=str(errors.NOT_APPROVER)):
        services.document_approve(document=document, by=head)


def test_approval_skipping_review_is_an_illegal_move(make_document, deputy):
    document = make_document("in_review")
    refusal = errors.illegal_move(DocumentStatus.IN_REVIEW.label, DocumentStatus.APPROVED.label)
    with pytest.raises(SecretariatError, match=refusal):
        services.document_approve(document=document, by=deputy)


def test_a_reviewer_returns_a_draft_with_a_reason(make_document, head):
    document = make_document("in_review")
    with pytest.raises(SecretariatError, match=str(errors.RETURN_COMMENT)):
        services.document_return(document=document, by=head, comment=" ")
    document = services.document_return(document=document, by=head, comment="Shorten the second paragraph.")
    assert document.status == DocumentStatus.DRAFT
    assert document.status_changes.last().comment == "Shorten the second paragraph."


def test_an_issued_document_cannot_be_edited(make_document, clerk):
    document = make_document("issued")
    with pytest.raises(SecretariatError, match=str(errors.NOT_EDITABLE)):
        services.document_update(document=document, by=clerk, title="Changed")
    document.refresh_from_db()
    assert document.title != "Changed"


def test_a_revision_supersedes_the_issued_document_when_issued(make_document, clerk, head, deputy):
    original = make_document("issued")
    revision = services.document_revise(document=original, by=clerk)
    assert (revision.status, revision.supersedes, revision.number) == (DocumentStatus.DRAFT, original, None)
    services.document_update(document=revision, by=clerk, title="Corrected notice")
    services.document_submit(document=revision, by=clerk)
    services.document_review(document=revision, by=head)
    services.document_approve(document=revision, by=deputy)
    revision = services.document_issue(document=revision, by=clerk)
    original.refresh_from_db()
    assert original.status == DocumentStatus.ARCHIVED
    assert revision.number in original.status_changes.last().comment
    assert original.number != revision.number


def test_only_an_issued_document_is_revised(make_document, clerk):
    with pytest.raises(SecretariatError, match=str(errors.REVISE_ONLY_ISSUED)):
        services.document_revise(document=make_document("approved"), by=clerk)


def test_archiving_an_issued_document(make_document, clerk):
    document = services.document_archive(document=make_document("issued"), by=clerk)
    assert document.status == DocumentStatus.ARCHIVED and document.archived_at


def test_an_office_holder_from_meetings_approves(make_document, secretariat_user):
    """The Secretary-General appointed in meetings approves without a staff-profile flag."""
    import datetime

    from meetings.models import OfficeHolding

    OfficeHolding.objects.create(
        office="secretary_general",
        holder=secretariat_user,
        how="appointed",
        started_on=datetime.date(2025, 1, 1),
        recorded_by=secretariat_user,
    )
    document = services.document_approve(document=make_document("reviewed"), by=secretariat_user)
    assert document.status == DocumentStatus.APPROVED


def test_a_return_without_a_reason_is_shown_beside_the_reason(client, make_document, head):
    """issue 12 item 6: the return form is shown again with its error; the review form is not."""
    document = make_document("in_review")
    client.force_login(head)
    action = reverse("secretariat:document_action", args=[document.pk, "return"])
    response = client.post(action, {"comment": "  "}, follow=True)
    html = response.content.decode()
    returned = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    assert "is-invalid" in returned and str(errors.RETURN_COMMENT) in returned
    review = reverse("secretariat:document_action", args=[document.pk, "review"])
    assert "is-invalid" not in html.split(f'action="{review}"', 1)[1].split("</form>", 1)[0]
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_REVIEW
