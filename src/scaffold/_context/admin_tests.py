"""What the generated admin tests of one model need: rows to post, foreign keys to attack."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedDomain, DerivedModel
from scaffold._context.fields import is_required
from scaffold._context.pycode import LINE_LENGTH, assignment, string, width
from scaffold._context.tests import _row


def admin_tests(derived: DerivedDomain, m: DerivedModel, context: dict[str, Any]) -> dict[str, Any]:
    name, model, targets = m.name, m.spec, m.targets
    parent, lookup = m.parent_field, m.scope_lookup
    relations = context["scoped_relations"]
    row = derived.target_row
    return {
        "new_row": _build(derived, m, "scope"),
        "other_row": _row(name, lookup, "other_scope"),
        "other_rows_from": [
            _row(name, lookup, "other_scope", [f"{t.field}={string(t.from_[0])}"])
            for t in model.transitions.values()
        ],
        "scope_word": m.scope_kwarg,
        "cross_scope": [
            {
                "field": field,
                "new_row": _build(derived, m, "scope", field),
                "other_row": row(targets[field], "other_scope"),
                "in_create": field in model.create_fields,
                "in_update": field in model.update_fields,
            }
            for field in relations
        ],
        # Moving an existing row to another scope: its own scope field, or its parent.
        "move": None
        if lookup is None
        else {
            "field": parent or m.scope_field,
            "other": row(targets[parent], "other_scope") if parent else "other_scope",
        },
        "filter_param": f"{lookup}__id__exact" if lookup else None,
        # A deep scope's filter key is too long for the dict's line (fuzz seed 240026): it
        # gets a variable of its own, split into parts.
        "filter_param_decl": _long_filter_param(f"{lookup}__id__exact") if lookup else None,
        "autocomplete": [
            {
                "field": field,
                "own_row": row(target, "scope"),
                "other_row": row(target, "other_scope"),
            }
            for field, target in targets.items()
            if target.root in ("tenant", "owner", "user") and field in [*relations, parent]
        ],
        # Foreign keys the changelist filters by: their choices are scoped like the form's.
        "filters": [
            {
                "field": field,
                "own_row": row(targets[field], "scope"),
                "other_row": row(targets[field], "other_scope"),
            }
            for field in model.admin.list_filter or []
            if field in targets
            and targets[field].root in ("tenant", "owner", "user")
            and field in [*relations, parent]
        ],
    }


def _build(derived: DerivedDomain, m: DerivedModel, scope: str, foreign: str | None = None) -> str:
    """``InvoiceFactory.build(...)``: an unsaved row whose related rows are saved.

    ``foreign`` names the one foreign key that points into ``other_scope`` instead.
    """
    args = [f"{m.scope_field}={scope}"] if m.scope_field else []
    for field, target in m.targets.items():
        field_spec = m.spec.fields[field]
        if field != foreign and field_spec.null and not is_required(field_spec):
            continue  # the factory leaves it empty
        where = "other_scope" if field == foreign else scope
        args.append(f"{field}={derived.target_row(target, where)}")
    return f"{m.name}Factory.build({', '.join(args)})"


def _long_filter_param(param: str) -> str | None:
    """``scope_filter = (...)`` where ruff format could not fit the key on its own line."""
    if width(f'            "{param}": scope.pk') <= LINE_LENGTH:
        return None
    return assignment("scope_filter", param, indent=4).lstrip()
