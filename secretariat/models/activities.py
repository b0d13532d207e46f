"""Activities of the alliance, their approval, attendance and summary (004 三.3)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance.models import MoneyAmountField
from alliance.status import StatusChange, StatusMixin
from secretariat.models.organisation import Department


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    PREPARING = "preparing", _("In preparation")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Summary reported")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


class ApprovalBody(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    COUNCIL = "council", _("Council")


class Activity(StatusMixin, models.Model):
    """An activity of the alliance: planned, approved (major ones by the council), held, reported."""

    moves = "secretariat.rules.ACTIVITY_MOVES"

    theme = models.CharField(_("theme"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=300)
    content = models.TextField(_("content"))
    participants = models.TextField(_("expected participants"), blank=True)
    budget = MoneyAmountField(
        _("budget (USD)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        min_amount=Decimal("0.00"),
    )
    is_major = models.BooleanField(
        _("major activity"), default=False, help_text=_("Major activities are approved by the council.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("organising department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_body = models.CharField(
        _("approved by body"), max_length=20, choices=ApprovalBody.choices, blank=True
    )
    approval_reference = models.CharField(_("council decision"), max_length=100, blank=True)
    summary = models.TextField(_("summary report"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="activity_budget_not_negative"),
        ]
        indexes = [models.Index(fields=["status", "starts_on"])]

    def __str__(self):
        return f"{self.theme} ({self.starts_on:%Y-%m-%d})"

    @property
    def takes_attendance(self) -> bool:
        """Attendance is recorded while the activity is held and until its report is archived."""
        return self.status in (ActivityStatus.HELD, ActivityStatus.REPORTED)

    @property
    def counts_for_participation(self) -> bool:
        return self.status in (ActivityStatus.HELD, ActivityStatus.REPORTED, ActivityStatus.ARCHIVED)


class ActivityStatusChange(StatusChange):
    """One move of an activity's status: who, when, from, to and why."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ActivityStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ActivityStatus.choices)

    class Meta:
        verbose_name = _("activity status change")
        verbose_name_plural = _("activity status changes")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.activity_id}: {self.from_status} → {self.to_status}"


class ActivityAttendance(models.Model):
    """A member unit present at an activity, and whether its representative came in person.

    No row for a member means nobody from it attended (the participation rule counts that).
    """

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="attendance"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    representative = models.ForeignKey(
        "members.Representative",
        verbose_name=_("representative present"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendee_name = models.CharField(_("attended by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["activity", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="one_attendance_per_member_activity")
        ]
        indexes = [models.Index(fields=["member", "activity"])]

    def __str__(self):
        return f"{self.member_id} at {self.activity_id}"

    @property
    def representative_present(self) -> bool:
        return self.representative_id is not None
