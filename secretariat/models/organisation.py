"""The secretariat's departments and its staff (000: departments and positions)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from alliance.seeded import Seeds, seeded_name

# The departments migration 0002 seeds (000 §I), shown in the reader's language.
SEEDED_DEPARTMENTS: Seeds = {
    "liaison": ("Liaison", pgettext_lazy("department", "Liaison")),
    "development": ("Development", pgettext_lazy("department", "Development")),
    "membership": ("Membership", pgettext_lazy("department", "Membership")),
    "public-relations": ("Public Relations", pgettext_lazy("department", "Public Relations")),
    "event-planning": ("Event Planning", pgettext_lazy("department", "Event Planning")),
}


class Department(models.Model):
    """A department of the secretariat, with its head (000 §I: Liaison, Development, Membership...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("responsibilities"), blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The department's name in the reader's language (a seeded one's), else as typed."""
        return seeded_name(SEEDED_DEPARTMENTS, self.code, self.name)


class ApprovalRole(models.TextChoices):
    """Who may approve documents (004 三.1): the Secretary-General or a deputy."""

    NONE = "", _("None")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
    DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy Secretary-General")


class StaffProfile(models.Model):
    """Links a user to a department of the secretariat, with their position in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    # The appointment itself is recorded by meetings (appointed by the Chairman);
    # this flag lets the document workflow know who signs off.
    approval_role = models.CharField(
        _("approves documents as"), max_length=30, choices=ApprovalRole.choices, blank=True, default=""
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["department__order", "user__last_name", "user__username"]

    def __str__(self):
        return str(self.user)

    @property
    def can_approve_documents(self) -> bool:
        return self.is_active and bool(self.approval_role)
