"""Checks that the Django admin holds a record immutable, or still lets it be edited (issue 9 §6)."""

from django.forms import MultiWidget
from django.urls import reverse


def _url(obj, view: str) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _form_data(form, data: dict) -> None:
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, MultiWidget):
            for index, (sub, part) in enumerate(zip(widget.widgets, widget.decompress(value), strict=False)):
                data[f"{key}_{index}"] = sub.format_value(part) or ""
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value is not None and not hasattr(value, "url"):
            formatted = widget.format_value(value)
            data[key] = "" if formatted is None else formatted


def change_form_data(client, obj, **changes) -> dict:
    """Return the POST the admin's change form would send for ``obj`` as shown, with ``changes``."""
    response = client.get(_url(obj, "change"))
    assert response.status_code == 200
    data: dict = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    data.update(changes)
    return data


def assert_immutable_in_admin(client, obj, field: str, value) -> None:
    """The change form shows ``obj`` read-only; a change POST and a delete are refused."""
    before = getattr(type(obj)._default_manager.get(pk=obj.pk), field)
    page = client.get(_url(obj, "change"))
    assert page.status_code == 200
    assert f'name="{field}"' not in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert client.post(_url(obj, "change"), {field: value}).status_code == 403
    assert client.post(_url(obj, "delete"), {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    assert stored is not None, "deleted through the admin"
    assert getattr(stored, field) == before


def assert_editable_in_admin(client, obj, field: str, value) -> None:
    """The admin still saves a change to ``obj`` (a draft, where it allowed it before)."""
    response = client.post(_url(obj, "change"), change_form_data(client, obj, **{field: value}))
    assert response.status_code == 302, getattr(response, "context", None) and [
        f.errors for f in [response.context["adminform"].form]
    ]
    obj.refresh_from_db()
    assert getattr(obj, field) == value
