"""Minutes of a meeting (004 三.2): draft, review, approval, circulation with read receipts, archive."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance.seeded import stored_label
from alliance.status import StatusChange, StatusMixin
from meetings.models.meetings import Meeting
from meetings.models.offices import Office
from members.models import Member

# The capacity of secretariat staff approving while no Secretary-General or deputy is recorded.
STAND_IN_CAPACITY = _("Secretariat (no Secretary-General or deputy recorded)")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    CIRCULATED = "circulated", _("Circulated")
    ARCHIVED = "archived", _("Archived")


class Minutes(StatusMixin, models.Model):
    """One version of a meeting's minutes. Approved versions are immutable: a correction is a new version."""

    moves = "meetings.rules.MINUTES_MOVES"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    text = models.TextField(_("minutes"))
    correction_note = models.TextField(_("what this version corrects"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # The capacity the approver acted in (Secretary-General, Deputy, or secretariat standing in).
    approved_as = models.CharField(_("approved as"), max_length=100, blank=True)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="unique_minutes_version")]

    def __str__(self):
        return f"{self.meeting} — v{self.version}"

    @property
    def approved_as_display(self) -> str:
        """The approver's capacity in the reader's language (it is stored in the approver's)."""
        return stored_label(self.approved_as, [*Office.labels, STAND_IN_CAPACITY])

    @property
    def is_locked(self):
        return self.status not in (MinutesStatus.DRAFT, MinutesStatus.IN_REVIEW)


class MinutesStatusChange(StatusChange):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=MinutesStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=MinutesStatus.choices)

    class Meta:
        verbose_name = _("minutes status change")
        verbose_name_plural = _("minutes status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.minutes}: {self.from_status} → {self.to_status}"


class MinutesRecipient(models.Model):
    """A person the minutes were circulated to, and when they read them (read receipt)."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="recipients"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(_("email"))
    created_at = models.DateTimeField(_("circulated at"), auto_now_add=True)
    # Set when the email is claimed for sending, so a re-run of the task sends nothing twice.
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes recipient")
        verbose_name_plural = _("minutes recipients")
        ordering = ["minutes", "member__name", "email"]
        constraints = [models.UniqueConstraint(fields=["minutes", "email"], name="one_receipt_per_address")]

    def __str__(self):
        return f"{self.minutes} → {self.email}"
