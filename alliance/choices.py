"""Choice labels read from a dictionary built once per field (issue 15).

Django's ``get_FOO_display()`` builds a dictionary of the field's choices on every call, hashing
each label, and a lazy label is translated to be hashed: a status with eight choices costs eight
translations per row shown. A 25-row directory page asks for three labels a row, ~75 calls and
~600 translations, about half of the bare 25-row view's own time in the issue 15 bench.
``use_choice_dictionaries`` gives every model's ``get_FOO_display`` a dictionary of its field's
choices built on first use (the labels stay lazy, so each call still answers in the active
language); fields whose choices are computed (a callable) keep Django's method.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str


def _labels(field) -> dict:
    labels = field.__dict__.get("_alliance_choice_labels")
    if labels is None:
        labels = field.__dict__["_alliance_choice_labels"] = dict(field.flatchoices)
    return labels


def choice_label(instance: Model, field):
    """``instance``'s label for ``field`` (its value when it is not a choice), as Django's
    ``_get_FIELD_display`` answers."""
    value = getattr(instance, field.attname)
    try:
        label = _labels(field).get(value, value)
    except TypeError:  # an unhashable value (a list): Django's own way
        return Model._get_FIELD_display(instance, field)
    return force_str(label, strings_only=True)


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
