"""Helpers for tests (fixtures live in the root conftest.py)."""

import json
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Model
from django.forms import BaseForm
from django.forms import CheckboxInput
from django.forms import MultiWidget
from django.forms import Widget
from django.http import HttpResponse
from django.test import Client


def error_fields(response: HttpResponse) -> dict[str, list[str]]:
    """The per-field messages of an error response; {} when it has none."""
    fields: dict[str, list[str]] = json.loads(response.content)["error"].get("fields", {})
    return fields


def snapshot(instance: Model) -> dict[str, Any] | None:
    """The row as stored now (None once deleted), to show that a request changed nothing."""
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()


def unused_value(
    model: type[Model], field: str, values: Sequence[Any], *scopes: Mapping[str, Any]
) -> Any:
    """The first of ``values`` no row of ``model`` holds in any of ``scopes``, else the first.

    A factory gives a unique choice or boolean the value its row's scope has not used yet
    (each scope: the other fields of one unique set the field is in), so a scope gets all
    of the few values, whichever order a test makes its rows in.
    """
    rows = model._default_manager.all()
    # A scope naming an unsaved row (a factory's build()) holds no row yet.
    saved = [scope for scope in scopes if not any(_unsaved(value) for value in scope.values())]
    taken = {value for scope in saved for value in rows.filter(**scope).values_list(field)}
    return next((value for value in values if (value,) not in taken), values[0])


def row_in_scope(factory_class: Any, **scope: Any) -> Model:
    """The scope's first row of the factory's model, made by the factory when it has none.

    ``scope`` holds lookups, as the factory takes them (``entry__organization=...``). A
    factory links to it, instead of making a row of its own each time, where its rows would
    otherwise need more rows of a model than the scope's unique sets leave (a unique choice
    of three values, reached twice by each row): the tests make several rows of every model.
    """
    model: type[Model] = factory_class._meta.model
    found = model._default_manager.filter(**scope).order_by("pk").first()
    if found is not None:
        return found
    made: Model = factory_class(**scope)
    return made


def _unsaved(value: Any) -> bool:
    return isinstance(value, Model) and value._state.adding


def schema_component(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s (and a lone `allOf`) to the schema object they name."""
    while True:
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        elif len(node.get("allOf", ())) == 1:
            node = node["allOf"][0]
        else:
            return node


def request_body_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object an operation accepts, or None when it takes no body."""
    body = operation.get("requestBody")
    if body is None:
        return None
    return schema_component(schema, body["content"]["application/json"]["schema"])


def response_body_schema(
    schema: dict[str, Any], operation: dict[str, Any]
) -> dict[str, Any] | None:
    """The object a successful call answers with (a list's items), or None for no body."""
    success = next(code for code in operation["responses"] if code.startswith("2"))
    content = operation["responses"][success].get("content")
    if content is None:
        return None
    body = schema_component(schema, content["application/json"]["schema"])
    if "results" in body.get("properties", {}):  # a page of a list
        return schema_component(schema, body["properties"]["results"]["items"])
    return body


def admin_form_data(
    client: Client, url: str, instance: Model, inline_rows: Sequence[Model] = ()
) -> dict[str, Any]:
    """What a person would post on the admin form at `url`, filled in from an unsaved row.

    The form is the one the page renders for the client's user (its fields, widgets and
    inlines). Each inline posts the `inline_rows` of its model as new rows, and no others.
    """
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = _form_data(type(page.context["adminform"].form)(instance=instance))
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        rows = [row for row in inline_rows if isinstance(row, formset.model)]
        for index, row in enumerate(rows):
            data.update(_form_data(formset.form(instance=row, prefix=f"{formset.prefix}-{index}")))
        management = formset.management_form
        data.update(
            {
                management.add_prefix("TOTAL_FORMS"): len(rows),
                management.add_prefix("INITIAL_FORMS"): 0,
                management.add_prefix("MIN_NUM_FORMS"): 0,
                management.add_prefix("MAX_NUM_FORMS"): 1000,
            }
        )
    return data


def _form_data(form: BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        data.update(_widget_data(field.widget, form.add_prefix(name), form[name].value()))
    return data


def _widget_data(widget: Widget, name: str, value: Any) -> dict[str, Any]:
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, MultiWidget):  # e.g. a date and a time input for a datetime
        parts = value if isinstance(value, list | tuple) else widget.decompress(value) or []
        data: dict[str, Any] = {}
        names = [name + suffix for suffix in widget.widgets_names]  # type: ignore[attr-defined]
        for part_name, part_widget, part in zip(names, widget.widgets, parts, strict=True):
            data.update(_widget_data(part_widget, part_name, part))
        return data
    if isinstance(widget, CheckboxInput):
        return {name: "on"} if widget.check_test(value) else {}
    formatted = widget.format_value(value)
    if isinstance(formatted, list):  # a select
        formatted = formatted[0] if formatted else ""
    return {name: "" if formatted is None else formatted}
