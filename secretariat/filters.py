"""django-filter filter sets for the secretariat's lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from alliance.query import YearFilter
from secretariat.models import (
    Activity,
    ActivityStatus,
    Audience,
    Department,
    Document,
    DocumentKind,
    DocumentStatus,
    FlagKind,
    FlagStatus,
    LiaisonBriefing,
    ParticipationFlag,
)


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DocumentStatus.choices)
    audience = django_filters.ChoiceFilter(label=_("Audience"), choices=Audience.choices)
    department = django_filters.ModelChoiceFilter(label=_("Department"), queryset=Department.objects.all())

    class Meta:
        model = Document
        fields = ["kind", "status", "audience", "department"]


class PublicNoticeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(DocumentKind.ANNOUNCEMENT, _("Announcement")), (DocumentKind.NOTICE, _("Notice"))],
    )
    year = YearFilter(field_name="number_year")

    class Meta:
        model = Document
        fields = ["kind", "year"]


class ActivityFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    is_major = django_filters.BooleanFilter(label=_("Major"))
    year = YearFilter(field_name="starts_on", lookup_expr="year")

    class Meta:
        model = Activity
        fields = ["status", "is_major", "year"]


def _offices(request):
    """Only the offices whose briefings the user may read are offered."""
    from members.models import LiaisonOffice
    from secretariat.selectors import briefing_offices_visible_to

    return briefing_offices_visible_to(request.user) if request else LiaisonOffice.objects.none()


class BriefingFilter(django_filters.FilterSet):
    office = django_filters.ModelChoiceFilter(label=_("Office"), queryset=_offices)
    year = YearFilter(field_name="period_start", lookup_expr="year")

    class Meta:
        model = LiaisonBriefing
        fields = ["office", "year"]


class FlagFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FlagStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FlagKind.choices)

    class Meta:
        model = ParticipationFlag
        fields = ["status", "kind"]
