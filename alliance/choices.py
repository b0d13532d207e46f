"""Choice labels read from a dictionary built once per field (issue 15).

Django's ``get_FOO_display()`` builds a dictionary of the field's choices on every call, hashing
each label, and a lazy label is translated to be hashed: a status with eight choices costs eight
translations per row shown. A 25-row directory page asks for three labels a row, ~75 calls and
~600 translations, about half of the bare 25-row view's own time in the issue 15 bench.
``use_choice_dictionaries`` gives every model's ``get_FOO_display`` a dictionary of its field's
choices built on first use, its labels translated once per language (each call answers in the
active language); fields whose choices are computed (a callable) keep Django's method.
"""

from functools import partialmethod

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models import Model
from django.dispatch import receiver
from django.utils import translation
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str

# Bumped when the languages or catalogues a label is translated from change (tests).
_generation = 0


def _labels(field, language: str | None = None) -> dict:
    """The field's labels in ``language`` (the active one), translated once per language: a
    lazy label translated on each call cost two thread-local lookups, most of a list row's
    labels."""
    per_language = field.__dict__.get("_alliance_choice_labels")
    if per_language is None:
        per_language = field.__dict__["_alliance_choice_labels"] = {}
    key = (_generation, language or translation.get_language())
    labels = per_language.get(key)
    if labels is None:
        labels = per_language[key] = {
            value: force_str(label, strings_only=True) for value, label in field.flatchoices
        }
    return labels


def choice_label(instance: Model, field, *, language: str | None = None):
    """``instance``'s label for ``field`` (its value when it is not a choice), as Django's
    ``_get_FIELD_display`` answers, in ``language`` when the caller knows the active one
    (a list row: ``alliance.rows``)."""
    value = getattr(instance, field.attname)
    try:
        return _labels(field, language).get(value, value)
    except TypeError:  # an unhashable value (a list): Django's own way
        return Model._get_FIELD_display(instance, field)


def label_of(instance: Model, name: str, *, language: str | None = None):
    """``instance.get_<name>_display()`` in ``language`` (the active one, when the caller, a list
    row, knows it already); a field whose choices are computed answers Django's way."""
    field = instance._meta.get_field(name)
    if isinstance(field.choices, CallableChoiceIterator):
        return getattr(instance, f"get_{name}_display")()
    return choice_label(instance, field, language=language)


def use_choice_dictionaries() -> None:
    """Point each model's ``get_FOO_display`` of a field with fixed choices at ``choice_label``;
    a method a model defines itself stays."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not field.choices or isinstance(field.choices, CallableChoiceIterator):
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is Model._get_FIELD_display:
                setattr(model, name, partialmethod(choice_label, field=field))


@receiver(setting_changed)
def _forget_translated_labels(setting, **kwargs) -> None:
    global _generation
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"):
        _generation += 1
