"""The ModelAdmin of a model: changelist columns, search, filters and related lookups."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.pycode import names_list

AUDIT_FIELDS = ("created_at", "updated_at")


def admin_options(m: DerivedModel) -> dict[str, Any]:
    model, targets = m.spec, m.targets
    fields = list(model.fields)
    display = model.admin.list_display or [
        "id",
        *[f for f in fields if model.fields[f].type not in ("text", "json")][:5],
    ]
    search = (
        model.admin.search
        or model.search
        or [f for f in fields if model.fields[f].type in ("string", "email")][:3]
    )
    list_filter = (
        model.admin.list_filter
        or [f for f in fields if model.fields[f].type in ("choice", "boolean", "date")][:4]
    )
    scope_fk = [m.scope_field] if m.scope_field else []
    raw_id = [*scope_fk, *targets]
    related = [f for f in display if f in targets]
    parent = m.parent_field
    if parent and parent not in related:
        related.append(parent)  # __str__ of a child often names its parent
    return {
        "list_display": names_list("list_display = ", display, indent=4).lstrip(),
        "search_fields": names_list("search_fields = ", search, indent=4).lstrip()
        if search
        else None,
        "list_filter": names_list("list_filter = ", list_filter, indent=4).lstrip()
        if list_filter
        else None,
        "readonly_fields": names_list(
            "readonly_fields = ", ["id", *AUDIT_FIELDS], indent=4
        ).lstrip(),
        "raw_id_fields": names_list("raw_id_fields = ", raw_id, indent=4).lstrip()
        if raw_id
        else None,
        "list_select_related": names_list("list_select_related = ", related, indent=4).lstrip()
        if related
        else None,
    }
