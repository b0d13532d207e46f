"""Flags of the participation rule (003 第九条) awaiting the secretariat's decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import MemberStatus


class FlagKind(models.TextChoices):
    UNIT_ABSENT = "unit_absent", _("Nobody from the unit at consecutive activities")
    REPRESENTATIVE_ABSENT = "representative_absent", _("Representative absent at consecutive activities")
    WITHDRAWAL = "withdrawal", _("Absent a year or more than the limit: treated as withdrawn")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class ParticipationFlag(models.Model):
    """A case the participation rule found; nothing changes until the secretariat confirms it."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    representative = models.ForeignKey(
        "members.Representative",
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=FlagKind.choices)
    proposed_status = models.CharField(_("proposed status"), max_length=20)
    consecutive_absences = models.PositiveIntegerField(_("consecutive absences"))
    last_attended_on = models.DateField(_("last attended on"), null=True, blank=True)
    # The activities missed, oldest first: [{"id", "theme", "date", "source"}...].
    evidence = models.JSONField(_("evidence"), default=list)
    # The last missed event: the same streak never raises a second flag, a new absence may.
    evidence_key = models.CharField(_("evidence key"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation flag")
        verbose_name_plural = _("participation flags")
        ordering = ["status", "-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "evidence_key"], name="one_flag_per_streak"),
            models.UniqueConstraint(
                fields=["member", "kind"], condition=Q(status="open"), name="one_open_flag_per_member_kind"
            ),
        ]
        # The flag list and the dashboard read the open flags, newest first.
        indexes = [
            models.Index(fields=["status", "-raised_at", "-id"], name="flag_status_raised"),
            # The dashboard counts open flags per kind from the index alone.
            models.Index(fields=["status", "kind"], name="flag_status_kind"),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.get_kind_display()}"

    @property
    def proposed_status_label(self) -> str:
        return str(MemberStatus(self.proposed_status).label)
