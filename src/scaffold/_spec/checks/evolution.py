"""Update-time keys: ``renamed_from`` on models and fields, ``backfill`` on fields and scopes.

They only shape the next migration (``scaffold update``): a rename keeps the column or the
table and its rows, a backfill gives existing rows a value once. Whether they apply is
decided against the project's migrations; here only their form is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from scaffold._spec.checks._common import KeyPath, spec_problem
from scaffold._spec.checks.constants import IDENTIFIER, MODEL_NAME
from scaffold._spec.checks.fields import value_error
from scaffold._spec.schema import DomainSpec, FieldSpec, ModelSpec, ParentScope
from scaffold.errors import SpecProblem

# A foreign-key path from the row: customer__owner, invoice__customer__organization.
PATH = re.compile(r"\A[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*\Z")
SCOPE_FIELDS = {"tenant": "organization", "owner": "owner"}
# The forms a backfill mapping may take, and which scope field each one can fill.
FORMS = {
    "from": "{from: <foreign key path>}: each row's value through its foreign keys",
    "user": "{user: <username>}: one user for every existing row",
    "organization": "{organization: <slug>}: one organization for every existing row",
}


RENAME_TIP = "renamed_from names what the model or field was called when it was last generated"


def check_model_renames(spec: DomainSpec) -> Iterator[SpecProblem]:
    taken: dict[str, str] = {}
    for name, model in spec.models.items():
        if model.renamed_from is None:
            continue
        old = model.renamed_from
        path = ("models", name, "renamed_from")
        if not MODEL_NAME.fullmatch(old):
            yield spec_problem(
                path,
                f"renamed_from {old!r} must be a CamelCase model name",
                "give the model's former name, as it was in the spec",
            )
        elif message := _rename_error(old, name, spec.models, taken, "model", "this domain"):
            yield spec_problem(path, message, RENAME_TIP)
        taken.setdefault(old, name)


def check_field_evolution(model_name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    taken: dict[str, str] = {}
    for name, field in model.fields.items():
        path: KeyPath = ("models", model_name, "fields", name)
        if (old := field.renamed_from) is not None:
            where = (*path, "renamed_from")
            if not IDENTIFIER.fullmatch(old) or "__" in old:
                yield spec_problem(
                    where,
                    f"renamed_from {old!r} must be a field name, like 'notes'",
                    "give the field's former name, as it was in the spec",
                )
            elif message := _rename_error(old, name, model.fields, taken, "field", model_name):
                yield spec_problem(where, message, RENAME_TIP)
            taken.setdefault(old, name)
        if field.has_backfill:
            yield from _field_backfill(field, (*path, "backfill"))
    yield from _scope_backfill(model_name, model)


def _rename_error(
    old: str, name: str, names: Iterable[str], taken: dict[str, str], what: str, owner: str
) -> str | None:
    if old == name:
        return f"renamed_from names the {what} itself; give its former name"
    if old in names:
        return (
            f"'{old}' is still a {what} of {owner}; renamed_from gives the former name of a "
            f"{what} that is gone"
        )
    if old in taken:
        return f"'{old}' is already renamed to {taken[old]}"
    return None


def _field_backfill(field: FieldSpec, path: KeyPath) -> Iterator[SpecProblem]:
    value = field.backfill
    if isinstance(value, dict):
        allowed = (
            ["from", "user"] if field.type == "foreign_key" and field.to == "user" else ["from"]
        )
        yield from _mapping(value, allowed, path)
    elif value is None:
        yield spec_problem(
            path,
            "a backfill of null fills nothing; give the value existing rows get",
            "or remove backfill and make the field null: true",
        )
    elif field.type == "foreign_key":
        if isinstance(value, bool) or not isinstance(value, int | str):
            yield spec_problem(
                path,
                "the backfill of a foreign key is the id of the row every existing row points to",
                "or {from: <foreign key path>} for each row's own",
            )
    elif message := value_error(field, value, "backfill"):
        yield spec_problem(path, message, "give a value the field accepts")


def _scope_backfill(model_name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    scope = "parent" if isinstance(model.scope, ParentScope) else model.scope
    own = SCOPE_FIELDS.get(scope)
    for key, value in model.backfill.items():
        path: KeyPath = ("models", model_name, "backfill", key)
        if key != own:
            where = f"its scope field is '{own}'" if own else f"a {scope} model has no scope field"
            hint = "a field's own backfill goes under fields.<name>.backfill"
            yield spec_problem(path, f"backfill here fills the scope field; {where}", hint)
        elif not isinstance(value, dict):
            yield spec_problem(
                path,
                f"the backfill of {own} must be a mapping",
                f"{FORMS['from']}; or {FORMS['user' if own == 'owner' else 'organization']}",
            )
        else:
            yield from _mapping(value, ["from", "user" if own == "owner" else "organization"], path)


def _mapping(value: dict[str, Any], allowed: list[str], path: KeyPath) -> Iterator[SpecProblem]:
    forms = "; ".join(FORMS[form] for form in allowed)
    if len(value) != 1 or next(iter(value)) not in allowed:
        keys = ", ".join(f"'{key}'" for key in value) or "none"
        yield spec_problem(
            path,
            f"a backfill mapping takes exactly one of: {', '.join(allowed)}; found {keys}",
            forms,
        )
        return
    form, text = next(iter(value.items()))
    if not isinstance(text, str) or not text:
        yield spec_problem(
            (*path, form), f"expected a name, not {text!r}", "put the name in quotes if needed"
        )
    elif form == "from" and not PATH.fullmatch(text):
        yield spec_problem(
            (*path, form),
            f"'{text}' is not a foreign key path",
            "name foreign keys joined by '__', like customer__owner",
        )
