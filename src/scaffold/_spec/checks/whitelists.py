"""The read, list, write and display whitelists of a model."""

from __future__ import annotations

from collections.abc import Iterator

from scaffold._spec.checks._common import (
    Domain,
    KeyPath,
    Verdict,
    check_names,
    parent_target,
    spec_problem,
    unknown_name,
)
from scaffold._spec.checks.constants import AUDIT_FIELDS, EXTERNAL_MODEL
from scaffold._spec.schema import FieldSpec, ModelSpec, ParentScope, WriteSpec
from scaffold.errors import SpecProblem


def check_display(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    def verdict(name: str) -> Verdict:
        field = model.fields.get(name)
        if field is None:
            return unknown_name("field", name, model.fields)
        if field.type == "json":
            return (
                f"'{name}' is a json field and cannot be displayed",
                "display a string, number, date or choice field",
            )
        return None

    if isinstance(model.display, str):
        if found := verdict(model.display):
            yield spec_problem((*path, "display"), *found)
    elif not model.display:
        yield spec_problem(
            (*path, "display"),
            "name at least one field to display",
            "like display: name, or leave display out",
        )
    else:
        yield from check_names((*path, "display"), list(model.display), verdict)


def readable(model: ModelSpec, name: str) -> Verdict:
    if name in AUDIT_FIELDS or name in model.fields:
        return None
    return unknown_name("field", name, [*AUDIT_FIELDS, *model.fields])


def check_reads(
    domain: Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    yield from _check_read_items(domain, model, (*path, "read"), model.read)
    if model.list_ is None:
        return
    broken: set[str | int] = set()
    for problem in _check_read_items(domain, model, (*path, "list"), model.list_):
        broken.add(problem.path[len(path) + 1])
        yield problem
    for index, item in enumerate(model.list_):
        if index not in broken and item not in model.read:
            shown = item if isinstance(item, str) else str(item).replace("'", "")
            yield spec_problem(
                (*path, "list", index),
                f"'{shown}' is in list but not in read; list shows a subset of read",
                "add it to read too, or remove it from list",
            )


def _check_read_items(
    domain: Domain, model: ModelSpec, path: KeyPath, items: list[str | dict[str, list[str]]]
) -> Iterator[SpecProblem]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = (*path, index)
        names = [item] if isinstance(item, str) else list(item)
        for name in names:
            if name in seen:
                yield spec_problem(where, f"'{name}' is listed twice", "remove the repeat")
            seen.add(name)
        if isinstance(item, str):
            if found := readable(model, item):
                yield spec_problem(where, *found)
        else:
            yield from _check_nested(domain, model, where, item)


def _check_nested(
    domain: Domain, model: ModelSpec, path: KeyPath, item: dict[str, list[str]]
) -> Iterator[SpecProblem]:
    if len(item) != 1:
        yield spec_problem(
            path,
            "a nested item names one foreign key, like {customer: [id, name]}",
            "write one {<foreign key>: [...]} item per foreign key",
        )
        return
    [(name, names)] = item.items()
    field = model.fields.get(name)
    target = domain.target(field) if field else None
    if field is None:
        yield spec_problem((*path, name), *unknown_name("field", name, model.fields))
    elif field.type != "foreign_key":
        yield spec_problem(
            (*path, name),
            f"'{name}' is a {field.type} field, not a foreign key",
            f"list '{name}' by itself: only foreign keys nest",
        )
    elif target is None:
        if field.to == "user" or EXTERNAL_MODEL.fullmatch(field.to or ""):
            yield spec_problem(
                (*path, name),
                f"'{name}' points to '{field.to}'; only foreign keys to models of this domain "
                "can be expanded",
                f"read '{name}' by itself: the API shows its id",
            )
    elif not names:
        yield spec_problem(
            (*path, name),
            f"name at least one field of {field.to} to show",
            f"like {{{name}: [id]}}, or read '{name}' by itself",
        )
    else:

        def verdict(nested: str) -> Verdict:
            if getattr(target.fields.get(nested), "type", None) == "foreign_key":
                return (
                    f"'{nested}' is a foreign key; nested fields cannot be foreign keys",
                    "show its id, or read it from the related model's own endpoint",
                )
            return readable(target, nested)

        yield from check_names((*path, name), names, verdict)


def check_write(
    domain: Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    # Only a working parent or transition constrains the whitelist; broken ones are reported.
    parent = model.scope.parent if isinstance(model.scope, ParentScope) else None
    parent = parent if parent_target(model) in domain.spec.models else None
    moved_by = {
        t.field: name
        for name, t in model.transitions.items()
        if getattr(model.fields.get(t.field), "type", None) == "choice"
    }
    if isinstance(model.write, WriteSpec):
        create_path: KeyPath = (*path, "write", "create")
        groups = [
            (create_path, model.write.create, False),
            ((*path, "write", "update"), model.write.update, True),
        ]
    else:
        create_path = (*path, "write")
        groups = [(create_path, model.write, True)]

    for where, names, updates in groups:

        def verdict(name: str, updates: bool = updates) -> Verdict:
            if name in AUDIT_FIELDS:
                return (
                    f"'{name}' is set automatically and cannot be written",
                    "remove it from write; read shows it",
                )
            if name not in model.fields:
                return unknown_name("field", name, model.fields)
            if name in moved_by:
                return (
                    f"'{name}' changes only through transitions (like '{moved_by[name]}'); "
                    "it cannot be written directly",
                    f"remove '{name}' from write; its transitions move it",
                )
            if name == parent and updates:
                hint = f"remove '{name}' from write.update"
                if not isinstance(model.write, WriteSpec):
                    hint = f"use write: {{create: [...], update: [...]}} without '{name}' in update"
                return (
                    f"'{name}' is the parent scope of {model_name}; it can be set on create but "
                    "not updated: moving a row to another parent is not offered",
                    hint,
                )
            return None

        yield from check_names(where, names, verdict)

    # An empty create whitelist is reported once, at the role (see check_roles).
    if "create" in model.roles and model.create_fields:
        writable = "write.create" if isinstance(model.write, WriteSpec) else "write"
        for name, field in model.fields.items():
            if _is_required(field) and name not in model.create_fields:
                yield spec_problem(
                    create_path,
                    f"field '{name}' is required but not writable on create; "
                    f"add it to {writable} or give it a default",
                    f"add '{name}' to {writable}, or give it a default or required: false",
                )


def _is_required(field: FieldSpec) -> bool:
    # Creating a row without the field would fail: it has no default and may not be empty.
    return (
        field.required is not False
        and not field.null
        and not field.has_default
        and field.type != "boolean"  # a boolean without a default starts as false
    )
