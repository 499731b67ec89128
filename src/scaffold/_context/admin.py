"""The ModelAdmin of a model: changelist, search, filters, autocomplete, inlines, transitions."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedDomain, DerivedModel
from scaffold._context.model_class import str_relations
from scaffold._context.pycode import call, names_list, string
from scaffold._spec.naming import pluralize, snake_case, words
from scaffold._spec.schema import ModelSpec

AUDIT_FIELDS = ("created_at", "updated_at")
ADMIN_BASES = {"tenant": "OrganizationScopedAdmin", "owner": "OwnerScopedAdmin"}


def admin_options(derived: DerivedDomain, m: DerivedModel) -> dict[str, Any]:
    name, model, targets, root = m.name, m.spec, m.targets, m.root
    fields = list(model.fields)
    display = model.admin.list_display or [
        "id",
        *[f for f in fields if model.fields[f].type not in ("text", "json")][:5],
    ]
    search = (
        model.admin.search
        or model.search
        or [f for f in fields if model.fields[f].type in ("string", "email")][:3]
        # Autocomplete needs search fields; a model without text searches by exact id.
        or ["=id"]
    )
    list_filter = (
        model.admin.list_filter
        or [f for f in fields if model.fields[f].type in ("choice", "boolean", "date")][:4]
    )
    scope_fk = [m.scope_field] if m.scope_field else []
    autocomplete = [*scope_fk, *targets]
    # Columns show related rows by __str__, and autocompletes, actions and delete pages show
    # these rows by theirs: select every relation those follow with the page.
    related: list[str] = []
    for field in [f for f in display if f in targets]:
        related.append(field)
        target = targets[field]
        domain = derived if target.local else derived.other(target.app)
        if domain is not None and target.model in domain.models:
            related += [f"{field}__{p}" for p in str_relations(domain, target.model)]
    related += [p for p in str_relations(derived, name) if p not in related]
    transition_fields = _transition_fields(model)
    add_fields = [*scope_fk, *model.create_fields] if model.create_fields else []
    return {
        "base": ADMIN_BASES.get(root, "UnscopedAdmin"),
        "list_display": names_list("list_display = ", display, indent=4).lstrip(),
        "search_fields": names_list("search_fields = ", search, indent=4).lstrip(),
        "list_filter": names_list("list_filter = ", list_filter, indent=4).lstrip()
        if list_filter
        else None,
        "readonly_fields": names_list(
            "readonly_fields = ", ["id", *AUDIT_FIELDS, *transition_fields], indent=4
        ).lstrip(),
        "autocomplete_fields": names_list("autocomplete_fields = ", autocomplete, indent=4).lstrip()
        if autocomplete
        else None,
        "list_select_related": names_list("list_select_related = ", related, indent=4).lstrip()
        if related
        else None,
        "add_fields": names_list("add_fields = ", add_fields, indent=4).lstrip()
        if add_fields
        else None,
        "create_call": _create_call(name, model, scope_fk) if model.create_fields else None,
        "actions": _actions(name, model),
        "action_names": names_list(
            "actions = ", [a["method"] for a in _actions(name, model)], indent=4
        ).lstrip()
        if model.transitions
        else None,
        "inlines": _inlines(derived, m),
        "inline_names": call(
            "inlines = [", [i["class"] for i in _inlines(derived, m)], indent=4, tail="]"
        ).lstrip()
        if _inlines(derived, m)
        else None,
        "transition_fields": transition_fields,
    }


def _transition_fields(model: ModelSpec) -> list[str]:
    """Fields only transitions change: read-only in the admin, as in the API."""
    result: list[str] = []
    for transition in model.transitions.values():
        if transition.field not in result:
            result.append(transition.field)
    return result


def _create_call(name: str, model: ModelSpec, scope_fk: list[str]) -> str:
    """``return invoice_create(organization=obj.organization, ...)`` in ``create()``'s body."""
    snake = snake_case(name)
    args = [f"{field}=obj.{field}" for field in [*scope_fk, *model.create_fields]]
    return call(f"return {snake}_create(", args, indent=8)


def _actions(name: str, model: ModelSpec) -> list[dict[str, Any]]:
    """One admin action per transition, calling the transition's service."""
    snake = snake_case(name)
    plural = _verbose_plural(name, model)
    result = []
    for action, transition in model.transitions.items():
        result.append(
            {
                "method": f"{action}_{_plural(snake)}",
                "service": f"{snake}_{action}",
                "decorator": call(
                    "@admin.action(",
                    [
                        "description=" + string(f"{words(action).capitalize()} selected {plural}"),
                        'permissions=["change"]',
                    ],
                    indent=4,
                ).lstrip(),
                "target": string(transition.to),
                "role": string(transition.role),
                "field": transition.field,
            }
        )
    return result


def _plural(snake: str) -> str:
    return pluralize(snake)


def _verbose_plural(name: str, model: ModelSpec) -> str:
    return model.verbose_name_plural or words(pluralize(snake_case(name)))


def _inlines(derived: DerivedDomain, m: DerivedModel) -> list[dict[str, Any]]:
    """Models scoped through this one, edited on its page."""
    result = []
    for relation in m.reverse:
        child = derived.models[relation.model]
        if child.parent_field != relation.field or child.name == m.name:
            continue
        other_fks = [f for f in child.targets if f != relation.field]
        shown = [f for f in child.spec.create_fields if f != relation.field]
        transition_fields = _transition_fields(child.spec)
        result.append(
            {
                "class": f"{child.name}Inline",
                "model": child.name,
                "fk_name": relation.field,
                "fields": names_list("fields = ", [*shown, *transition_fields], indent=4).lstrip()
                if shown
                else None,
                "readonly_fields": names_list(
                    "readonly_fields = ", transition_fields, indent=4
                ).lstrip()
                if transition_fields
                else None,
                "autocomplete_fields": names_list(
                    "autocomplete_fields = ", other_fks, indent=4
                ).lstrip()
                if other_fks
                else None,
            }
        )
    return result
