from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number handed out for one series (e.g. receipts of 2027).

    Gapless numbering (receipts, invoices, documents, resolutions) locks this row
    for the length of the transaction that uses the number, so two concurrent
    transactions never get the same number and a rolled-back one leaves no gap.
    """

    key = models.CharField(_("series"), max_length=50)
    year = models.PositiveIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [models.UniqueConstraint(fields=["key", "year"], name="unique_sequence_per_year")]

    def __str__(self):
        return f"{self.key} {self.year}: {self.last_value}"
