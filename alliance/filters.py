import django_filters
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS

from alliance.forms import DateInput
from alliance.models import EmailKind, OutgoingEmail


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
