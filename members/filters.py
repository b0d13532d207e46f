"""The member directory's filters (003 第二条: by position, unit type, country/region, industry)."""

import functools

import django_filters
from django import forms
from django.db.models import Lookup, Q
from django.db.models.functions import Upper
from django.db.models.lookups import IContains
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.filters import OrderingFilter
from alliance.widgets import FixedChoices, OptionsSelect
from members import extensions
from members.models import (
    Application,
    ApplicationStatus,
    Industry,
    Member,
    MemberKind,
    MemberStatus,
    Region,
    Tier,
    UnitType,
)


def country_choices():
    """Return (code, name) of every country in the request's language (cached per language:
    250 translated names on every directory page cost more than its queries)."""
    return _country_choices_in(translation.get_language() or "en")


@functools.cache
def _country_choices_in(language: str) -> FixedChoices:
    with translation.override(language):
        return FixedChoices((country.code, str(country.name)) for country in countries)


def _position_choices():
    return extensions.position_choices.call_one()


def search_members(queryset, value: str):
    """Members whose name (English or native) contains ``value``, or whose number is ``value``.

    On PostgreSQL the trigram indexes on UPPER(name) and UPPER(native_name) (migration 0007)
    find the matches and the matches alone are sorted, by UPPER(name): sorted by ``name`` the
    planner walks the (name, id) index filtering every row until it has a page, which for a
    search matching a block of names ("harbour falcon": 1,000 names from the 33,000th on)
    read a third of the table, 470 ms in the issue 15 bench; sorted this way the search page
    costs under 3x the bare view. Any other ``ordering`` chosen still applies after this.
    """
    value = value.strip()
    if not value:
        return queryset
    matches = Q(name__contains_guided=value) | Q(native_name__contains_guided=value) | Q(number__iexact=value)
    return queryset.filter(matches).order_by(Upper("name"), "pk")


class ContainsGuided(Lookup):
    """``icontains`` (the same rows, on every database), found on PostgreSQL through the trigram
    index with a few trigrams of the value only: for a value of several words the index is asked
    for the first four characters of each word, in order (``LIKE '%HARB%FALC%'``), and the rows
    it gives are then checked for the whole value (STRPOS, which the index does not take).

    A trigram costs its posting list: ``icontains`` of "harbour falcon" intersected twelve of
    them (~2.4 ms of the index scan in the issue 15 bench), "HARB%FALC" four (~0.85 ms) for the
    same 1,000 rows: the page's query went from ~4.7 to ~3.8 ms (the STRPOS check costs back
    ~0.5 ms). The value's rows always match the guide, so the results are the same. A single
    word is searched whole: one word's prefix alone can match many more rows than the word,
    and each row found costs a read of its block. A lookup, not expressions (Upper, StrIndex):
    those cost ~0.4 ms a request to build and resolve.
    """

    lookup_name = "contains_guided"

    def as_sql(self, compiler, connection):
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        words = self.rhs.split() if isinstance(self.rhs, str) else ()
        if len(words) < 2:
            return self.as_sql(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        column = f"UPPER({lhs_sql}::text)"
        guide = "%".join(connection.ops.prep_for_like_query(word[:4]) for word in words)
        return (
            f"({column} LIKE UPPER(%s) AND STRPOS({column}, UPPER(%s)) > 0)",
            (*lhs_params, f"%{guide}%", *lhs_params, self.rhs),
        )


for _field in ("name", "native_name"):
    Member._meta.get_field(_field).register_lookup(ContainsGuided)


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control form-control-sm"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), widget=OptionsSelect, choices=MemberKind.choices)
    tier = django_filters.ChoiceFilter(label=_("Tier"), widget=OptionsSelect, choices=Tier.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), widget=OptionsSelect, choices=[])
    region = django_filters.ChoiceFilter(label=_("Region"), widget=OptionsSelect, choices=Region.choices)
    industry = django_filters.ChoiceFilter(
        label=_("Industry"), widget=OptionsSelect, choices=Industry.choices
    )
    unit_type = django_filters.ChoiceFilter(
        label=_("Unit type"), widget=OptionsSelect, choices=UnitType.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), widget=OptionsSelect, choices=MemberStatus.choices
    )
    position = django_filters.ChoiceFilter(
        label=_("Alliance position"), widget=OptionsSelect, choices=_position_choices, method="held"
    )
    ordering = OrderingFilter(
        label=_("Sort by"),
        widget=OptionsSelect,
        fields=(("name", "name"), ("number", "number"), ("joined_on", "joined_on"), ("country", "country")),
        field_labels={
            "name": _("Name"),
            "number": _("Member number"),
            "joined_on": _("Admitted on"),
            "country": _("Country"),
        },
    )

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Computed per request: country names follow the language, positions come from meetings.
        self.filters["country"].extra["choices"] = country_choices()
        self.filters["position"].extra["choices"] = _position_choices()

    def search(self, queryset, name, value):
        return search_members(queryset, value)

    def held(self, queryset, name, value):
        return extensions.members_holding_position.call_one(queryset, value) if value else queryset


class ApplicationFilter(django_filters.FilterSet):
    """Filters of the review queues."""

    country = django_filters.ChoiceFilter(label=_("Country"), widget=OptionsSelect, choices=[])
    kind = django_filters.ChoiceFilter(label=_("Kind"), widget=OptionsSelect, choices=MemberKind.choices)
    tier = django_filters.ChoiceFilter(label=_("Tier"), widget=OptionsSelect, choices=Tier.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), widget=OptionsSelect, choices=ApplicationStatus.choices
    )
    no_liaison_office = django_filters.BooleanFilter(label=_("No liaison office"))

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = country_choices()
