"""A model's Meta: unique and check constraints, indexes for the scoped queries, ordering."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.fields import bound
from scaffold._context.pycode import call, literal, names_list, string
from scaffold._context.relations import SCOPE_FIELDS
from scaffold._spec.expressions import parse_check
from scaffold._spec.naming import db_name, words
from scaffold._spec.schema import (
    CheckConstraintSpec,
    FieldSpec,
    ModelSpec,
    UniqueConstraintSpec,
)

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
    for field, spec in model.fields.items():
        low, high = range_bounds(model, field)
        if low is not None or high is not None:
            constraints.append(_range_constraint(domain, snake, field, spec, low, high))
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
            f"violation_error_message={string(percent_escaped(message))}",
        ],
        indent=12,
    ).lstrip()


def range_constraint_name(domain: str, snake: str, field: str) -> str:
    """``clinic_appointment_minutes_range``; long names end in a hash, within 60 characters
    (PostgreSQL keeps 63, MariaDB 64)."""
    return db_name(domain, snake, field, suffix="range", limit=60)


def range_bounds(model: ModelSpec, field: str) -> tuple[Any, Any]:
    """The min and max a field's range constraint holds (None: no such bound, or one the
    spec's own checks already state, like ``amount >= 0``)."""
    spec = model.fields[field]
    if spec.type not in ("integer", "decimal"):
        return None, None
    stated = _stated_bounds(model)
    low = None if (field, "gte", spec.min) in stated else spec.min
    high = None if (field, "lte", spec.max) in stated else spec.max
    return low, high


def _stated_bounds(model: ModelSpec) -> set[tuple[str, str, Any]]:
    """(field, lookup, value) of the spec's checks against a number (``amount >= 0``)."""
    stated = set()
    for check in model.constraints:
        if isinstance(check, CheckConstraintSpec):
            expression = parse_check(check.check)
            value = expression.right_value
            if expression.right_field is None and not isinstance(value, bool | str | None):
                stated.add((expression.left, expression.lookup, value))
    return stated


def _range_constraint(
    domain: str, snake: str, field: str, spec: FieldSpec, low: Any, high: Any
) -> str:
    """A field's min/max in the database too: a bulk import or a data migration cannot store
    what the API refuses (the validators still answer first, naming the field). A bound the
    spec's own checks state already is left to them."""
    bounds = []
    if low is not None:
        bounds.append(f"{field}__gte={bound(spec, low)}")
    if high is not None:
        bounds.append(f"{field}__lte={bound(spec, high)}")
    label = (spec.verbose_name or words(field)).capitalize()
    if low is not None and high is not None:
        message = f"{label} must be between {low} and {high}."
    elif low is not None:
        message = f"{label} must be greater than or equal to {low}."
    else:
        message = f"{label} must be less than or equal to {high}."
    return call(
        "models.CheckConstraint(",
        [
            call("condition=models.Q(", bounds, indent=16).lstrip(),
            f"name={string(range_constraint_name(domain, snake, field))}",
            f"violation_error_message={string(percent_escaped(message))}",
        ],
        indent=12,
    ).lstrip()


def percent_escaped(message: str) -> str:
    """Django %-formats a violation message with the constraint's name: "100%" must be "100%%"."""
    return message.replace("%", "%%")


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
