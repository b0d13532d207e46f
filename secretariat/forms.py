"""Forms of the secretariat; validation of input only, the rules live in services."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.forms import DateInput, MoneyField
from alliance.money import ZERO
from alliance.roles import Role
from members.models import Member, MemberKind, Representative
from members.uploads import check_upload
from secretariat import conf, errors
from secretariat.models import Activity, ApprovalBody, Document, LiaisonBriefing
from secretariat.rules import period_containing


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "body", "audience", "department"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": errors.RETURN_COMMENT},
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)

    def clean_file(self):
        """Type by content (PDF, JPEG, PNG) and size (``ALLIANCE_MAX_UPLOAD_MB``), as members' uploads."""
        upload = self.cleaned_data["file"]
        problem, _content_type, _extension = check_upload(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload


def _staff_users():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=Role.SECRETARIAT) | Q(staff_profile__isnull=False), is_active=True)
        .distinct()
        .order_by("last_name", "username")
    )


class CirculationScope(models.TextChoices):
    SELECTED = "selected", _("Only the staff and members chosen below")
    ALL_ACTIVE = "all_active", _("All active members")
    COUNTRY = "country", _("All active members of a country")


class CirculationForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Members"),
        choices=CirculationScope.choices,
        initial=CirculationScope.SELECTED,
        widget=forms.RadioSelect,
    )
    country = forms.ChoiceField(label=_("Country"), choices=(), required=False)
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    # Member numbers, not a select of every member: the registry holds tens of thousands.
    member_numbers = forms.CharField(
        label=_("Member numbers"),
        required=False,
        help_text=_("Separated by commas or spaces; the document goes to each member's representatives."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _staff_users()
        # Built per request so the names follow the reader's language.
        self.fields["country"].choices = BLANK_CHOICE_DASH + list(countries)

    def clean_member_numbers(self):
        numbers = {
            n.strip() for n in self.cleaned_data["member_numbers"].replace(",", " ").split() if n.strip()
        }
        members = list(Member.objects.filter(number__in=numbers))
        missing = numbers - {m.number for m in members}
        if missing:
            raise forms.ValidationError(errors.unknown_member_numbers(missing))
        return members

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == CirculationScope.COUNTRY and not data.get("country"):
            self.add_error("country", errors.COUNTRY_REQUIRED)
        if scope != CirculationScope.COUNTRY:
            data["country"] = ""
        data["all_active"] = scope == CirculationScope.ALL_ACTIVE
        if (
            not self.errors
            and scope == CirculationScope.SELECTED
            and not data.get("staff")
            and not data.get("member_numbers")
        ):
            raise forms.ValidationError(errors.NO_RECIPIENTS)
        return data


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


class ActivityForm(forms.ModelForm):
    budget = MoneyField(label=_("Budget (USD)"), required=False, min_value=ZERO, empty_value=ZERO)

    class Meta:
        model = Activity
        fields = [
            "theme",
            "starts_on",
            "ends_on",
            "place",
            "content",
            "participants",
            "budget",
            "is_major",
            "department",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 5}),
            "participants": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", errors.ACTIVITY_DATES)
        return data


class ActivityApprovalForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Approved by"),
        choices=ApprovalBody.choices,
        error_messages={"required": errors.APPROVAL_BODY, "invalid_choice": errors.APPROVAL_BODY},
    )
    reference = forms.CharField(label=_("Council decision (reference)"), required=False, max_length=100)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActivityReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary report"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": errors.SUMMARY_REQUIRED},
    )
    lessons = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttendanceForm(forms.Form):
    member_number = forms.CharField(label=_("Member number"), max_length=20)
    representative_present = forms.BooleanField(
        label=_("The primary or deputy representative came in person (an individual member always does)"),
        required=False,
    )
    attendee_name = forms.CharField(label=_("Attended by"), max_length=200, required=False)

    def clean_member_number(self):
        number = self.cleaned_data["member_number"].strip()
        try:
            return Member.objects.get(number=number)
        except Member.DoesNotExist as exc:
            raise forms.ValidationError(errors.NO_SUCH_MEMBER) from exc

    def clean(self):
        data = super().clean()
        member = data.get("member_number")
        data["representative"] = None
        if member and member.kind != MemberKind.UNIT:
            # An individual member is the person: attending is attending in person (003 第九条),
            # whether or not the box was ticked; there is no representative to name.
            data["attendee_name"] = data.get("attendee_name") or member.name
        elif member and data.get("representative_present"):
            data["representative"] = (
                Representative.objects.current().filter(member=member).order_by("role").first()
            )
            if data["representative"] is None:
                self.add_error("representative_present", errors.NO_CURRENT_REPRESENTATIVE)
        return data


def _period_choices(today: datetime.date, count: int = 6):
    months = conf.briefing_period_months()
    choices = []
    start, end = period_containing(today, months)
    for _index in range(count):
        choices.append((start.isoformat(), f"{formats.date_format(start)} – {formats.date_format(end)}"))
        start, end = period_containing(start - datetime.timedelta(days=1), months)
    return choices


class BriefingForm(forms.ModelForm):
    period = forms.TypedChoiceField(label=_("Period"), coerce=datetime.date.fromisoformat, choices=())

    class Meta:
        model = LiaisonBriefing
        fields = ["office", "work_done", "contacts_made", "issues"]
        widgets = {
            "work_done": forms.Textarea(attrs={"rows": 5}),
            "contacts_made": forms.Textarea(attrs={"rows": 3}),
            "issues": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, offices, today, **kwargs):
        super().__init__(*args, **kwargs)
        # Any active office is a valid choice here: the service refuses another office's
        # briefing with a clear message rather than the form's "not a valid choice".
        from members.models import LiaisonOffice

        self.fields["office"].queryset = LiaisonOffice.objects.filter(is_active=True)
        own = list(offices)
        if len(own) == 1:
            self.fields["office"].initial = own[0].pk
        self.fields["period"].choices = _period_choices(today)
        self.order_fields(["office", "period", "work_done", "contacts_made", "issues"])


class FlagDecisionForm(forms.Form):
    comment = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 2}))
