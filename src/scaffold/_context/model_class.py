"""The model class around its fields: the scope foreign key, choices classes, __str__."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedDomain, DerivedModel
from scaffold._context.fields import choice_items, choices_class
from scaffold._context.pycode import LINE_LENGTH, call, literal, string, width, wrapped_string
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
        members = [_choice_member(value, label) for value, label in choice_items(spec)]
        result.append({"class": choices_class(field), "members": members})
    return result


def _choice_member(value: str, label: str) -> str:
    """``DRAFT = "draft", "Draft"`` in a TextChoices body; a long label goes on lines of its own."""
    line = f"{value.upper()} = {string(value)}, {string(label)}"
    if width(" " * 8 + line) <= LINE_LENGTH:
        return line
    parts = "".join(f"{' ' * 12}{part}\n" for part in wrapped_string(label, LINE_LENGTH - 16))
    return f"{value.upper()} = (\n{' ' * 12}{string(value)},\n{parts.rstrip()},\n{' ' * 8})"


def str_fields(model: ModelSpec) -> list[str]:
    """The fields ``__str__`` shows: the spec's display, else the first text-like field."""
    display = model.display
    if display is None:
        display = next(
            (f for f, s in model.fields.items() if s.type in ("string", "email", "choice")),
            None,
        )
    if display is None:
        return []
    return [display] if isinstance(display, str) else list(display)


STR_RETURN = "        return "  # where the template puts the expression


def str_source(m: DerivedModel) -> str:
    """``__str__``'s expression; a row scoped through a parent names it first (INV-0001 · Fee).

    The parent is guarded so an unsaved row without one still has a repr.
    """
    model, parent = m.spec, m.parent_field
    names = str_fields(model)
    if parent is None or parent in names:
        if not names:
            return 'f"#{self.pk}"'
        if len(names) == 1 and model.fields[names[0]].type in ("string", "email", "url", "text"):
            if model.fields[names[0]].null:  # __str__ must return a str, never None
                return f'self.{names[0]} or f"#{{self.pk}}"'
            return f"self.{names[0]}"
        source = 'f"' + " ".join("{self." + n + "}" for n in names) + '"'
        parts = [f"str(self.{n})" for n in names]
    else:
        own = " ".join("{self." + n + "}" for n in names) if names else "#{self.pk}"
        source = f"f\"{{self.{parent} if self.{parent}_id else '?'}} · {own}\""
        guarded = f'str(self.{parent}) if self.{parent}_id else "?"'
        parts = [guarded, '"·"', *([f"str(self.{n})" for n in names] or ['f"#{self.pk}"'])]
    if len(STR_RETURN + source) <= LINE_LENGTH:
        return source
    # An f-string cannot be wrapped; the same text as a join can (long field names).
    return call('" ".join([', parts, indent=8, tail="])").lstrip()


def str_relations(
    derived: DerivedDomain, name: str, seen: frozenset[str] = frozenset()
) -> list[str]:
    """ORM paths ``__str__`` of ``name`` follows: its parent and displayed foreign keys, and
    what *their* ``__str__`` follows in turn (``invoice``, ``invoice__customer``), also into
    another domain of the project (``customer__account_manager``).

    Selecting these with a row keeps its ``__str__`` from querying. A model already on the
    path is not followed again, so display chains that loop still end.
    """
    m = derived.models[name]
    followed = [f for f in str_fields(m.spec) if f in m.targets]
    if m.parent_field and m.parent_field not in followed:
        followed.insert(0, m.parent_field)
    paths: list[str] = []
    here = f"{derived.name}.{name}"
    for field in followed:
        paths.append(field)
        target = m.targets[field]
        domain = derived if target.local else derived.other(target.app)
        key = f"{target.app}.{target.model}"
        if domain is None or key in seen | {here} or target.model not in domain.models:
            continue
        deeper = str_relations(domain, target.model, seen | {here})
        paths += [f"{field}__{path}" for path in deeper]
    return paths
