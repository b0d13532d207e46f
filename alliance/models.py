from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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


class EmailKind(models.TextChoices):
    """What an outgoing email is for; the outbox page filters by it."""

    RECEIPT = "receipt", _("Receipt")
    REMINDER = "reminder", _("Dues reminder")
    MEETING_NOTICE = "meeting_notice", _("Meeting notice")
    MINUTES = "minutes", _("Minutes")
    APPLICATION = "application", _("Application")
    DECISION = "decision", _("Application decision")
    ADMISSION = "admission", _("Admission")
    ACTIVATION = "activation", _("Account activation")
    PASSWORD_RESET = "password_reset", _("Password reset")
    REVIEWER = "reviewer", _("Reviewer notice")
    CIRCULATION = "circulation", _("Document circulation")
    OTHER = "other", _("Other")


class OutgoingEmail(models.Model):
    """What the alliance knows about one queued email, beside django-post-office's ``Email``.

    post_office holds the message, its attachments, its status and its delivery
    log; this row holds what the message is about (a generic link, since this
    layer may not import the apps), how to render it in its recipient's language
    (rendering happens in the worker, so bulk sends leave the request as rows),
    and the claim that keeps two workers from sending it twice.
    """

    email = models.OneToOneField(
        "post_office.Email", on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("email")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=12)
    context = models.JSONField(_("context"), default=dict, blank=True)
    # Attachments built by the worker (e.g. a receipt PDF): [[builder, {arguments}], ...].
    deferred_attachments = models.JSONField(_("attachments to build"), default=list, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    about_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("about (type)"),
        db_index=False,  # outgoing_about starts with it
        # Half of a generic link, as unchecked by the database as about_id: checking it
        # against the content types (written by migrations only) was a third of the
        # foreign-key checks a reminder run's commits make.
        db_constraint=False,
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    # The member the message concerns, as a plain id: this layer may not reference members.
    member_id = models.PositiveBigIntegerField(_("member"), null=True, blank=True, db_index=True)
    # post_office's priorities (0 low, 1 medium, 2 high): a receipt is not held behind 100,000 reminders.
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    # When the next delivery attempt is due; null once sent or given up. A worker
    # claims a row by moving this into the future (a lease) with a conditional update.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claim = models.CharField(_("claim"), max_length=32, blank=True, default="")
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True, default="")
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    resent_at = models.DateTimeField(_("resent at"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resent by"),
        db_index=False,  # outgoing_resent_by, partial
    )
    resend_count = models.PositiveIntegerField(_("times resent"), default=0)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        # Every index is written for each of a reminder run's 100,000 rows: the ones a new
        # row has no entry in (no claim, never resent) are partial.
        indexes = [
            models.Index(fields=["next_attempt_at", "priority"], name="outgoing_due"),
            models.Index(fields=["about_type", "about_id"], name="outgoing_about"),
            models.Index(fields=["kind", "-queued_at"], name="outgoing_kind"),
            models.Index(fields=["claim"], name="outgoing_claim", condition=~Q(claim="")),
            models.Index(
                fields=["resent_by"], name="outgoing_resent_by", condition=Q(resent_by__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class Profile(models.Model):
    """What the alliance keeps about a person beyond their account: their preferred language.

    The language is the one their pages open in (alliance.middleware.UserLanguageMiddleware)
    and every email to them is written in (alliance.emails). Applicants take it from
    their application, representatives from their member at admission; each person
    changes it on their profile page or with the language switcher (alliance.languages).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    language = models.CharField(
        _("Preferred language"), max_length=12, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Who set it and when: the person themself, or staff at admission (simple_history keeps every change).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return f"{self.user}: {self.language}"
