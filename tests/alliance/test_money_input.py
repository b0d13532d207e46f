"""Every amount typed into any form is read strictly (issue 9 item 2).

The class of defect is "a money input that reads more than a plain amount", so the
tests find every money input themselves: every number field of every form class in
the apps' ``forms`` modules, and every decimal column's form (ModelForms, the admin).
"""

import functools
import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from alliance.forms import MoneyField
from alliance.money import (
    MONEY_BAD_GROUPING,
    MONEY_NOT_NUMBER,
    MONEY_NOT_POSITIVE,
    MONEY_TOO_LARGE,
    MONEY_TOO_PRECISE,
)
from dues.rules import MAX_AMOUNT, parse_money

PROJECT_APPS = ["alliance", "members", "meetings", "dues", "secretariat"]
LANGUAGES = ["en", "zh-hans", "zh-hant"]


def _forms_modules():
    """Every module of the apps that holds forms: forms.py and its siblings (bank_forms, room_forms)."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.endswith("forms"):
                yield importlib.import_module(f"{app}.{info.name}")


def project_form_classes():
    for module in _forms_modules():
        for obj in vars(module).values():
            if not isinstance(obj, type) or obj.__module__ != module.__name__:
                continue
            if issubclass(obj, forms.BaseForm):
                yield obj


def fields_of(form_class):
    """The fields a form shows, including those its __init__ adds (the fee schedule's tiers)."""
    try:
        return form_class().fields
    except TypeError:  # a form that needs context (e.g. the briefing's offices): its declared fields
        return form_class.base_fields


@functools.cache
def money_inputs():
    """(form class, field name) of every money input of every project form."""
    return tuple(
        (form_class, name)
        for form_class in project_form_classes()
        for name, field in fields_of(form_class).items()
        if isinstance(field, MoneyField)
    )


@pytest.mark.django_db
def test_no_form_has_a_lenient_number_field_for_money():
    """A DecimalField or FloatField that is not a MoneyField would read 1_000 or 1E+2."""
    lenient = [
        f"{form_class.__name__}.{name}"
        for form_class in project_form_classes()
        for name, field in fields_of(form_class).items()
        if isinstance(field, forms.DecimalField | forms.FloatField) and not isinstance(field, MoneyField)
    ]
    assert lenient == []


@pytest.mark.django_db
def test_the_money_inputs_are_found():
    names = {f"{form_class.__name__}.{name}" for form_class, name in money_inputs()}
    assert {
        "PaymentForm.amount",
        "ReductionForm.amount",
        "FeeScheduleForm.amount_chairman_unit",
        "FeeScheduleForm.amount_individual_member",
        "ActivityForm.budget",
    } <= names


def test_every_decimal_column_takes_input_through_the_money_field():
    """ModelForms and the admin build their fields from the columns."""
    request = RequestFactory().get("/")
    wrong = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        model_admin = admin.site._registry.get(model)
        for field in model._meta.get_fields():
            if not isinstance(field, models.DecimalField):
                continue
            if field.name == "fraction":  # a share (0.5), not money: the invoice's pro-rating
                continue
            formfield = field.formfield()
            if model_admin is not None:
                formfield = model_admin.formfield_for_dbfield(field, request)
            if not isinstance(formfield, MoneyField):
                wrong.append(f"{model.__name__}.{field.name}")
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "typed", "amount"),
    [
        ("en", "1000", Decimal("1000.00")),
        ("en", " 1000.5 ", Decimal("1000.50")),
        ("en", "1,000.50", Decimal("1000.50")),
        ("en", "1,234,567.89", Decimal("1234567.89")),
        ("en", "0.01", Decimal("0.01")),
        ("en", "9999999999.99", Decimal("9999999999.99")),
        ("zh-hans", "1000.50", Decimal("1000.50")),
        ("zh-hant", "250", Decimal("250.00")),
        # Every language's format module groups thousands with a comma (alliance/formats).
        ("zh-hans", "1,000.50", Decimal("1000.50")),
        ("zh-hant", "1,234,567", Decimal("1234567.00")),
    ],
)
def test_plain_amounts_are_read(language, typed, amount):
    with translation.override(language):
        assert MoneyField().clean(typed) == amount


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("en", "1,00", MONEY_BAD_GROUPING),
        ("en", "1,0000", MONEY_BAD_GROUPING),
        ("en", "10,00.00", MONEY_BAD_GROUPING),
        ("en", ",100", MONEY_BAD_GROUPING),
        ("en", "1_000", MONEY_NOT_NUMBER),
        ("en", "１００", MONEY_NOT_NUMBER),
        ("en", "١٠٠", MONEY_NOT_NUMBER),
        ("en", "1E+2", MONEY_NOT_NUMBER),
        ("en", "1e2", MONEY_NOT_NUMBER),
        ("en", "+5", MONEY_NOT_NUMBER),
        ("en", "NaN", MONEY_NOT_NUMBER),
        ("en", "Infinity", MONEY_NOT_NUMBER),
        ("en", "1.", MONEY_NOT_NUMBER),
        ("en", ".5", MONEY_NOT_NUMBER),
        ("en", "1.2.3", MONEY_NOT_NUMBER),
        ("en", "1 000", MONEY_NOT_NUMBER),
        ("en", "1e309", MONEY_NOT_NUMBER),
        ("en", "1e28", MONEY_NOT_NUMBER),
        ("en", "1" + "0" * 28, MONEY_TOO_LARGE),
        ("en", "10000000000", MONEY_TOO_LARGE),
        ("en", "10.001", MONEY_TOO_PRECISE),
        ("en", "1.000", MONEY_TOO_PRECISE),
        ("en", "-5", MONEY_NOT_POSITIVE),
        ("en", "0", MONEY_NOT_POSITIVE),
        ("zh-hans", "1,00", MONEY_BAD_GROUPING),
        ("zh-hant", "1,0000", MONEY_BAD_GROUPING),
    ],
)
def test_anything_else_is_refused_with_its_reason(language, typed, message):
    field = MoneyField()
    with translation.override(language), pytest.raises(forms.ValidationError) as refused:
        field.clean(typed)
    expected = str(message % field._params()) if "%(" in str(message) else str(message)
    assert refused.value.messages == [expected]


def _numeric_looking():
    """Strings made of the characters amounts are made of, so the search reaches the edges."""
    return st.text(alphabet="0123456789.,-+eE_ １٠\u00a0", min_size=1, max_size=40)


TYPED = st.one_of(st.text(max_size=60), _numeric_looking(), st.decimals().map(str), st.floats().map(str))


def _check_answer(field, typed):
    """Either a Decimal within the field's range with at most two decimals, or a ValidationError."""
    try:
        amount = field.clean(typed)
    except forms.ValidationError:
        return
    if amount is None or amount == field.empty_value:
        assert not str(typed).strip() or amount == field.empty_value
        return
    assert isinstance(amount, Decimal) and amount.is_finite()
    assert amount.as_tuple().exponent == -2
    assert amount <= MAX_AMOUNT
    assert field.min_value is None or amount >= field.min_value


@pytest.mark.django_db
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=TYPED, language=st.sampled_from(LANGUAGES))
@example(typed="1e309", language="en")
@example(typed="1e28", language="en")
@example(typed="-1e309", language="en")
@example(typed="1E-999999999", language="en")
def test_every_money_input_answers_an_amount_in_range_or_a_form_error(typed, language):
    with translation.override(language):
        for form_class, name in money_inputs():
            form = form_class(data={name: typed}) if _plain(form_class) else None
            if form is not None:
                form.is_valid()  # never raises, whatever else the form lacks
                field = form.fields[name]
            else:
                field = form_class.base_fields[name]
            _check_answer(field, typed)


def _plain(form_class):
    try:
        form_class()
    except TypeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(raw=TYPED)
@example(raw="1e309")
@example(raw="1e28")
@example(raw="-1e28")
@example(raw="1E-999999999")
def test_the_services_last_check_on_an_amount_never_raises(raw):
    amount, problem = parse_money(raw)
    assert (amount is None) == bool(problem)
    if amount is not None:
        assert Decimal("0.01") <= amount <= MAX_AMOUNT and amount.as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["1e309", "1e28", Decimal("1e309"), Decimal("1e28")])
def test_huge_amounts_are_too_large_for_the_services(raw):
    assert parse_money(raw) == (None, "The amount is too large.")
