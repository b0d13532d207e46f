"""The application state machine and the two-stage review (001 §II)."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from alliance.roles import Role, has_role
from members import errors, extensions, rules
from members.errors import MembershipError
from members.models import (
    ApplicationDecision,
    ApplicationStatus,
    Certificate,
    Decision,
    DocumentKind,
    Member,
    MemberKind,
    Region,
    ReviewStage,
    Tier,
)
from members.services import (
    application_apply,
    application_approve,
    application_decide,
    application_save,
    application_start_review,
    application_submit,
    application_withdraw,
    document_review,
)
from tests.factories import UserFactory
from tests.members.helpers import (
    pdf_upload,
    preliminarily_approved,
    primary,
    submitted_unit,
    unit_data,
)

pytestmark = pytest.mark.django_db


def test_submission_routes_to_the_liaison_office_of_the_country(thai_office):
    application = submitted_unit()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.liaison_office == thai_office
    assert not application.no_liaison_office
    assert application.round == 1
    assert application.declaration_accepted_at is not None


def test_country_without_office_goes_to_the_secretariat_flagged(thai_office, secretariat_user, liaison_user):
    application = submitted_unit(country="PH")
    assert application.liaison_office is None and application.no_liaison_office
    with pytest.raises(MembershipError):
        application_decide(application=application, reviewer=liaison_user, decision="approve")
    application_decide(application=application, reviewer=secretariat_user, decision="approve")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED


def test_full_review_admits_the_member(
    thai_office, liaison_user, secretariat_user, mailoutbox, django_capture_on_commit_callbacks
):
    admitted = []

    def record_admission(*, member, by):
        admitted.append((member.number, by))

    extensions.member_admitted.connect(record_admission)
    try:
        application = preliminarily_approved(liaison_user)
        with (
            time_machine.travel(datetime.datetime(2026, 7, 1, 17, 30, tzinfo=datetime.UTC)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            member = application_approve(
                application=application, reviewer=secretariat_user, comment="Welcome"
            )
    finally:
        extensions.member_admitted.disconnect(record_admission)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.member == member
    # 17:30 UTC on 1 July is 2 July in Kunming: the date of the secretariat's time zone.
    assert member.joined_on == datetime.date(2026, 7, 2)
    assert member.number == "M-2026-0001"
    assert member.region == Region.SOUTHEAST_ASIA
    assert (member.name, member.native_name, member.tier) == (
        application.name,
        application.native_name,
        Tier.GROUP_MEMBER,
    )
    assert admitted == [("M-2026-0001", secretariat_user)]
    rep = member.representatives.get()
    assert rep.user.username == "anan@siamguard.example"
    assert has_role(rep.user, Role.MEMBER)
    certificate = Certificate.objects.get(member=member)
    assert certificate.number == "C-2026-0001"
    assert certificate.file and certificate.letter_file
    assert certificate.file.open("rb").read(4) == b"%PDF"
    assert any("M-2026-0001" in m.body for m in mailoutbox if m.to == [application.email])


def test_member_numbers_are_gapless(thai_office, liaison_user, secretariat_user):
    numbers = []
    for _ in range(2):
        application = preliminarily_approved(liaison_user)
        numbers.append(application_approve(application=application, reviewer=secretariat_user).number)
    year = Member.objects.first().joined_on.year
    assert numbers == [f"M-{year}-0001", f"M-{year}-0002"]


def test_existing_account_is_reused_for_a_representative(thai_office, liaison_user, secretariat_user):
    existing = UserFactory(username="anan", email="anan@siamguard.example")
    application = preliminarily_approved(liaison_user)
    member = application_approve(application=application, reviewer=secretariat_user)
    assert member.representatives.get().user == existing
    assert get_user_model().objects.filter(email__iexact="anan@siamguard.example").count() == 1


def test_second_decision_on_the_same_stage_is_refused(thai_office, liaison_user):
    application = preliminarily_approved(liaison_user)
    with pytest.raises(MembershipError, match=str(errors.SECOND_DECISION)):
        application_decide(
            application=application,
            reviewer=liaison_user,
            decision="reject",
            comment="x",
            stage="preliminary",
        )
    assert ApplicationDecision.objects.filter(application=application).count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED


def test_return_and_resubmission_is_a_new_round_at_the_same_stage(
    thai_office, liaison_user, secretariat_user
):
    application = preliminarily_approved(liaison_user)
    application_decide(
        application=application,
        reviewer=secretariat_user,
        decision=Decision.RETURN,
        comment="Need a clearer scan",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    assert application.returned_stage == ReviewStage.FINAL
    application_save(
        applicant=application.applicant,
        application=application,
        data={"phone": "+66 1"},
        declaration_accepted=True,
    )
    application_submit(application=application, by=application.applicant)
    application.refresh_from_db()
    # Back to the secretariat, who returned it; a new round allows a new final decision.
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED
    assert application.round == 2
    application_decide(application=application, reviewer=secretariat_user, decision=Decision.APPROVE)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_return_and_reject_need_a_comment(thai_office, liaison_user):
    application = submitted_unit()
    for decision in (Decision.RETURN, Decision.REJECT):
        with pytest.raises(MembershipError, match=str(errors.COMMENT_REQUIRED)):
            application_decide(application=application, reviewer=liaison_user, decision=decision, comment=" ")
    assert not application.decisions.exists()


def test_rejection_is_final(thai_office, liaison_user):
    application = submitted_unit()
    application_decide(
        application=application, reviewer=liaison_user, decision=Decision.REJECT, comment="Out of scope"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    with pytest.raises(MembershipError):
        application_submit(application=application, by=application.applicant)
    with pytest.raises(MembershipError):
        application_withdraw(application=application, by=application.applicant)


def test_liaison_officer_of_another_office_cannot_decide(thai_office, other_officer):
    application = submitted_unit()
    with pytest.raises(MembershipError):
        application_decide(application=application, reviewer=other_officer, decision="approve")
    assert not application.decisions.exists()


def test_liaison_officer_cannot_decide_the_final_review(thai_office, liaison_user):
    application = preliminarily_approved(liaison_user)
    with pytest.raises(MembershipError):
        application_decide(application=application, reviewer=liaison_user, decision="approve", stage="final")


def test_start_review_moves_to_in_review(thai_office, liaison_user):
    application = submitted_unit()
    application_start_review(application=application, reviewer=liaison_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARY_REVIEW
    assert [c.to_status for c in application.status_changes.all()] == ["submitted", "preliminary_review"]


def test_applicant_withdraws(thai_office):
    application = submitted_unit()
    application_withdraw(application=application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_someone_else_cannot_withdraw(thai_office, plain_user):
    application = submitted_unit()
    with pytest.raises(MembershipError):
        application_withdraw(application=application, by=plain_user)


def test_missing_document_refuses_submission_and_changes_nothing(thai_office, plain_user):
    with pytest.raises(MembershipError, match=str(errors.DOCUMENT_MISSING_UNIT)):
        application_apply(
            applicant=plain_user,
            data=unit_data(),
            representatives={"primary": primary()},
            documents=[],
            declaration_accepted=True,
            submit=True,
        )
    assert not plain_user.membership_applications.exists()


def test_missing_declaration_refuses_submission(thai_office, plain_user):
    with pytest.raises(MembershipError, match=str(errors.DECLARATION_MISSING)):
        application_apply(
            applicant=plain_user,
            data=unit_data(),
            representatives={"primary": primary()},
            documents=[(DocumentKind.LEGAL_PERSON_CERTIFICATE, pdf_upload())],
            declaration_accepted=False,
            submit=True,
        )


def test_individual_needs_an_identity_document_and_the_individual_tier(thai_office, plain_user):
    data = unit_data(kind=MemberKind.INDIVIDUAL, tier=Tier.GROUP_MEMBER, name="Lan Nguyen")
    with pytest.raises(MembershipError, match=str(errors.TIER_KIND_MISMATCH)):
        application_apply(applicant=plain_user, data=data, declaration_accepted=True)
    data["tier"] = Tier.INDIVIDUAL_MEMBER
    with pytest.raises(MembershipError, match=str(errors.DOCUMENT_MISSING_INDIVIDUAL)):
        application_apply(applicant=plain_user, data=data, declaration_accepted=True, submit=True)


def test_individual_admission_gives_the_applicant_the_member_role(
    thai_office, liaison_user, secretariat_user
):
    applicant = UserFactory(email="lan@example.org")
    application, _ = application_apply(
        applicant=applicant,
        data=unit_data(
            kind=MemberKind.INDIVIDUAL,
            tier=Tier.INDIVIDUAL_MEMBER,
            name="Lan Nguyen",
            native_name="Nguyễn Thị Lan",
        ),
        documents=[(DocumentKind.IDENTITY_DOCUMENT, pdf_upload())],
        declaration_accepted=True,
        submit=True,
    )
    document_review(document=application.documents.get(), reviewer=liaison_user, review="accepted")
    application_decide(application=application, reviewer=liaison_user, decision="approve")
    member = application_approve(application=application, reviewer=secretariat_user)
    assert member.user == applicant
    assert has_role(applicant, Role.MEMBER)


def test_a_failing_admission_hook_undoes_the_approval(thai_office, liaison_user, secretariat_user):
    def broken(**kwargs):
        raise RuntimeError("dues unavailable")

    application = preliminarily_approved(liaison_user)
    extensions.member_admitted.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            application_approve(application=application, reviewer=secretariat_user)
    finally:
        extensions.member_admitted.disconnect(broken)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRELIMINARILY_APPROVED
    assert not Member.objects.exists()


def test_pdf_failure_never_loses_the_approval(
    thai_office, liaison_user, secretariat_user, monkeypatch, django_capture_on_commit_callbacks
):
    from members.services import certificates

    def failing(*args, **kwargs):
        raise RuntimeError("no fonts")

    application = preliminarily_approved(liaison_user)
    monkeypatch.setattr(certificates, "render_pdf", failing)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, reviewer=secretariat_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    certificate = Certificate.objects.get(member=application.member)
    assert not certificate.file
    # Rendered on demand later.
    monkeypatch.undo()
    certificates.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.file


def test_editing_after_submission_is_refused(thai_office):
    application = submitted_unit()
    with pytest.raises(MembershipError, match=str(errors.NOT_EDITABLE)):
        application_save(applicant=application.applicant, application=application, data={"name": "Other"})


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        ("draft", "submitted", True),
        ("draft", "approved", False),
        ("submitted", "approved", False),
        ("preliminarily_approved", "approved", True),
        ("returned", "submitted", True),
        ("approved", "withdrawn", False),
        ("rejected", "submitted", False),
    ],
)
def test_application_transitions(from_status, to_status, allowed):
    assert rules.APPLICATION_MOVES.allowed(from_status, to_status) is allowed


def test_a_document_to_be_replaced_must_be_replaced_before_resubmission(thai_office, liaison_user):
    from members.services import document_review

    application = submitted_unit()
    document_review(
        document=application.documents.get(),
        reviewer=liaison_user,
        review="replace",
        reason="Unreadable scan",
    )
    application_decide(
        application=application, reviewer=liaison_user, decision=Decision.RETURN, comment="See the scan"
    )
    application.refresh_from_db()
    with pytest.raises(MembershipError, match=str(errors.DOCUMENT_MISSING_UNIT)):
        application_submit(application=application, by=application.applicant)
    application_save(
        applicant=application.applicant,
        application=application,
        data={},
        documents=[(DocumentKind.LEGAL_PERSON_CERTIFICATE, pdf_upload("clear.pdf"))],
        declaration_accepted=True,
    )
    application_submit(application=application, by=application.applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.round == 2
    # The replaced document is kept, with the reviewer's reason.
    assert application.documents.count() == 2
    assert application.documents.get(review="replace").review_reason == "Unreadable scan"
