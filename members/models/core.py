"""Members, their representatives and contacts, liaison offices, and status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from alliance.status import StatusChange, StatusMixin
from members.storage import private_storage


class MemberKind(models.TextChoices):
    UNIT = "unit", _("Unit member")
    INDIVIDUAL = "individual", _("Individual member")


class Tier(models.TextChoices):
    """Membership tiers of 001 §IV; their amounts are the dues fee schedule's."""

    CHAIRMAN_UNIT = "chairman_unit", _("Chairman unit")
    VICE_CHAIRMAN_UNIT = "vice_chairman_unit", _("Vice-chairman unit")
    GROUP_MEMBER = "group_member", _("Group member")
    INDIVIDUAL_MEMBER = "individual_member", _("Individual member")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", pgettext_lazy("member status", "Withdrawn")
    EXPELLED = "expelled", _("Expelled")


class UnitType(models.TextChoices):
    """Classification by unit type (003 第二条)."""

    ENTERPRISE = "enterprise", _("Enterprise")
    ASSOCIATION = "association", _("Industry association")
    RESEARCH = "research", _("Research institute or university")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


class Industry(models.TextChoices):
    """Classification by industry (003 第二条)."""

    SECURITY_SERVICES = "security_services", _("Security services")
    TECHNOLOGY = "technology", _("Security technology")
    CYBERSECURITY = "cybersecurity", _("Cybersecurity")
    LOGISTICS = "logistics", _("Logistics and escort")
    CONSULTING = "consulting", _("Risk consulting")
    TRAINING = "training", _("Training and education")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Classification by region (003 第二条); derived from the country."""

    SOUTH_ASIA = "south_asia", _("South Asia")
    SOUTHEAST_ASIA = "southeast_asia", _("Southeast Asia")
    EAST_ASIA = "east_asia", _("East Asia")
    OTHER = "other", _("Other regions")


class LiaisonOffice(models.Model):
    """A liaison office: preliminary review and member files for the countries it covers."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    countries = CountryField(_("countries covered"), multiple=True)
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directed_liaison_offices",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("liaison officers"),
        blank=True,
        related_name="liaison_offices",
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liaison office")
        verbose_name_plural = _("liaison offices")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def with_voting_rights(self):
        """Members whose rights are not suspended or ended (active ones)."""
        return self.filter(status=MemberStatus.ACTIVE)


class Member(StatusMixin, models.Model):
    """A member of the alliance: a unit (legal entity) or an individual. Never deleted."""

    moves = "members.rules.MEMBER_MOVES"

    number = models.CharField(_("member number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices)
    tier = models.CharField(_("tier"), max_length=30, choices=Tier.choices)
    name = models.CharField(_("name (English)"), max_length=255)
    native_name = models.CharField(_("name (native script)"), max_length=255, blank=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, default=Region.OTHER)
    industry = models.CharField(
        _("industry"), max_length=30, choices=Industry.choices, default=Industry.OTHER
    )
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Private like every member document: served only by a view that checks who asks.
    logo = models.ImageField(
        _("photo or logo"), upload_to="members/logos/", storage=private_storage, blank=True, max_length=255
    )
    # The person's own account, for an individual member (units act through representatives).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="individual_membership",
    )
    joined_on = models.DateField(_("admitted on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]
        indexes = [
            # The directory filters by these and sorts by name.
            models.Index(fields=["status", "name"]),
            models.Index(fields=["country", "name"]),
            models.Index(fields=["tier", "name"]),
            # The unfiltered directory sorts by (name, id): its count and its deep pages walk
            # this index only (alliance.pagination).
            models.Index(fields=["name", "id"], name="member_directory_order"),
            # The directory's search matches a member number exactly (number__iexact). Its
            # name searches use trigram indexes on PostgreSQL (migration 0007).
            models.Index(Upper("number"), name="member_number_upper"),
        ]

    def __str__(self):
        return f"{self.name} ({self.number})"

    @property
    def display_name(self):
        return f"{self.name} / {self.native_name}" if self.native_name else self.name

    @property
    def has_voting_rights(self):
        return self.status == MemberStatus.ACTIVE


class RepresentativeRole(models.TextChoices):
    PRIMARY = "primary", _("Primary representative")
    DEPUTY = "deputy", _("Deputy representative")


class RepresentativeQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class Representative(models.Model):
    """A person who represents a member (003 第六–八条): a primary and at most one deputy.

    When a representative leaves, ``ended_on`` is set; the row is kept.
    """

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="representatives"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representations",
    )
    role = models.CharField(_("role"), max_length=10, choices=RepresentativeRole.choices)
    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name (native script)"), max_length=200, blank=True)
    position = models.CharField(_("position in the unit"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["member", "role", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "role"],
                condition=Q(ended_on__isnull=True),
                name="one_current_representative_per_role",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()}, {self.member.name})"


class Contact(models.Model):
    """A row of the member file's contact table (003 §三)."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit or department"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["member", "name"]

    def __str__(self):
        return self.name


class MemberStatusChange(StatusChange):
    """One change of a member's status, with its reason (and resolution, for an expulsion)."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=MemberStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=MemberStatus.choices)
    # The reason, required here (the participation rule gives its own).
    comment = models.TextField(_("reason"))
    # The resolution's register number (e.g. "GA-2027-04"); members cannot import meetings.
    resolution_reference = models.CharField(_("resolution"), max_length=50, blank=True)
    # Null for a change the system makes.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.member}: {self.from_status} → {self.to_status}"
