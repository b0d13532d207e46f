import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance.forms import DateInput
from alliance.query import YearFilter
from alliance.widgets import OptionsSelect
from dues.models import Invoice, Payment, PaymentMethod, ReminderSent
from dues.rules import INVOICE_STATES, PAYMENT_STATE_LABELS
from dues.selectors import state_condition
from members.filters import country_choices
from members.models import Tier


class InvoiceFilter(django_filters.FilterSet):
    """Filters of the invoice list. ``state`` filters on ``dues.selectors.state_condition``
    (plain columns and indexes), never on the ``state`` annotation of ``with_state``."""

    q = django_filters.CharFilter(label=_("Member or number"), method="search")
    year = YearFilter()
    state = django_filters.ChoiceFilter(
        label=_("State"),
        widget=OptionsSelect,
        choices=[(s, PAYMENT_STATE_LABELS[s]) for s in INVOICE_STATES],
        method="in_state",
    )
    tier = django_filters.ChoiceFilter(label=_("Tier"), widget=OptionsSelect, choices=Tier.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"), widget=OptionsSelect, field_name="member__country", choices=country_choices
    )

    class Meta:
        model = Invoice
        fields = ["q", "year", "state", "tier", "country"]

    def in_state(self, queryset, name, value):
        return queryset.filter(state_condition(value, today=timezone.localdate()))

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(member__name__icontains=value))


class PaymentFilter(django_filters.FilterSet):
    invoice__year = YearFilter(label=_("Dues year"))
    method = django_filters.ChoiceFilter(
        label=_("Method"), widget=OptionsSelect, choices=PaymentMethod.choices
    )
    received_after = django_filters.DateFilter(
        label=_("Received from"), field_name="received_on", lookup_expr="gte", widget=DateInput()
    )

    class Meta:
        model = Payment
        fields = ["invoice__year", "method", "received_after"]


class ReminderFilter(django_filters.FilterSet):
    stage = django_filters.CharFilter(label=_("Stage"))
    invoice__year = YearFilter(label=_("Dues year"))
    run_on = django_filters.DateFilter(label=_("Run on"), widget=DateInput())

    class Meta:
        model = ReminderSent
        fields = ["stage", "invoice__year", "run_on"]


class ArrearsFilter(django_filters.FilterSet):
    """Filters of the arrears list (applied by ``selectors.arrears_rows``)."""

    country = django_filters.ChoiceFilter(
        label=_("Country"), widget=OptionsSelect, field_name="member__country", choices=country_choices
    )
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), widget=OptionsSelect, field_name="member__tier", choices=Tier.choices
    )
    year = YearFilter(label=_("Year owed"))

    class Meta:
        model = Invoice
        fields = ["country", "tier", "year"]
