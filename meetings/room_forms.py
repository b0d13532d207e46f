"""Forms of the meeting room: they validate input; the room services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings import errors
from meetings.forms import MemberNumberField
from meetings.models import Choice, Office


class RoomVoteForm(forms.Form):
    resolution = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Vote"), choices=Choice.choices)


class MandateForm(forms.Form):
    member = MemberNumberField(label=_("Member number"), max_length=30)
    delegate = forms.CharField(label=_("Delegate's account (user name)"), max_length=150)
    note = forms.CharField(label=_("Reference of the mandate letter"), max_length=255, required=False)

    def clean_delegate(self):
        username = self.cleaned_data["delegate"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(errors.NO_ACTIVE_USERNAME % {"name": username})
        return user


class WindowForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("open", pgettext_lazy("check-in", "Open")), ("close", pgettext_lazy("check-in", "Close"))]
    )


class CurrentItemForm(forms.Form):
    agenda_item = forms.IntegerField(label=_("Agenda item"), required=False)


class SpeakerActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("call", _("Give the floor")),
            ("done", _("Has spoken")),
            ("up", _("Up")),
            ("down", _("Down")),
        ]
    )


class ContestForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=Office.choices)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=50)


class ContestBallotForm(forms.Form):
    """A unit's ballot in a contested election, entered by the secretariat (hybrid meetings)."""

    member = MemberNumberField(label=_("Member number"), max_length=30)
    pick = forms.TypedMultipleChoiceField(label=_("Candidates chosen"), coerce=int, required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pick"].choices = [(c.pk, str(c.candidate_user)) for c in candidates]
