"""Forms of the members app. They validate input; services decide and write."""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance.forms import DateInput
from members import conf, errors, extensions
from members.models import (
    Application,
    Contact,
    Decision,
    DocumentKind,
    DocumentReview,
    LiaisonOffice,
    MemberStatus,
    ReviewStage,
)
from members.services.applications import APPLICATION_FIELDS, PERSON_FIELDS
from members.uploads import check_upload


def _checked_file(upload):
    if upload:
        problem, _type, _ext = check_upload(upload)
        if problem:
            raise forms.ValidationError(problem)
    return upload


class ApplicationForm(forms.ModelForm):
    declaration = forms.BooleanField(
        label=_(
            "I acknowledge and sign the Kunming Declaration and will abide by the Alliance Charter "
            "(the time of this acknowledgement is recorded)."
        ),
        required=False,
    )
    legal_person_certificate = forms.FileField(
        label=_("Legal-person qualification certificate (units; PDF, JPEG or PNG)"), required=False
    )
    identity_document = forms.FileField(
        label=_("Identity document (individuals; PDF, JPEG or PNG)"), required=False
    )
    supporting = forms.FileField(label=_("Other supporting material (optional)"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Application
        fields = [f for f in APPLICATION_FIELDS if f != "language"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].initial = bool(self.instance.declaration_accepted_at)

    def clean_legal_person_certificate(self):
        return _checked_file(self.cleaned_data.get("legal_person_certificate"))

    def clean_identity_document(self):
        return _checked_file(self.cleaned_data.get("identity_document"))

    def clean_supporting(self):
        return _checked_file(self.cleaned_data.get("supporting"))

    def uploads(self) -> list[tuple[str, object]]:
        return [
            (kind, self.cleaned_data[field])
            for field, kind in (
                ("legal_person_certificate", DocumentKind.LEGAL_PERSON_CERTIFICATE),
                ("identity_document", DocumentKind.IDENTITY_DOCUMENT),
                ("supporting", DocumentKind.SUPPORTING),
            )
            if self.cleaned_data.get(field)
        ]

    def data_dict(self) -> dict:
        return {f: self.cleaned_data[f] for f in APPLICATION_FIELDS if f in self.cleaned_data}


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    native_name = forms.CharField(label=_("Name (native script)"), max_length=200, required=False)
    position = forms.CharField(label=_("Position in the unit"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    mobile = forms.CharField(label=_("Mobile"), max_length=50, required=False)

    def clean(self):
        data = super().clean()
        if any(data.get(f) for f in PERSON_FIELDS) and not (data.get("name") and data.get("email")):
            raise forms.ValidationError(errors.REPRESENTATIVE_NEEDS_NAME_AND_EMAIL)
        return data

    def person(self) -> dict | None:
        data = self.cleaned_data
        return {f: data.get(f, "") for f in PERSON_FIELDS} if data.get("name") else None


class AccountForm(forms.Form):
    """For a visitor without an account: the application creates one (username = email)."""

    account_email = forms.EmailField(label=_("Your email (your username)"))
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150, required=False)
    password = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput)
    password_confirm = forms.CharField(label=_("Repeat the password"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", errors.PASSWORDS_DIFFER)
        # Whether the address already has an account is never said here (issue 9):
        # application_apply answers both cases alike.
        return data


class ActivationRequestForm(forms.Form):
    """Ask for a fresh link to choose a password (the old one expired or was used)."""

    email = forms.EmailField(label=_("Your email address"))


class DecisionForm(forms.Form):
    stage = forms.ChoiceField(choices=ReviewStage.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (the applicant reads it; required to return or reject)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    documents_override_reason = forms.CharField(
        label=_(
            "Final approval only: approve although a required document is not accepted, because "
            "(recorded with the decision)"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("stage") == ReviewStage.PRELIMINARY:
            del self.fields["documents_override_reason"]


class DocumentReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Review"),
        choices=[(v, label) for v, label in DocumentReview.choices if v != DocumentReview.PENDING],
        error_messages={
            "required": errors.CHOOSE_DOCUMENT_DECISION,
            "invalid_choice": errors.CHOOSE_DOCUMENT_DECISION,
        },
    )
    reason = forms.CharField(label=_("Reason (the applicant reads it)"), required=False, max_length=1000)


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=MemberStatus.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    resolution_reference = forms.ChoiceField(
        label=_("Passed resolution that decided it (required for an expulsion)"), required=False
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a real passed resolution naming this member can be chosen, never free text.
        self.fields["resolution_reference"].choices = [
            ("", "—"),
            *extensions.expulsion_resolutions.call_one(member.pk),
        ]


class RepresentativeForm(forms.Form):
    on = forms.DateField(label=_("Effective date"), initial=timezone.localdate, widget=DateInput())
    name = forms.CharField(label=_("Name"), max_length=200)
    native_name = forms.CharField(label=_("Name (native script)"), max_length=200, required=False)
    position = forms.CharField(label=_("Position in the unit"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    mobile = forms.CharField(label=_("Mobile"), max_length=50, required=False)

    def person(self) -> dict:
        return {f: self.cleaned_data.get(f, "") for f in PERSON_FIELDS}


class EndRepresentativeForm(forms.Form):
    on = forms.DateField(
        label=_("Left on"),
        initial=timezone.localdate,
        widget=DateInput(),
        error_messages={"required": errors.END_DATE_REQUIRED},
    )


class LiaisonOfficeForm(forms.ModelForm):
    countries = CountryField(multiple=True).formfield(label=_("Countries covered"))

    class Meta:
        model = LiaisonOffice
        fields = ["name", "countries", "director", "officers", "email", "address", "is_active"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "unit", "position", "phone", "mobile", "fax", "email"]


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        # The code becomes a path segment of /verify/<code>/: letters and digits only, as issued.
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9]+$",
                errors.VERIFICATION_CODE_CHARS,
            )
        ],
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class LogoForm(forms.Form):
    """A member's photo or logo; the type is checked by content in the service (JPEG or PNG)."""

    logo = forms.FileField(label=_("Photo or logo"))

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        problem, _content_type, _extension = check_upload(upload, accepted=conf.ACCEPTED_IMAGES)
        if problem:
            raise forms.ValidationError(problem)
        return upload
