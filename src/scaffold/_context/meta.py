"""A model's Meta: unique and check constraints, indexes for the scoped queries, ordering."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.pycode import call, literal, names_list, string
from scaffold._context.relations import SCOPE_FIELDS
from scaffold._spec.expressions import parse_check
from scaffold._spec.naming import db_name, words
from scaffold._spec.schema import CheckConstraintSpec, ModelSpec, UniqueConstraintSpec

OPERATOR_WORDS = {
    ">=": "greater than or equal to",
    ">": "greater than",
    "<=": "less than or equal to",
    "<": "less than",
    "==": "equal to",
    "!=": "different from",
}


def meta_options(domain: str, m: DerivedModel) -> dict[str, Any]:
    model, snake = m.spec, m.snake
    constraints: list[str] = []
    for unique in m.unique_sets:
        name = unique.name or db_name(domain, snake, *unique.fields, suffix="unique", limit=60)
        constraints.append(
            call(
                "models.UniqueConstraint(",
                [
                    names_list("fields=", [*unique.scope_fields, *unique.fields]),
                    f"name={string(name)}",
                ],
                indent=12,
            ).lstrip()
        )
    for check in model.constraints:
        if isinstance(check, CheckConstraintSpec):
            constraints.append(_check_constraint(domain, snake, model, check))
    indexes = _indexes(domain, m)
    ordering = [_ordering_column(model, term) for term in model.default_ordering]
    if not any(term.lstrip("-") in ("id", "pk") for term in ordering):
        ordering.append("id")
    return {
        "ordering": names_list("ordering = ", ordering, indent=8).lstrip(),
        "constraints": constraints,
        "indexes": indexes,
    }


def _ordering_column(model: ModelSpec, term: str) -> str:
    """A foreign key sorts by its column: by the related row's own ordering, a model sorted by
    a reference to itself (or a cycle of them) would loop ("Infinite loop caused by ordering")."""
    name = term.lstrip("-")
    spec = model.fields.get(name)
    if spec is not None and spec.type == "foreign_key":
        return term + "_id"
    return term


def _check_constraint(domain: str, snake: str, model: ModelSpec, check: CheckConstraintSpec) -> str:
    expression = parse_check(check.check)
    if expression.right_field is not None:
        right = f"models.F({string(expression.right_field)})"
        right_name = expression.right_field
        right_words = words(expression.right_field)
    else:
        value = expression.right_value
        right = literal(value)
        right_name = str(value).lower().replace("-", "neg").replace(".", "_")
        right_words = str(value) if not isinstance(value, bool) else str(value).lower()
    lookup = (
        expression.left
        if expression.lookup == "exact"
        else f"{expression.left}__{expression.lookup}"
    )
    condition = f"models.Q({lookup}={right})"
    if expression.negated:
        condition = f"~{condition}"
    name = check.name or db_name(
        domain,
        snake,
        expression.left,
        expression.lookup if not expression.negated else "ne",
        _identifier(right_name),
        suffix="check",
        limit=60,
    )
    message = check.message or (
        f"{words(expression.left).capitalize()} must be "
        f"{OPERATOR_WORDS[expression.operator]} {right_words}."
    )
    return call(
        "models.CheckConstraint(",
        [
            f"condition={condition}",
            f"name={string(name)}",
            # Django %-formats the message with the constraint's name: "100%" must stay text.
            f"violation_error_message={string(message.replace('%', '%%'))}",
        ],
        indent=12,
    ).lstrip()


def _identifier(text: str) -> str:
    return "".join(char if char.isalnum() else "_" for char in text.lower()).strip("_") or "x"


def _indexes(domain: str, m: DerivedModel) -> list[str]:
    """Indexes for the scoped queries: the scope field first, then each filter or sort key."""
    model, snake = m.spec, m.snake
    scope = [m.scope_field] if m.scope_field else []
    unique_leads = {
        (c.unique[0],) for c in model.constraints if isinstance(c, UniqueConstraintSpec)
    } | {(f,) for f, s in model.fields.items() if s.unique}
    wanted: list[list[str]] = []
    for index in model.indexes:
        wanted.append([*scope, *[f for f in index if f not in scope]])
    keys = [*model.filters, *model.ordering, *(t.lstrip("-") for t in model.default_ordering[:1])]
    for key in keys:
        if key in ("id", "pk") or (key,) in unique_leads:
            continue
        spec = model.fields.get(key)
        if spec is not None and spec.type == "foreign_key" and not scope:
            continue  # a foreign key has its own index
        if scope:
            wanted.append([*scope, key])
    result: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for fields in wanted:
        if tuple(fields) in seen or (len(fields) < 2 and fields[0] in SCOPE_FIELDS.values()):
            continue
        if any(len(other) > len(fields) and other[: len(fields)] == fields for other in wanted):
            continue  # a longer index with the same leading columns serves these queries too
        seen.add(tuple(fields))
        name = db_name(domain, snake, *fields, suffix="idx", limit=30)
        result.append(
            call(
                "models.Index(",
                [names_list("fields=", fields), f"name={string(name)}"],
                indent=12,
            ).lstrip()
        )
    return result
