from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliance.money import CENT


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


class MoneyAmountField(models.DecimalField):
    """A DecimalField whose every form (ModelForms, the admin) takes input through ``MoneyField``.

    ``min_amount`` bounds what a form accepts (one cent by default, ``ZERO`` where
    nothing is an amount, ``None`` for signed amounts such as credit lines).
    """

    def __init__(self, *args, min_amount=CENT, **kwargs):
        self.min_amount = min_amount
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Only the form differs from a DecimalField, so migrations see a plain DecimalField.
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs):
        from alliance.forms import MoneyField

        return super().formfield(**{"form_class": MoneyField, "min_value": self.min_amount, **kwargs})


class SubmissionKey(models.Model):
    """A form's one-time submission key, claimed in the transaction of the change it made.

    A double click, a resubmission after "back", or a retry after an error page
    sends the same key again: the unique key makes the second claim fail, so the
    change is made once and the user is shown its first result (issue 10 §3).
    """

    key = models.UUIDField(_("key"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    result_url = models.CharField(_("result"), max_length=500)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")

    def __str__(self):
        return str(self.key)
