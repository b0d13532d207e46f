"""Forms of the meetings app: they validate input; services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliance.forms import DateInput, DateTimeInput
from meetings import errors
from meetings.models import (
    ActionStatus,
    AttendanceMode,
    Body,
    Choice,
    HoldingEnd,
    InvitationResponse,
    MeetingMode,
    MeetingStatus,
    Office,
    ResolutionKind,
)
from members.models import Member
from members.uploads import check_upload

DATETIME_WIDGET = DateTimeInput()
DATE_WIDGET = DateInput()


def check_file(upload):
    """Check type by content (PDF, JPEG, PNG) and size, as every upload (members.uploads)."""
    if upload:
        problem, _content_type, _extension = check_upload(upload)
        if problem:
            raise forms.ValidationError(problem)


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.filter(is_active=True))
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_at = forms.DateTimeField(
        label=_("Starts at (secretariat's time zone)"),
        widget=DATETIME_WIDGET,
    )
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=DATETIME_WIDGET)
    mode = forms.ChoiceField(label=_("Mode"), choices=MeetingMode.choices)
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")


class MeetingEditForm(MeetingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), validators=[check_file])


class NoticeForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Reason for a late notice (only when later than the minimum notice period)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in MeetingStatus.choices if c[0] not in ("draft", "notice_issued")],
    )
    comment = forms.CharField(label=_("Comment"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("to_status") == MeetingStatus.CANCELLED and not data.get("comment", "").strip():
            self.add_error("comment", errors.CANCEL_REASON_REQUIRED)
        return data


class IndividualInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Answer"),
        choices=[c for c in InvitationResponse.choices if c[0] != InvitationResponse.PENDING],
    )
    delegate_name = forms.CharField(label=_("Delegate's name"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("response") == InvitationResponse.DELEGATE and not data.get("delegate_name", "").strip():
            self.add_error("delegate_name", errors.DELEGATE_NAME_REQUIRED)
        return data


class AttendanceForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(label=_("Attends"), choices=AttendanceMode.choices)
    attendee_name = forms.CharField(label=_("Attendee"), max_length=200, required=False)
    delegate_name = forms.CharField(label=_("Delegate"), max_length=200, required=False)
    mandate = forms.FileField(label=_("Mandate"), required=False, validators=[check_file])


class MemberNumberField(forms.CharField):
    """A member chosen by its number (a select of thousands of members would be unusable)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Member.objects.get(number=value.strip())
        except Member.DoesNotExist:
            raise forms.ValidationError(errors.NO_MEMBER_NUMBERED % {"number": value}) from None


class ResolutionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in ResolutionKind.choices if c[0] != ResolutionKind.ELECTION]
    )
    title = forms.CharField(label=_("Motion"), max_length=255)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.IntegerField(label=_("Agenda item"), required=False, widget=forms.Select)
    secret = forms.BooleanField(label=_("Secret ballot"), required=False)
    subject_member = MemberNumberField(label=_("Member concerned (number, for an expulsion)"), required=False)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            choices = [("", _("— a new agenda item —"))] + [
                (item.pk, str(item)) for item in meeting.agenda_items.all()
            ]
            self.fields["agenda_item"].widget.choices = choices

    def clean(self):
        data = super().clean()
        if data.get("kind") == ResolutionKind.EXPULSION and not data.get("subject_member"):
            self.add_error("subject_member", errors.EXPULSION_NEEDS_MEMBER)
        return data


class UserByUsernameField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return get_user_model().objects.get(username=value.strip())
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(errors.NO_SUCH_USERNAME % {"name": value}) from None


class NominationForm(forms.Form):
    office = forms.ChoiceField(
        label=_("Office"),
        choices=[
            (Office.CHAIRMAN, Office.CHAIRMAN.label),
            (Office.VICE_CHAIRMAN, Office.VICE_CHAIRMAN.label),
        ],
    )
    candidate = UserByUsernameField(label=_("Candidate (username)"))
    candidate_member = MemberNumberField(label=_("Member the candidate represents (number)"), required=False)
    secret = forms.BooleanField(label=_("Secret ballot"), required=False, initial=True)


class VoteForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Vote"), choices=Choice.choices)
    cast_by_name = forms.CharField(label=_("Cast by"), max_length=200, required=False)


class PaperResultForm(forms.Form):
    votes_for = forms.IntegerField(label=pgettext_lazy("vote", "For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=255)
    owner_name = forms.CharField(label=_("Owner"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET)


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class MinutesTextForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 20}))


class MinutesActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("submit", ""), ("return", ""), ("approve", ""), ("circulate", ""), ("archive", "")]
    )
    comment = forms.CharField(label=_("Comment"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", errors.RETURN_REASON_REQUIRED)
        return data


class CorrectionForm(forms.Form):
    note = forms.CharField(label=_("What the correction changes"), widget=forms.Textarea(attrs={"rows": 2}))


class AppointmentForm(forms.Form):
    office = forms.ChoiceField(
        label=_("Office"),
        choices=[
            (o, o.label)
            for o in (Office.SECRETARY_GENERAL, Office.DEPUTY_SECRETARY_GENERAL, Office.TREASURER)
        ],
    )
    holder = UserByUsernameField(label=_("Appointee (username)"))
    appointed_by = UserByUsernameField(label=_("Appointed by the Chairman (username)"))
    started_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    member = MemberNumberField(label=_("Member represented (number, optional)"), required=False)
    note = forms.CharField(label=_("Note"), required=False)


class HoldingEndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=HoldingEnd.choices, initial=HoldingEnd.RESIGNED)
    on = forms.DateField(label=_("On"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), required=False)


class ProgressToAgendaForm(forms.Form):
    meeting = forms.IntegerField(widget=forms.Select, label=_("Meeting"))


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "code",
            "name",
            "description",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_strict",
            "pass_numerator",
            "pass_denominator",
            "pass_strict",
            "pass_base",
            "election_numerator",
            "election_denominator",
            "election_strict",
            "election_base",
            "min_notice_days",
            "arrears_lose_vote",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        for prefix in ("quorum", "pass", "election"):
            num, den = data.get(f"{prefix}_numerator"), data.get(f"{prefix}_denominator")
            if num is not None and den is not None and (den == 0 or num > den):
                self.add_error(f"{prefix}_denominator", errors.FRACTION_RANGE)
        return data
