"""Offices of the alliance (000 §II) and who held them, with their history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member


class Office(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice_chairman", _("Vice Chairman")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
    DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy Secretary-General")
    TREASURER = "treasurer", _("Treasurer")


class HoldingHow(models.TextChoices):
    ELECTED = "elected", _("Elected")
    APPOINTED = "appointed", _("Appointed by the Chairman")


class HoldingEnd(models.TextChoices):
    TERM_ENDED = "term_ended", _("Term ended")
    RESIGNED = "resigned", _("Resigned")
    SUCCEEDED = "succeeded", _("Succeeded")
    REPRESENTATIVE_LEFT = "representative_left", _("Left the member's representation")
    REMOVED = "removed", _("Removed")


class OfficeHolding(models.Model):
    """One person's tenure of an office. Rows are ended, never deleted."""

    office = models.CharField(_("office"), max_length=30, choices=Office.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="office_holdings",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_holdings",
    )
    how = models.CharField(_("how"), max_length=10, choices=HoldingHow.choices)
    started_on = models.DateField(_("started on"))
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=30, choices=HoldingEnd.choices, blank=True)
    # Register number of the election resolution, or who appointed.
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("election resolution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_holdings",
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appointed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office holding")
        verbose_name_plural = _("office holdings")
        ordering = ["office", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "holder"],
                condition=Q(ended_on__isnull=True),
                name="one_open_holding_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="holding_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()}: {self.holder_name}"

    @property
    def holder_name(self):
        return str(self.holder)
