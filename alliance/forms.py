"""Form fields every app shares: ``MoneyField`` is the one input of an amount of money,
``DateInput`` / ``DateTimeInput`` the one date and date-time widget."""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from alliance.money import (
    CENT,
    MONEY_BAD_GROUPING,
    MONEY_BELOW_MINIMUM,
    MONEY_NEGATIVE,
    MONEY_NOT_NUMBER,
    MONEY_NOT_POSITIVE,
    MONEY_TOO_LARGE,
    MONEY_TOO_PRECISE,
    ZERO,
    MoneyInputError,
    parse_amount,
)


class MoneyField(forms.DecimalField):
    """An amount of money typed by a person: strict, see the module docstring.

    ``min_value`` defaults to one cent (payments, reductions, fees); pass
    ``ZERO`` where nothing is a valid amount (a budget) or ``None`` for signed
    amounts. ``empty_value`` is what an optional empty field returns.

    The input is a text box, not ``type=number``: browsers parse number boxes by
    their own locale and submit nothing for what they cannot read, which would
    lose what the user typed. ``USE_THOUSAND_SEPARATOR`` only decides how amounts
    are printed; the input accepts the language's grouping either way, since
    people type "1,000.50" whatever the display does.
    """

    widget = forms.TextInput
    default_error_messages = {
        "not_number": MONEY_NOT_NUMBER,
        "bad_grouping": MONEY_BAD_GROUPING,
        "too_precise": MONEY_TOO_PRECISE,
        "too_large": MONEY_TOO_LARGE,
    }

    def __init__(
        self, *, min_value=CENT, max_value=None, max_digits=12, decimal_places=2, empty_value=None, **kwargs
    ):
        self.empty_value = empty_value
        kwargs.pop("localize", None)  # the parsing below is the localisation
        super().__init__(
            min_value=min_value,
            max_value=max_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            **kwargs,
        )
        for validator in self.validators:
            # Say "greater than zero" rather than "greater than or equal to 0.01".
            if getattr(validator, "code", "") == "min_value":
                validator.message = _min_message(min_value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return self.empty_value
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise forms.ValidationError(self.error_messages["not_number"], code="not_number")
            value = f"{value:f}"
        try:
            return parse_amount(
                str(value),
                decimal_places=self.decimal_places,
                max_digits=self.max_digits,
                decimal_separator=formats.get_format("DECIMAL_SEPARATOR"),
                thousand_separator=formats.get_format("THOUSAND_SEPARATOR"),
                grouping=formats.get_format("NUMBER_GROUPING"),
            )
        except MoneyInputError as error:
            raise forms.ValidationError(
                self.error_messages[error.code], code=error.code, params=self._params()
            ) from None

    def validate(self, value):
        # DecimalField.validate refuses NaN/Infinity, which parse_amount never returns.
        forms.Field.validate(self, value)

    def _params(self):
        places = self.decimal_places
        limit = Decimal(10) ** (self.max_digits - places) - Decimal(1).scaleb(-places)
        return {
            "limit": formats.number_format(limit, places, force_grouping=True),
            "example": formats.number_format(Decimal("1000000.50"), places, force_grouping=True),
        }


def _min_message(min_value):
    if min_value == CENT:
        return MONEY_NOT_POSITIVE
    if min_value == ZERO:
        return MONEY_NEGATIVE
    return MONEY_BELOW_MINIMUM


ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """The one date widget: ``<input type="date">`` carrying an ISO value in every language.

    Browsers accept only ``2026-12-02`` in a date input and show it in the reader's
    own way; Django's default widget writes the language's first input format
    (``2026/12/02`` in Chinese), which the browser rejects, so the field showed
    empty and a required date could never be submitted.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime(ISO_DATE)
        return value  # what the user typed, shown back as typed


class DateTimeInput(forms.DateTimeInput):
    """The one date-and-time widget: ``<input type="datetime-local">`` with an ISO value."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME)

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime(ISO_DATETIME)
        return value


class ProfileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_(
            "Your pages open in this language when you log in, and every email to you is written in it."
        ),
    )
