"""Membership certificates and notification letters, issued on admission (001 §II.4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models.core import Member, Tier
from members.storage import private_storage


class Certificate(models.Model):
    """A membership certificate and the notification letter issued with it.

    The number is gapless per year; the code is the public verification key. The
    PDFs are rendered after the approval commits, so ``file`` may be empty for a
    moment (or until re-rendered, if rendering failed).
    """

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    tier = models.CharField(_("tier"), max_length=30, choices=Tier.choices)
    issued_on = models.DateField(_("issued on"))
    file = models.FileField(
        _("certificate PDF"), upload_to="certificates/", storage=private_storage, blank=True, max_length=255
    )
    letter_file = models.FileField(
        _("notification letter PDF"),
        upload_to="letters/",
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership certificate")
        verbose_name_plural = _("membership certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.number

    @property
    def is_valid(self):
        return self.revoked_at is None
