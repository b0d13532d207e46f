"""Forms of the budget pages (001 §V.3)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.forms import DateInput
from dues.forms import MoneyField
from dues.models import BudgetLineKind
from meetings.selectors import passed_resolutions


class BudgetLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLineKind.choices)
    label = forms.CharField(label=_("Line"), max_length=200)
    planned = MoneyField(label=_("Budgeted"))


class ActualForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    amount = MoneyField(label=_("Amount"))
    description = forms.CharField(label=_("Description"), max_length=255)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = budget.lines.filter(is_fee_income=False)


class ApprovalForm(forms.Form):
    resolution = forms.ModelChoiceField(label=_("General Assembly resolution"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = passed_resolutions(body_code="GA")
