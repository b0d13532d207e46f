import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from alliance.forms import DateInput, MoneyField
from dues import conf
from dues.errors import PAYMENT_IN_FUTURE, WAIVER_NEEDS_RESOLUTION
from dues.models import PaymentMethod
from meetings.models import Meeting, MeetingStatus, Resolution, ResolutionKind
from meetings.selectors import passed_resolutions
from members.models import Member, Tier


class FeeScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Dues year"), min_value=2000, max_value=2999)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput())
    approving_meeting = forms.ModelChoiceField(
        label=capfirst(_("approving meeting")), queryset=Meeting.objects.none()
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approving_meeting"].queryset = Meeting.objects.select_related("body").order_by(
            "-starts_at"
        )
        defaults = conf.default_tier_amounts()
        for tier in Tier:
            self.fields[f"amount_{tier.value}"] = MoneyField(
                label=_("%(tier)s (annual, %(currency)s)")
                % {"tier": tier.label, "currency": conf.currency()},
                initial=defaults.get(tier.value),
            )

    def amounts(self) -> dict[str, Decimal]:
        return {tier.value: self.cleaned_data[f"amount_{tier.value}"] for tier in Tier}


class InvoiceIssueForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.order_by("name"))
    year = forms.IntegerField(label=_("Dues year"), min_value=2000, max_value=2999)


class AnnualInvoicingForm(forms.Form):
    year = forms.IntegerField(label=_("Dues year"), min_value=2000, max_value=2999)


class PaymentForm(forms.Form):
    amount = MoneyField(label=_("Amount"))
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    method = forms.ChoiceField(
        label=_("Method"), choices=PaymentMethod.choices, initial=PaymentMethod.BANK_TRANSFER
    )
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=100, required=False)

    def clean_received_on(self):
        received_on: datetime.date = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(PAYMENT_IN_FUTURE)
        return received_on


class ReductionForm(forms.Form):
    amount = MoneyField(
        label=_("Amount to reduce"), required=False, help_text=_("Leave empty to waive the whole balance.")
    )
    # Only a passed General Assembly resolution in the register (001 §IV.6); a reference
    # typed as text could name a decision that was never taken (issue 9).
    resolution = forms.ModelChoiceField(
        label=_("General Assembly resolution"),
        queryset=Resolution.objects.none(),
        help_text=_("A passed GA resolution on waivers or reductions."),
        error_messages={"required": WAIVER_NEEDS_RESOLUTION},
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = passed_resolutions(kind=ResolutionKind.WAIVER, body_code="GA")


class ExpulsionProposalForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Motions go on meetings still to be held (001 §IV.7: the congress may expel).
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(status__in=[MeetingStatus.DRAFT, MeetingStatus.NOTICE_ISSUED])
            .select_related("body")
            .order_by("starts_at")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, reason_required=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].error_messages["required"] = reason_required


class ArrearsPublishForm(forms.Form):
    show_amounts = forms.BooleanField(label=_("Show amounts on the public list"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The setting is a ceiling (issue 9): where the organisation does not publish
        # amounts, the form has no such choice, whatever a POST carries.
        if not conf.public_arrears_show_amounts():
            del self.fields["show_amounts"]
