"""Bodies (000 §I) and their voting rules, kept as data so each organisation sets its own."""

from dataclasses import dataclass
from fractions import Fraction

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliance.seeded import Seeds, seeded_name


class RuleBase(models.TextChoices):
    """What a fraction is taken of: the member units present, or all members entitled."""

    PRESENT = "present", _("member units present")
    ENTITLED = "entitled", _("all members entitled")


@dataclass(frozen=True)
class Rule:
    """``count`` must be more than (strict) or at least ``fraction`` of the base (meetings.rules)."""

    fraction: Fraction
    strict: bool
    base: str = RuleBase.PRESENT

    def describe(self) -> str:
        return describe_rule(self.fraction.numerator, self.fraction.denominator, self.strict, self.base)

    def as_recorded(self) -> dict:
        """The resolution's fields that keep the rule it was judged by."""
        return {
            "rule_numerator": self.fraction.numerator,
            "rule_denominator": self.fraction.denominator,
            "rule_strict": self.strict,
            "rule_base": self.base,
        }


def describe_rule(numerator: int, denominator: int, strict: bool, base: str) -> str:
    """Say a rule in words: "more than 2/3 of member units present"."""
    words = gettext("more than") if strict else gettext("at least")
    return f"{words} {numerator}/{denominator} {RuleBase(base).label}"


def _fraction_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{prefix}_numerator__gte": 0})
            & Q(**{f"{prefix}_denominator__gt": 0})
            & Q(**{f"{prefix}_numerator__lte": F(f"{prefix}_denominator")}),
            name=f"body_{prefix}_fraction_valid",
        )
    ]


# The bodies migration 0002 seeds (000 §I), shown in the reader's language.
SEEDED_BODIES: Seeds = {
    "GA": ("Member General Assembly", _("Member General Assembly")),
    "CM": ("Chairman's Meeting", _("Chairman's Meeting")),
}


class Body(models.Model):
    """A governing body: the Member General Assembly, the Chairman's Meeting, others.

    Quorum: more than (or at least) ``quorum`` of the entitled member units present.
    Ordinary resolutions pass by the ``pass`` rule; elections by the ``election`` rule.
    Defaults are the Chairman's Meeting's (000 §I, §II).
    """

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("e.g. GA, CM"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Tiers of the members entitled to sit (empty: every member).
    entitled_tiers = models.JSONField(_("entitled tiers"), default=list, blank=True)

    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum denominator"), default=3, validators=[MinValueValidator(1)]
    )
    quorum_strict = models.BooleanField(_("quorum must be exceeded"), default=True)

    pass_numerator = models.PositiveSmallIntegerField(_("passing numerator"), default=2)
    pass_denominator = models.PositiveSmallIntegerField(
        _("passing denominator"), default=3, validators=[MinValueValidator(1)]
    )
    pass_strict = models.BooleanField(_("passing fraction must be exceeded"), default=True)
    pass_base = models.CharField(
        _("passing base"), max_length=10, choices=RuleBase.choices, default=RuleBase.PRESENT
    )

    election_numerator = models.PositiveSmallIntegerField(_("election numerator"), default=2)
    election_denominator = models.PositiveSmallIntegerField(
        _("election denominator"), default=3, validators=[MinValueValidator(1)]
    )
    election_strict = models.BooleanField(_("election fraction must be exceeded"), default=False)
    election_base = models.CharField(
        _("election base"), max_length=10, choices=RuleBase.choices, default=RuleBase.ENTITLED
    )

    min_notice_days = models.PositiveSmallIntegerField(_("minimum notice (days)"), default=0)
    # Off by default: the Charter does not say that arrears cost the vote.
    arrears_lose_vote = models.BooleanField(_("members in arrears lose their vote"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            *_fraction_constraints("quorum"),
            *_fraction_constraints("pass"),
            *_fraction_constraints("election"),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        """The body's name in the reader's language (a seeded body's), else as typed."""
        return seeded_name(SEEDED_BODIES, self.code, self.name)

    def quorum_rule(self) -> Rule:
        """The quorum: entitled member units present, of all entitled (000 §I: more than 2/3)."""
        return Rule(
            Fraction(self.quorum_numerator, self.quorum_denominator), self.quorum_strict, RuleBase.ENTITLED
        )

    def pass_rule(self) -> Rule:
        """What an ordinary resolution needs (000 §I: more than 2/3 of member units present)."""
        return Rule(Fraction(self.pass_numerator, self.pass_denominator), self.pass_strict, self.pass_base)

    def election_rule(self) -> Rule:
        """What an election needs (000 §II: 2/3 of all members)."""
        return Rule(
            Fraction(self.election_numerator, self.election_denominator),
            self.election_strict,
            self.election_base,
        )
