"""Numbered documents with review, approval, circulation and read receipts (004 三.1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance.status import StatusChange, StatusMixin
from secretariat.models.organisation import Department


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Notice")
    ANNOUNCEMENT = "announcement", _("Announcement")
    CIRCULAR = "circular", _("Circular")
    REPORT = "report", _("Report")
    LETTER = "letter", _("Letter")


KIND_CODES = {
    DocumentKind.NOTICE: "N",
    DocumentKind.ANNOUNCEMENT: "A",
    DocumentKind.CIRCULAR: "C",
    DocumentKind.REPORT: "R",
    DocumentKind.LETTER: "L",
}


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    INTERNAL = "internal", _("Internal")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Waiting for the department head")
    REVIEWED = "reviewed", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")
    ARCHIVED = "archived", _("Archived")


class Document(StatusMixin, models.Model):
    """A document of the secretariat. Once issued it is never edited: a revision supersedes it."""

    moves = "secretariat.rules.DOCUMENT_MOVES"

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="documents"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="authored_documents",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=60, null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("number year"), null=True, blank=True)
    number_sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_at", "-created_at", "-id"]
        constraints = [
            # A second number for one document, or one number for two, is impossible in the database.
            models.UniqueConstraint(
                fields=["kind", "number_year", "number_sequence"], name="one_document_per_sequence"
            ),
            models.UniqueConstraint(fields=["kind", "number"], name="unique_document_number_per_kind"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "reviewed", "approved"])
                | Q(number__isnull=False),
                name="issued_document_has_number",
            ),
        ]
        indexes = [
            # The public notice page and the dashboard filter by these.
            models.Index(fields=["status", "audience", "-issued_at"]),
            # The document list pages in this order without sorting the table.
            models.Index(fields=["-issued_at", "-created_at", "-id"], name="document_list_order"),
            # The review queue (status, department, never one's own) counts from the index alone.
            models.Index(fields=["status", "department", "author"], name="document_review_queue"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def is_editable(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.status in (DocumentStatus.ISSUED, DocumentStatus.ARCHIVED)


class DocumentStatusChange(StatusChange):
    """One move of a document's status: who, when, from, to and why."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=DocumentStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=DocumentStatus.choices)

    class Meta:
        verbose_name = _("document status change")
        verbose_name_plural = _("document status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.document_id}: {self.from_status} → {self.to_status}"


class DocumentAttachment(models.Model):
    """A file attached to a document; stored privately and served through a view that checks access."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="secretariat/documents/%Y/")
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class DocumentRecipient(models.Model):
    """A person a document was circulated to, and when they read it (the read receipt)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="received_documents",
    )
    # The member the recipient reads for, when circulated to members.
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("circulated by"), on_delete=models.PROTECT, related_name="+"
    )
    circulated_at = models.DateTimeField(_("circulated at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["document", "user__username"]
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="one_receipt_per_reader")]

    def __str__(self):
        return f"{self.document_id} → {self.user_id}"
