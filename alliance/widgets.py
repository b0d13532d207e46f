"""Form widgets shared by every app."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import SafeString


class FixedChoices(BaseChoiceIterator):
    """A choice list built once (e.g. the 250 countries in one language), which forms use as
    it is: Django normalises a plain list again for each form and each rendering and copies
    it for each form, ~3 ms of the directory's page in the issue 15 bench."""

    def __init__(self, pairs):
        self._pairs = tuple(pairs)

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)

    def __deepcopy__(self, memo):
        return self  # immutable: every form may share it


class OptionsSelect(forms.Select):
    """A ``<select>`` whose options are written in one pass, every value and label escaped.

    Django's ``Select`` renders a template per ``<option>``: the 250 countries of a filter
    form cost ~530 template renders a request, a quarter of the invoice list's time in the
    issue 15 bench. Filter forms with long choice lists use this instead (same HTML, same
    ``id``, Bootstrap's small select style unless ``attrs`` say otherwise).
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-select form-select-sm", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            SafeString(self._options(self.choices, selected)),
        )

    def _options(self, choices, selected) -> str:
        return options_html(choices, selected)


def options_html(choices, selected: set[str]) -> str:
    """The ``<option>``s of ``choices``, those in ``selected`` marked, each value and label
    escaped (hence safe to join).

    The standard library's ``html.escape`` is what Django's ``escape`` calls, without its
    lazy-string and SafeString wrapping: half the cost over 250 options."""
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an <optgroup> of (value, label) pairs
            group = options_html(label, selected)
            parts.append(f'<optgroup label="{escape(str(value))}">{group}</optgroup>')
            continue
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(str(label))}</option>')
    return "".join(parts)


# Django's own templates of these widgets write exactly what ``field_widget`` writes.
_DJANGO_WIDGETS = "django/forms/widgets/"


def field_widget(field) -> SafeString:
    """A bound field's widget as Django renders it, without Django's templates for the common
    ones: a ``<select>`` (one template per ``<option>`` in Django) through ``options_html``, an
    ``<input>`` (three templates) in one ``format_html``; any other widget, or one with a
    template of its own, as Django renders it. Selects get Bootstrap's ``form-select`` and
    inputs ``form-control`` (small) unless their attributes name a class.
    """
    widget = field.field.widget
    template = getattr(widget, "template_name", "")
    if not template.startswith(_DJANGO_WIDGETS):
        return field.as_widget()
    attrs = {"id": field.auto_id} if field.auto_id and "id" not in widget.attrs else {}
    attrs = field.build_widget_attrs(attrs, widget)
    if type(widget) in (forms.Select, OptionsSelect):
        final = widget.build_attrs({"class": "form-select form-select-sm", **widget.attrs}, attrs)
        selected = {str(v) for v in widget.format_value(field.value())}
        return format_html(
            "<select{}>{}</select>",
            flatatt({**final, "name": field.html_name}),
            SafeString(options_html(widget.choices, selected)),
        )
    if isinstance(widget, Input) and not isinstance(widget, (forms.CheckboxInput, forms.FileInput)):
        context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
        final = {"class": "form-control form-control-sm", **context["attrs"]}
        value = context["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            context["type"],
            context["name"],
            format_html(' value="{}"', value) if value is not None else "",
            flatatt(final),
        )
    return field.as_widget()
