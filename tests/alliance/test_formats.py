"""One policy for dates, times and amounts: a format module per language (alliance/formats/)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from alliance.forms import DateInput, DateTimeInput
from tests.alliance.test_money_input import LANGUAGES, fields_of, project_form_classes

DAY = datetime.date(2026, 12, 2)
MOMENT = datetime.datetime(2026, 12, 2, 23, 30)


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load alliance_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "datetime_", "short"),
    [
        ("en", "2 Dec 2026", "2 Dec 2026 23:30", "2026-12-02"),
        ("zh-hans", "2026年12月2日", "2026年12月2日 23:30", "2026-12-02"),
        ("zh-hant", "2026年12月2日", "2026年12月2日 23:30", "2026-12-02"),
    ],
)
def test_each_language_writes_dates_by_its_format_module(language, date, datetime_, short):
    assert _render("{{ d|date }}", language, d=DAY) == date
    assert _render("{{ m|date:'DATETIME_FORMAT' }}", language, m=MOMENT) == datetime_
    assert _render("{{ d|date:'SHORT_DATE_FORMAT' }}", language, d=DAY) == short
    assert _render("{{ m|time }}", language, m=MOMENT) == "23:30"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_groups_thousands_and_reads_iso_dates_first(language):
    with translation.override(language):
        assert formats.number_format(Decimal("57500.00"), 2, force_grouping=True) == "57,500.00"
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_inputs_carry_iso_values_in_every_language(language):
    """The bug: in Chinese each <input type="date"> got 2026/12/02 and showed empty."""
    with translation.override(language):
        date_html = DateInput().render("on", DAY)
        datetime_html = DateTimeInput().render("at", MOMENT)
    assert 'type="date"' in date_html and 'value="2026-12-02"' in date_html
    assert 'type="datetime-local"' in datetime_html and 'value="2026-12-02T23:30"' in datetime_html


def test_a_date_input_shows_back_what_was_typed():
    assert 'value="2026-13-45"' in DateInput().render("on", "2026-13-45")


def test_every_date_field_of_every_form_uses_the_one_date_widget():
    wrong = []
    for form_class in project_form_classes():
        for name, field in fields_of(form_class).items():
            if isinstance(field, forms.DateTimeField):
                expected = DateTimeInput
            elif isinstance(field, forms.DateField):
                expected = DateInput
            else:
                continue
            if not isinstance(field.widget, expected):
                wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_money_filter_groups_thousands_and_names_the_currency(language):
    assert _render("{{ a|money:'USD' }}", language, a=Decimal("57500")) == "57,500.00\N{NO-BREAK SPACE}USD"
    assert _render("{{ a|money }}", language, a=Decimal("-1234567.5")) == "-1,234,567.50"
    assert _render("{{ a|money:'USD' }}", language, a=None) == ""
