from django import forms, template
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from alliance.choices import label_of
from alliance.rows import date_text, object_url, row_html
from alliance.widgets import field_widget
from members.selectors import represented_members

register = template.Library()


@register.filter
def represents_a_member(user) -> bool:
    """Whether the user represents a member, so "My membership" leads somewhere (an administrator
    holds the member role without representing anyone)."""
    return user.is_authenticated and represented_members(user).exists()


@register.simple_tag
def directory_row(member):
    """One row of the member directory, written in Python: a template per row (its link, three
    labels and a date) cost ~100 us a row, a sixth of the page, in the issue 15 bench."""
    language = translation.get_language()
    native = (
        row_html('<div class="small text-muted">{}</div>', member.native_name) if member.native_name else ""
    )
    return row_html(
        '<tr><td>{}</td><td><a href="{}">{}</a>{}</td>\n'
        "      <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        member.number,
        object_url("members:member_detail", member.pk, language=language),
        member.name,
        native,
        label_of(member, "kind", language=language),
        label_of(member, "tier", language=language),
        member.country.code,
        label_of(member, "status", language=language),
        date_text(member.joined_on, "SHORT_DATE_FORMAT", language=language),
    )


@register.simple_tag
def stacked_fields(form):
    """A form's fields one under the other, as crispy's Bootstrap 5 layout wrote them (the
    label, a mark on a required one, the widget and its errors with the ids the widget's
    aria-describedby names; the errors of the whole form above), in Python through
    ``alliance.widgets.field_widget``: crispy's ~20 templates for the member file's status
    form cost ~3 ms of the member file in the issue 15 bench."""
    non_field = form.non_field_errors()
    head = (
        format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            format_html_join("", "<li>{}</li>", ((error,) for error in non_field)),
        )
        if non_field
        else ""
    )
    return format_html("{}{}", head, format_html_join("", "{}", ((_stacked_field(f),) for f in form)))


_REQUIRED_MARK = mark_safe('<span class="asteriskField">*</span>')


def _stacked_field(field):
    if field.is_hidden:
        return field_widget(field)
    widget = field.field.widget
    # The form's own copy of the widget (each form deep-copies its fields): Bootstrap's full
    # size, as crispy drew it, and its invalid mark beside the errors.
    base = "form-select" if isinstance(widget, forms.Select) else "form-control"
    widget.attrs["class"] = f"{base} is-invalid" if field.errors else base
    required = field.field.required
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
            ),
        )
        if field.errors
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        _REQUIRED_MARK if required else "",
        field_widget(field),
        errors,
    )
