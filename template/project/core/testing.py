"""Helpers for tests (fixtures live in the root conftest.py)."""

from typing import Any

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Model
from django.forms import CheckboxInput
from django.forms import MultiWidget
from django.forms import Widget
from django.http import HttpResponse
from django.test import Client


def error_fields(response: HttpResponse) -> dict[str, list[str]]:
    """The per-field messages of an error response; {} when it has none."""
    return response.json()["error"].get("fields", {})


def snapshot(instance: Model) -> dict[str, Any] | None:
    """The row as stored now (None once deleted), to show that a request changed nothing."""
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()


def admin_form_data(client: Client, url: str, instance: Model) -> dict[str, Any]:
    """What a person would post on the admin form at `url`, filled in from an unsaved row.

    The form is the one the page renders for the client's user (its fields, widgets and
    inlines); inline formsets are posted empty.
    """
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    form = type(page.context["adminform"].form)(instance=instance)
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        data.update(_widget_data(field.widget, form.add_prefix(name), form[name].value()))
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = 0 if name != "MAX_NUM_FORMS" else 1000
    return data


def _widget_data(widget: Widget, name: str, value: Any) -> dict[str, Any]:
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, MultiWidget):  # e.g. a date and a time input for a datetime
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        data: dict[str, Any] = {}
        names = [name + suffix for suffix in widget.widgets_names]
        for part_name, part_widget, part in zip(names, widget.widgets, parts, strict=True):
            data.update(_widget_data(part_widget, part_name, part))
        return data
    if isinstance(widget, CheckboxInput):
        return {name: "on"} if widget.check_test(value) else {}
    formatted = widget.format_value(value)
    if isinstance(formatted, list):  # a select
        formatted = formatted[0] if formatted else ""
    return {name: "" if formatted is None else formatted}
