import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS

from alliance.forms import DateInput
from alliance.models import EmailKind, OutgoingEmail


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort choices, labelled in the reader's language.

    django-filter writes "… (descending)" when the filter class is defined, in the
    language active at import (English), and ships no Chinese catalogue: here the
    label is formatted lazily from a msgid of our own catalogues.
    """

    def build_choices(self, fields, labels):
        ascending = [(param, labels.get(field, param)) for field, param in fields.items()]
        descending = [
            (f"-{param}", labels.get(f"-{param}", format_lazy(_("{label} (descending)"), label=label)))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


class OutgoingStatus:
    QUEUED = "queued"
    RETRYING = "retrying"
    FAILED = "failed"
    SENT = "sent"

    CHOICES = [
        (QUEUED, _("Queued")),
        (RETRYING, _("Failed, will retry")),
        (FAILED, _("Failed")),
        (SENT, _("Sent")),
    ]
    POST_OFFICE = {QUEUED: STATUS.queued, RETRYING: STATUS.requeued, FAILED: STATUS.failed, SENT: STATUS.sent}


class OutgoingEmailFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OutgoingStatus.CHOICES, method="by_status"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EmailKind.choices)
    queued_from = django_filters.DateFilter(
        label=_("Queued from"),
        field_name="queued_at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    queued_to = django_filters.DateFilter(
        label=_("Queued until"),
        field_name="queued_at",
        lookup_expr="date__lte",
        widget=DateInput(),
    )
    to = django_filters.CharFilter(label=_("Recipient"), field_name="email__to", lookup_expr="icontains")

    class Meta:
        model = OutgoingEmail
        fields = ["status", "kind", "queued_from", "queued_to", "to"]

    def by_status(self, queryset, name, value):
        return queryset.filter(email__status=OutgoingStatus.POST_OFFICE[value])
