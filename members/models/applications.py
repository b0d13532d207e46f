"""Applications for membership and their two-stage review (001 §I–II)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from alliance.status import StatusChange, StatusMixin
from members.models.core import (
    Industry,
    LiaisonOffice,
    Member,
    MemberKind,
    RepresentativeRole,
    Tier,
    UnitType,
)
from members.storage import private_storage


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for preliminary review")
    PRELIMINARY_REVIEW = "preliminary_review", _("In preliminary review")
    PRELIMINARILY_APPROVED = "preliminarily_approved", _("Preliminarily approved, waiting for final review")
    FINAL_REVIEW = "final_review", _("In final review")
    RETURNED = "returned", _("Returned for more information")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewStage(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary review (liaison office)")
    FINAL = "final", _("Final review (secretariat)")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for more information")
    REJECT = "reject", _("Reject")


class DocumentKind(models.TextChoices):
    LEGAL_PERSON_CERTIFICATE = "legal_person_certificate", _("Legal-person qualification certificate")
    IDENTITY_DOCUMENT = "identity_document", _("Identity document")
    CURRICULUM_VITAE = "curriculum_vitae", _("Curriculum vitae")
    SUPPORTING = "supporting", _("Other supporting material")


class DocumentReview(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    REPLACE = "replace", _("To be replaced")


class Application(StatusMixin, models.Model):
    """An application for unit or individual membership, from draft to decision.

    Decisions are their own rows (``ApplicationDecision``); every change of status
    is an ``ApplicationStatusChange``. ``round`` counts submissions, so a decision is
    unique per stage and round.
    """

    moves = "members.rules.APPLICATION_MOVES"

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="membership_applications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices)
    tier = models.CharField(_("tier applied for"), max_length=30, choices=Tier.choices)
    name = models.CharField(_("name (English)"), max_length=255)
    native_name = models.CharField(_("name (native script)"), max_length=255, blank=True)
    country = CountryField(_("country"))
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices, blank=True)
    industry = models.CharField(
        _("industry"), max_length=30, choices=Industry.choices, default=Industry.OTHER
    )
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # An individual's employer and position (an individual applicant's "materials").
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    motivation = models.TextField(_("why the applicant wishes to join"), blank=True)
    # The language the applicant used: emails about the application are written in it.
    language = models.CharField(_("language"), max_length=10, default="en")
    # 001 §I.3: signing the Kunming Declaration and abiding by the Alliance Charter.
    declaration_accepted_at = models.DateTimeField(
        _("Kunming Declaration and Charter acknowledged at"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    liaison_office = models.ForeignKey(
        LiaisonOffice,
        verbose_name=_("liaison office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # No liaison office covers the country: the secretariat does the preliminary review.
    no_liaison_office = models.BooleanField(_("no liaison office for the country"), default=False)
    round = models.PositiveSmallIntegerField(_("submission round"), default=0)
    # The stage that returned it, so a resubmission goes back to that stage.
    returned_stage = models.CharField(
        _("returned at stage"), max_length=20, choices=ReviewStage.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    # When the application entered its current status: the queues show how long it waited.
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    member = models.OneToOneField(
        Member,
        verbose_name=_("member admitted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            # The review queues filter by status and sort by waiting time.
            models.Index(fields=["status", "status_changed_at"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    @property
    def reference(self):
        return f"APP-{self.pk:05d}" if self.pk else "APP-new"

    @property
    def display_name(self):
        return f"{self.name} / {self.native_name}" if self.native_name else self.name

    @property
    def is_unit(self):
        return self.kind == MemberKind.UNIT


class ApplicationRepresentative(models.Model):
    """A representative proposed by a unit applicant: a primary and at most one deputy."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="representatives"
    )
    role = models.CharField(_("role"), max_length=10, choices=RepresentativeRole.choices)
    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name (native script)"), max_length=200, blank=True)
    position = models.CharField(_("position in the unit"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("proposed representative")
        verbose_name_plural = _("proposed representatives")
        ordering = ["application", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "role"], name="one_proposed_representative_per_role"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


def document_upload_to(instance, filename):
    # The stored name never uses the uploader's file name (it may hold anything).
    import uuid

    return f"applications/{instance.application_id}/{uuid.uuid4().hex}{instance.extension}"


class ApplicationDocument(models.Model):
    """An uploaded document, checked by content and served only through an access-checked view."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(_("extension"), max_length=8)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    review = models.CharField(
        _("review"), max_length=10, choices=DocumentReview.choices, default=DocumentReview.PENDING
    )
    review_reason = models.TextField(_("reason given to the applicant"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind", "uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class ApplicationDecision(models.Model):
    """One reviewer's decision at one stage of one submission round (who, when, what, why)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="decisions"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ReviewStage.choices)
    round = models.PositiveSmallIntegerField(_("submission round"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    # A final approval given while a required document was not accepted: why (who and
    # when are the decision's own decided_by and decided_at).
    documents_override_reason = models.TextField(
        _("approved without every required document accepted, because"), blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["application", "decided_at", "id"]
        constraints = [
            # A second decision on the same stage of the same round is refused.
            models.UniqueConstraint(
                fields=["application", "stage", "round"], name="one_decision_per_stage_and_round"
            )
        ]

    def __str__(self):
        return f"{self.application.reference}: {self.get_stage_display()} — {self.get_decision_display()}"


class ApplicationStatusChange(StatusChange):
    """The history of an application's status (who, when, from, to, comment)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=30, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=30, choices=ApplicationStatus.choices)

    class Meta:
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")
        ordering = ["application", "changed_at", "id"]

    def __str__(self):
        return f"{self.application.reference}: {self.from_status} → {self.to_status}"
