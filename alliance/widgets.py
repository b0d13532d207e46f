"""Form widgets shared by every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString


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
        """The options' HTML, each value and label escaped (hence safe to join)."""
        parts = []
        for value, label in choices:
            if isinstance(label, (list, tuple)):  # an <optgroup> of (value, label) pairs
                parts.append(f'<optgroup label="{escape(value)}">{self._options(label, selected)}</optgroup>')
                continue
            value = "" if value is None else str(value)
            mark = " selected" if value in selected else ""
            parts.append(f'<option value="{escape(value)}"{mark}>{escape(label)}</option>')
        return "".join(parts)
