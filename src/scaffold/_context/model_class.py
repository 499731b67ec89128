"""The model class around its fields: the scope foreign key, choices classes, __str__."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.fields import choice_items, choices_class
from scaffold._context.pycode import call, literal, string
from scaffold._spec.schema import ModelSpec


def scope_field_declaration(m: DerivedModel) -> str | None:
    if m.scope_field == "organization":
        return call(
            "organization = models.ForeignKey(",
            ['"tenancy.Organization"', "on_delete=models.CASCADE", 'related_name="+"'],
            indent=4,
        )
    if m.scope_field == "owner":
        return call(
            "owner = models.ForeignKey(",
            ["settings.AUTH_USER_MODEL", "on_delete=models.CASCADE", 'related_name="+"'],
            indent=4,
        )
    return None


def scoped_relations(m: DerivedModel) -> list[str]:
    """Foreign keys that must point inside the row's scope: to scoped rows, or to users.

    A parent foreign key is left out: it is what defines the scope.
    """
    return [
        field
        for field, target in m.targets.items()
        if field != m.parent_field and target.root in ("tenant", "owner", "user")
    ]


def scope_declarations(lookup: str | None, relations: list[str]) -> list[str]:
    """``SCOPE_LOOKUP`` and ``SCOPED_RELATIONS``: what core.scoping reads (class-body lines)."""
    if lookup is None:
        return ["    SCOPE_LOOKUP = None  # reference data: rows belong to no one (core.scoping)"]
    lines = [
        "    # Where a row's scope is; clean() keeps it, and these foreign keys, inside it.",
        f"    SCOPE_LOOKUP = {string(lookup)}",
    ]
    if relations:
        items = ", ".join(literal(name) for name in relations)
        trailing = "," if len(relations) == 1 else ""
        lines.append(
            call("SCOPED_RELATIONS = (", [literal(n) for n in relations], indent=4)
            if len(f"    SCOPED_RELATIONS = ({items}{trailing})") > 100
            else f"    SCOPED_RELATIONS = ({items}{trailing})"
        )
    return lines


def choices_classes(model: ModelSpec) -> list[dict[str, Any]]:
    result = []
    for field, spec in model.fields.items():
        if spec.type != "choice":
            continue
        members = [
            f"{value.upper()} = {string(value)}, {string(label)}"
            for value, label in choice_items(spec)
        ]
        result.append({"class": choices_class(field), "members": members})
    return result


def str_source(model: ModelSpec) -> str:
    display = model.display
    if display is None:
        display = next(
            (f for f, s in model.fields.items() if s.type in ("string", "email", "choice")),
            None,
        )
    if display is None:
        return 'f"#{self.pk}"'
    names = [display] if isinstance(display, str) else list(display)
    if len(names) == 1 and model.fields[names[0]].type in ("string", "email", "url", "text"):
        return f"self.{names[0]}"
    return 'f"' + " ".join("{self." + n + "}" for n in names) + '"'
