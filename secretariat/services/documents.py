"""Document workflow (004 三.1): draft, head review, approval, numbered issue, circulation, archive."""

from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance import emails
from alliance.models import EmailKind, Profile
from alliance.numbering import next_number
from members.models import Member, MemberStatus, Representative
from members.uploads import check_upload
from secretariat import conf, errors, permissions
from secretariat.errors import SecretariatError
from secretariat.models import (
    Audience,
    Document,
    DocumentAttachment,
    DocumentRecipient,
    DocumentStatus,
)
from secretariat.models.documents import KIND_CODES
from secretariat.rules import format_document_number

EDITABLE_FIELDS = ("kind", "title", "body", "audience", "department")


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


@transaction.atomic
def document_create(*, by, kind, title, body, audience, department, supersedes=None) -> Document:
    """Start a draft (004 三.1: a document begins as a draft of its department)."""
    return Document.objects.create(
        kind=kind,
        title=title.strip(),
        body=body,
        audience=audience,
        department=department,
        author=by,
        supersedes=supersedes,
    )


@transaction.atomic
def document_update(*, document: Document, by, **fields) -> Document:
    """Edit a draft; an issued document is never edited (a revision supersedes it)."""
    document = _locked(document)
    if not document.is_editable:
        raise SecretariatError(errors.NOT_EDITABLE)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable")
        setattr(document, name, value)
    document.save()
    return document


@transaction.atomic
def document_submit(*, document: Document, by, comment: str = "") -> Document:
    """Send a draft to its department head for review."""
    document = _locked(document)
    document.move(DocumentStatus.IN_REVIEW, by=by, comment=comment)
    return document


@transaction.atomic
def document_review(*, document: Document, by, comment: str = "") -> Document:
    """Pass a draft at department level (004 三.1: review by the department head); never one's own."""
    document = _locked(document)
    if document.author_id == by.pk:
        raise SecretariatError(errors.OWN_DRAFT)
    if not permissions.can_review(by, document):
        raise SecretariatError(errors.NOT_HEAD)
    document.move(DocumentStatus.REVIEWED, by=by, comment=comment, reviewed_by=by, reviewed_at=timezone.now())
    return document


@transaction.atomic
def document_approve(*, document: Document, by, comment: str = "") -> Document:
    """Approve a reviewed document as Secretary-General or deputy (004 三.1); never one's own draft."""
    document = _locked(document)
    if document.author_id == by.pk:
        raise SecretariatError(errors.OWN_DRAFT)
    if not permissions.is_approver(by):
        raise SecretariatError(errors.NOT_APPROVER)
    document.move(DocumentStatus.APPROVED, by=by, comment=comment, approved_by=by, approved_at=timezone.now())
    return document


@transaction.atomic
def document_return(*, document: Document, by, comment: str) -> Document:
    """Send a document under review back to its author as a draft, saying why."""
    document = _locked(document)
    if not comment.strip():
        raise SecretariatError(errors.RETURN_COMMENT)
    if document.status == DocumentStatus.IN_REVIEW and not permissions.can_review(by, document):
        raise SecretariatError(errors.NOT_HEAD)
    if document.status == DocumentStatus.REVIEWED and not permissions.can_approve(by, document):
        raise SecretariatError(errors.NOT_APPROVER)
    document.move(DocumentStatus.DRAFT, by=by, comment=comment, reviewed_by=None, reviewed_at=None)
    return document


@transaction.atomic
def document_issue(*, document: Document, by) -> Document:
    """Give an approved document its number and issue it (gapless per year and kind).

    The number comes from ``alliance.numbering`` inside this transaction, with the
    document's row locked, so two issuers never share or skip a number and a
    document never gets a second one. Issuing a revision archives what it supersedes.
    """
    document = _locked(document)
    if document.number:
        raise SecretariatError(errors.ALREADY_NUMBERED)
    if document.status != DocumentStatus.APPROVED:
        raise SecretariatError(errors.NOT_APPROVED)
    now = timezone.now()
    year = timezone.localdate(now).year
    seq = next_number(f"document-{document.kind}", year)
    number = format_document_number(
        conf.document_number_pattern(),
        year=year,
        seq=seq,
        kind=document.kind,
        kind_code=KIND_CODES[document.kind],
    )
    document.move(
        DocumentStatus.ISSUED,
        by=by,
        number=number,
        number_year=year,
        number_sequence=seq,
        issued_by=by,
        issued_at=now,
    )
    if document.supersedes_id:
        previous = _locked(document.supersedes)
        if previous.status == DocumentStatus.ISSUED:
            previous.move(
                DocumentStatus.ARCHIVED,
                by=by,
                comment=_("Superseded by %s") % document.number,
                archived_at=now,
            )
    return document


@transaction.atomic
def document_archive(*, document: Document, by, comment: str = "") -> Document:
    document = _locked(document)
    document.move(DocumentStatus.ARCHIVED, by=by, comment=comment, archived_at=timezone.now())
    return document


@transaction.atomic
def document_revise(*, document: Document, by) -> Document:
    """Start a revision of an issued document: a new draft that will supersede it."""
    if document.status != DocumentStatus.ISSUED:
        raise SecretariatError(errors.REVISE_ONLY_ISSUED)
    return document_create(
        by=by,
        kind=document.kind,
        title=document.title,
        body=document.body,
        audience=document.audience,
        department=document.department,
        supersedes=document,
    )


@transaction.atomic
def attachment_add(*, document: Document, by, file, name: str = "") -> DocumentAttachment:
    """Attach a file to a draft (an issued document's attachments are part of it, unchanged).

    Only PDF, JPEG and PNG, recognised by content, up to ``ALLIANCE_MAX_UPLOAD_MB``.
    """
    document = _locked(document)
    if not document.is_editable:
        raise SecretariatError(errors.NOT_EDITABLE)
    # Checked here too, not only in the form: the stored file's type comes from its content.
    problem, _content_type, extension = check_upload(file)
    if problem:
        raise SecretariatError(problem)
    original = file.name
    file.name = f"{PurePath(original).stem[:100] or 'attachment'}{extension}"
    return DocumentAttachment.objects.create(
        document=document, file=file, name=(name or original)[:200], uploaded_by=by
    )


@transaction.atomic
def document_circulate(
    *, document: Document, by, users=(), members=(), all_active: bool = False, country: str = ""
) -> int:
    """Circulate an issued document to staff users and to members' representatives.

    Members are those listed, plus every active member (``all_active``) or every active
    member of ``country``. Readers are gathered set-wise, one query per kind (member
    accounts, current representatives), and stored with one ``bulk_create``, so
    circulating to the whole alliance costs the same few queries as to one member.
    Returns how many new recipients it added; circulating twice to someone adds nothing.
    Each new recipient gets an email after the transaction commits.
    """
    document = _locked(document)
    if document.status != DocumentStatus.ISSUED:
        raise SecretariatError(errors.NOT_ISSUED_FOR_CIRCULATION)
    member_ids = [m.pk for m in members]
    scope = Q(pk__in=member_ids)
    if all_active:
        scope |= Q(status=MemberStatus.ACTIVE)
    elif country:
        scope |= Q(status=MemberStatus.ACTIVE, country=country)
    reaches_members = bool(member_ids) or all_active or bool(country)
    if reaches_members and document.audience == Audience.INTERNAL:
        raise SecretariatError(errors.INTERNAL_TO_MEMBERS)
    wanted: dict[int, int | None] = {user.pk: None for user in users}
    if reaches_members:
        chosen = Member.objects.filter(scope)
        for member_id, user_id in chosen.filter(user__isnull=False).values_list("pk", "user_id"):
            wanted.setdefault(user_id, member_id)
        for member_id, user_id in (
            Representative.objects.current()
            .filter(member__in=chosen.values("pk"), user__isnull=False)
            .order_by("member_id", "role")
            .values_list("member_id", "user_id")
        ):
            wanted.setdefault(user_id, member_id)
    if not wanted:
        raise SecretariatError(errors.NO_RECIPIENTS)
    existing = set(
        DocumentRecipient.objects.filter(document=document, user_id__in=wanted).values_list(
            "user_id", flat=True
        )
    )
    new = [
        DocumentRecipient(document=document, user_id=user_id, member_id=member_id, circulated_by=by)
        for user_id, member_id in wanted.items()
        if user_id not in existing
    ]
    # ignore_conflicts: a concurrent circulation to the same reader keeps one row (the constraint).
    DocumentRecipient.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    if new:
        _queue_circulation_emails(document, {r.user_id: r.member_id for r in new})
    return len(new)


def _queue_circulation_emails(document: Document, member_of: dict[int, int | None]) -> None:
    """Queue one email per new reader in the outbox, in bulk: the request writes rows, the worker sends."""
    from django.contrib.auth import get_user_model

    link = emails.absolute_url("secretariat:document_detail", document.pk)
    users = (
        get_user_model()
        .objects.filter(pk__in=list(member_of))
        .exclude(email="")
        .only("pk", "email", "username", "first_name", "last_name")
    )
    # Each reader's preferred language, never the language of whoever circulates (one query).
    language_of = dict(Profile.objects.filter(user_id__in=list(member_of)).values_list("user_id", "language"))
    messages = []
    for user in users.iterator(chunk_size=2000):
        messages += emails.messages_for(
            "secretariat/emails/document_circulated",
            [(user.email, language_of.get(user.pk, settings.LANGUAGE_CODE))],
            kind=EmailKind.CIRCULATION,
            about=document,
            user=user,
            document=document,
            link=link,
        )
        if member_of[user.pk] is not None:
            messages[-1].member_id = member_of[user.pk]
    emails.queue_messages(messages)


@transaction.atomic
def document_mark_read(*, document: Document, user) -> bool:
    """Record that a recipient read the document (the read receipt); the first reading counts."""
    receipts = DocumentRecipient.objects.filter(document=document, user=user)
    if not receipts.exists():
        raise SecretariatError(errors.NOT_A_RECIPIENT)
    # A conditional update: reading twice, or in two tabs at once, keeps the first time.
    return bool(receipts.filter(read_at__isnull=True).update(read_at=timezone.now()))
