"""Applications and their two-stage review (001 §II): liaison office first, secretariat last."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.history import save_by
from alliance.languages import language_initial
from members import errors, rules
from members.emails import applicant_recipient, application_url, send_after_commit
from members.errors import MembershipError
from members.models import (
    Application,
    ApplicationDecision,
    ApplicationDocument,
    ApplicationRepresentative,
    ApplicationStatus,
    Decision,
    DocumentKind,
    DocumentReview,
    Member,
    MemberKind,
    RepresentativeRole,
    ReviewStage,
)
from members.selectors import may_review, office_for_country
from members.services.accounts import (
    account_exists_notify,
    account_for_email,
    applicant_account_create,
    applicant_password_check,
)
from members.services.admission import PERSON_FIELDS, admit
from members.services.reviewer_emails import notify_reviewers
from members.uploads import check_upload

APPLICATION_FIELDS = (
    "language",
    "kind",
    "tier",
    "name",
    "native_name",
    "country",
    "registration_number",
    "unit_type",
    "industry",
    "address",
    "website",
    "organisation",
    "position",
    "email",
    "phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "motivation",
)


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _add_document(application: Application, kind: str, upload, *, by) -> ApplicationDocument:
    problem, content_type, extension = check_upload(upload)
    if problem:
        raise MembershipError(problem)
    document = ApplicationDocument(
        application=application,
        kind=kind,
        original_name=(upload.name or "upload")[-255:],
        content_type=content_type,
        extension=extension,
        size=upload.size,
        uploaded_by=by,
    )
    upload.seek(0)
    document.file.save("upload" + extension, upload, save=False)
    save_by(document, by)
    return document


@transaction.atomic
def application_save(
    *,
    applicant,
    data: dict,
    application: Application | None = None,
    representatives: dict | None = None,
    documents=(),
    declaration_accepted: bool = False,
) -> Application:
    """Create or edit a draft (or returned) application with its representatives and documents.

    ``representatives`` maps a role to a dict of person fields, or None for none.
    """
    if application is not None:
        application = _lock(application)
        if application.applicant_id != applicant.pk:
            raise MembershipError(str(errors.NOT_YOURS))
        if application.status not in rules.EDITABLE_STATUSES:
            raise MembershipError(str(errors.NOT_EDITABLE))
    else:
        application = Application(applicant=applicant, status=ApplicationStatus.DRAFT)
    for field in APPLICATION_FIELDS:
        if field in data:
            setattr(application, field, data[field] if data[field] is not None else "")
    if not rules.tier_fits_kind(application.kind, application.tier):
        raise MembershipError(str(errors.TIER_KIND_MISMATCH))
    if declaration_accepted and application.declaration_accepted_at is None:
        # 001 §I.3: the acknowledgement is stored with its time.
        application.declaration_accepted_at = timezone.now()
    elif not declaration_accepted:
        application.declaration_accepted_at = None
    save_by(application, applicant)
    if representatives is not None:
        for role in RepresentativeRole.values:
            person = representatives.get(role) if application.kind == MemberKind.UNIT else None
            if person:
                ApplicationRepresentative.objects.update_or_create(
                    application=application,
                    role=role,
                    defaults={f: person.get(f, "") or "" for f in PERSON_FIELDS},
                )
            else:
                # The applicant cleared this representative on their own form.
                ApplicationRepresentative.objects.filter(application=application, role=role).delete()
    for kind, upload in documents:
        _add_document(application, kind, upload, by=applicant)
    return application


def _usable_document_kinds(application: Application) -> set[str]:
    return set(
        application.documents.exclude(
            review__in=[DocumentReview.REJECTED, DocumentReview.REPLACE]
        ).values_list("kind", flat=True)
    )


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Submit (or resubmit) an application, routed to the liaison office of its country.

    001 §II.2–3. Where no office covers the country it goes to the secretariat's
    preliminary review, flagged. A returned application goes back to the stage
    that returned it, as a new round. The reviewers of that stage get an email.
    """
    application = _lock(application)
    if application.applicant_id != by.pk:
        raise MembershipError(str(errors.NOT_YOURS))
    if application.status not in rules.EDITABLE_STATUSES:
        raise MembershipError(str(errors.NOT_EDITABLE))
    problems = rules.submission_problems(
        kind=application.kind,
        tier=application.tier,
        document_kinds=_usable_document_kinds(application),
        declaration_accepted=application.declaration_accepted_at is not None,
        has_primary=application.representatives.filter(role=RepresentativeRole.PRIMARY).exists(),
    )
    if problems:
        raise MembershipError(" ".join(problems))
    office = office_for_country(application.country.code)
    application.liaison_office = office
    application.no_liaison_office = office is None
    if application.status == ApplicationStatus.RETURNED:
        to_status = rules.resubmission_status(application.returned_stage)
    else:
        to_status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
    application.round += 1
    application.returned_stage = ""
    application.move(
        to_status,
        by=by,
        comment=str(_("Submitted (round %(round)d).") % {"round": application.round}),
    )
    send_after_commit(
        "application_received",
        [applicant_recipient(application)],
        application=application,
        url=application_url(application),
    )
    notify_reviewers(application)
    return application


@transaction.atomic
def application_start_review(*, application: Application, reviewer) -> Application:
    """Mark a waiting application as being reviewed at its stage."""
    application = _lock(application)
    stage = rules.stage_of(application.status)
    if not stage or not may_review(reviewer, application, stage):
        raise MembershipError(str(errors.NOT_A_REVIEWER))
    if application.status in rules.START_REVIEW:
        application.move(rules.START_REVIEW[application.status], by=reviewer)
    return application


@transaction.atomic
def document_review(
    *, document: ApplicationDocument, reviewer, review: str, reason: str = ""
) -> ApplicationDocument:
    """Mark a document accepted, rejected or to be replaced, with a reason the applicant sees."""
    document = (
        ApplicationDocument.objects.select_for_update().select_related("application").get(pk=document.pk)
    )
    application = _lock(document.application)
    stage = rules.stage_of(application.status)
    if not stage or not may_review(reviewer, application, stage):
        raise MembershipError(str(errors.NOT_A_REVIEWER))
    if review not in (DocumentReview.ACCEPTED, DocumentReview.REJECTED, DocumentReview.REPLACE):
        raise MembershipError(str(errors.CHOOSE_DOCUMENT_DECISION))
    if review != DocumentReview.ACCEPTED and not reason.strip():
        raise MembershipError(str(errors.REASON_REQUIRED))
    if application.status in rules.START_REVIEW:
        application.move(rules.START_REVIEW[application.status], by=reviewer)
    document.review = review
    document.review_reason = reason.strip()
    document.reviewed_by = reviewer
    document.reviewed_at = timezone.now()
    save_by(document, reviewer)
    return document


@transaction.atomic
def application_decide(
    *,
    application: Application,
    reviewer,
    decision: str,
    comment: str = "",
    stage: str = "",
    documents_override_reason: str = "",
) -> ApplicationDecision:
    """Record a reviewer's decision (001 §II.3–4) in its own row and move the application.

    One decision per stage and submission round (a unique constraint backs it).
    A final approval admits the member (see ``application_approve``); it needs every
    required document accepted, or ``documents_override_reason``, recorded on the decision.
    """
    application = _lock(application)
    stage = stage or rules.stage_of(application.status)
    if stage not in ReviewStage.values:
        raise MembershipError(str(errors.NOT_WAITING))
    if not may_review(reviewer, application, stage):
        raise MembershipError(str(errors.NOT_A_REVIEWER))
    if ApplicationDecision.objects.filter(
        application=application, stage=stage, round=application.round
    ).exists():
        raise MembershipError(str(errors.SECOND_DECISION))
    if application.status not in rules.STAGE_STATUSES[stage]:
        raise MembershipError(str(errors.NOT_WAITING))
    if decision not in Decision.values:
        raise MembershipError(str(errors.UNKNOWN_DECISION))
    if decision != Decision.APPROVE and not comment.strip():
        raise MembershipError(str(errors.COMMENT_REQUIRED))
    override = ""
    if (stage, decision) == (ReviewStage.FINAL, Decision.APPROVE):
        missing = rules.required_documents_not_accepted(
            kind=application.kind, documents=application.documents.values_list("kind", "review")
        )
        if missing and not documents_override_reason.strip():
            kinds = ", ".join(str(DocumentKind(kind).label) for kind in missing)
            raise MembershipError(str(errors.DOCUMENTS_NOT_ACCEPTED % {"kinds": kinds}))
        override = documents_override_reason.strip() if missing else ""
    try:
        with transaction.atomic():
            record = ApplicationDecision.objects.create(
                application=application,
                stage=stage,
                round=application.round,
                decision=decision,
                comment=comment.strip(),
                documents_override_reason=override,
                decided_by=reviewer,
            )
    except IntegrityError as error:
        raise MembershipError(str(errors.SECOND_DECISION)) from error
    if decision == Decision.RETURN:
        application.returned_stage = stage
    application.move(rules.DECISION_OUTCOME[(stage, decision)], by=reviewer, comment=comment.strip())
    if (stage, decision) == (ReviewStage.FINAL, Decision.APPROVE):
        admit(application, by=reviewer)
    send_after_commit(
        "application_decision",
        [applicant_recipient(application)],
        application=application,
        decision=record,
        url=application_url(application),
    )
    if (stage, decision) == (ReviewStage.PRELIMINARY, Decision.APPROVE):
        # Passed the liaison office: now the secretariat's final review waits.
        notify_reviewers(application)
    return record


def application_approve(
    *, application: Application, reviewer, comment: str = "", documents_override_reason: str = ""
) -> Member:
    """Approve an application at the final review: the member is admitted (001 §II.4)."""
    application_decide(
        application=application,
        reviewer=reviewer,
        decision=Decision.APPROVE,
        comment=comment,
        stage=ReviewStage.FINAL,
        documents_override_reason=documents_override_reason,
    )
    application.refresh_from_db()
    return application.member


def _visitor_application_check(
    *, account: dict, data: dict, representatives, documents, declaration_accepted: bool, submit: bool
) -> None:
    """Raise the refusal a visitor's application would meet, judged from what was sent
    alone, in the order the saving services refuse: password, tier, files, submission."""
    applicant_password_check(**account)
    kind, tier = data.get("kind"), data.get("tier")
    if not rules.tier_fits_kind(kind, tier):
        raise MembershipError(str(errors.TIER_KIND_MISMATCH))
    for _kind, upload in documents:
        problem = check_upload(upload)[0]
        if problem:
            raise MembershipError(problem)
    if submit:
        primary = (representatives or {}).get(RepresentativeRole.PRIMARY)
        problems = rules.submission_problems(
            kind=kind,
            tier=tier,
            document_kinds={document_kind for document_kind, _upload in documents},
            declaration_accepted=declaration_accepted,
            has_primary=kind == MemberKind.UNIT and bool(primary),
        )
        if problems:
            raise MembershipError(" ".join(problems))


@transaction.atomic
def application_apply(
    *,
    applicant=None,
    account: dict | None = None,
    application: Application | None = None,
    data: dict,
    representatives: dict | None = None,
    documents=(),
    declaration_accepted: bool = False,
    submit: bool = False,
):
    """Save an application (creating the applicant's account first when ``account`` is
    given) and submit it if asked; a refused submission saves nothing. Return
    (application, applicant).

    A visitor's answer must not tell whether their address already has an account
    (issue 9): the refusals are judged before the address is looked up, and for a
    taken address nothing is stored, its holder is emailed to log in or reset the
    password, and (None, None) is returned for the view to answer as for a new one.
    """
    if applicant is None:
        _visitor_application_check(
            account=account,
            data=data,
            representatives=representatives,
            documents=documents,
            declaration_accepted=declaration_accepted,
            submit=submit,
        )
        existing = account_for_email(account["email"])
        if existing is not None:
            account_exists_notify(user=existing, language=data.get("language"))
            return None, None
        applicant = applicant_account_create(**account)
    # The language they apply in is their preferred language until they choose another.
    language_initial(user=applicant, language=data.get("language"))
    application = application_save(
        applicant=applicant,
        application=application,
        data=data,
        representatives=representatives,
        documents=documents,
        declaration_accepted=declaration_accepted,
    )
    if submit:
        application = application_submit(application=application, by=applicant)
    return application, applicant


@transaction.atomic
def application_withdraw(*, application: Application, by, comment: str = "") -> Application:
    """The applicant withdraws their application (kept, never deleted)."""
    application = _lock(application)
    if application.applicant_id != by.pk:
        raise MembershipError(str(errors.NOT_YOURS))
    application.move(ApplicationStatus.WITHDRAWN, by=by, comment=comment.strip())
    return application
