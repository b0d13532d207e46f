"""Forms of the bank statement pages (kept apart from the payment forms they do not share)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dues import conf, errors
from dues.models import BankAccount, Invoice, InvoiceStatus, StatementFormat


class BankAccountForm(forms.ModelForm):
    class Meta:
        model = BankAccount
        fields = [
            "name",
            "identifier",
            "csv_delimiter",
            "csv_date_column",
            "csv_date_format",
            "csv_amount_column",
            "csv_decimal_comma",
            "csv_reference_column",
            "csv_counterparty_column",
            "csv_id_column",
        ]

    def clean_csv_date_format(self):
        value = self.cleaned_data["csv_date_format"]
        if "%" not in value:
            raise forms.ValidationError(errors.DATE_FORMAT_SYNTAX)
        return value


class StatementUploadForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Bank account"), queryset=BankAccount.objects.all())
    format = forms.ChoiceField(label=_("Format"), choices=StatementFormat.choices)
    file = forms.FileField(label=_("Statement file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = conf.statement_max_mb()
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(errors.STATEMENT_TOO_LARGE % {"mb": limit})
        return upload


class AssignForm(forms.Form):
    """The invoice an unmatched or ambiguous credit pays, by its number."""

    invoice = forms.CharField(label=_("Invoice number"), max_length=20, required=False)

    def clean_invoice(self):
        number = self.cleaned_data["invoice"].strip().upper()
        if not number:
            return None
        invoice = Invoice.objects.filter(number=number, status=InvoiceStatus.ISSUED).first()
        if invoice is None:
            raise forms.ValidationError(errors.NO_INVOICE_NUMBERED % {"number": number})
        return invoice


class SetAsideForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": errors.SET_ASIDE_REASON},
    )
