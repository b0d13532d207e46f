"""Periodic briefings of the liaison offices to the secretariat (000 §I.2(1))."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LiaisonBriefing(models.Model):
    """What a liaison office did during one period: work done, contacts made, issues."""

    office = models.ForeignKey(
        "members.LiaisonOffice", verbose_name=_("liaison office"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    work_done = models.TextField(_("work done"))
    contacts_made = models.TextField(_("contacts made"), blank=True)
    issues = models.TextField(_("issues"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liaison briefing")
        verbose_name_plural = _("liaison briefings")
        ordering = ["-period_start", "office__name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "period_start"], name="one_briefing_per_office_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="briefing_period_order"
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.period_start:%Y-%m-%d}"
