"""django-filter sets for every list of the app."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    Attendance,
    Body,
    Invitation,
    Meeting,
    MeetingStatus,
    Resolution,
    ResolutionKind,
    ResolutionStatus,
)


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)
    title = django_filters.CharFilter(label=_("Title"), lookup_expr="icontains")

    class Meta:
        model = Meeting
        fields = ["body", "status", "title"]


class ResolutionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResolutionKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ResolutionStatus.choices)
    q = django_filters.CharFilter(label=_("Number or title"), method="search")

    class Meta:
        model = Resolution
        fields = ["body", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Member name or number"), method="search")
    signed_in = django_filters.BooleanFilter(label=_("Signed in"), method="filter_signed_in")

    class Meta:
        model = Invitation
        fields = ["response"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(member__name__icontains=value) | Q(member__number__icontains=value) | Q(name__icontains=value)
        )

    def filter_signed_in(self, queryset, name, value):
        signed_in = Exists(
            Attendance.objects.filter(meeting=OuterRef("meeting_id"), member=OuterRef("member_id"))
        )
        return queryset.filter(signed_in if value else ~signed_in)
