"""Unique and check constraints, their names, and indexes."""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from scaffold._spec.checks._common import (
    SNAKE_CASE_TIP,
    Domain,
    KeyPath,
    Verdict,
    check_names,
    choice_values,
    spec_problem,
    unknown_name,
)
from scaffold._spec.checks.constants import (
    COMPARABLE_KINDS,
    DEFAULT_DECIMAL_PLACES,
    DEFAULT_MAX_DIGITS,
    IDENTIFIER,
    INTEGER_MAX,
    INTEGER_MIN,
    MAX_CONSTRAINT_NAME,
    NUMBER_TYPES,
)
from scaffold._spec.expressions import (
    CheckExpression,
    ExpressionError,
    comparison_holds,
    parse_check,
)
from scaffold._spec.schema import FieldSpec, ModelSpec, UniqueConstraintSpec
from scaffold.errors import SpecProblem


def check_constraints(
    domain: Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    for index, constraint in enumerate(model.constraints):
        where = (*path, "constraints", index)
        if isinstance(constraint, UniqueConstraintSpec):

            def verdict(name: str) -> Verdict:
                field = model.fields.get(name)
                if field is None:
                    return unknown_name("field", name, model.fields)
                if field.type in ("text", "json"):
                    return (
                        f"a {field.type} field cannot be part of a unique constraint",
                        "use a string field with a max_length to make it unique",
                    )
                return None

            yield from check_names((*where, "unique"), constraint.unique, verdict)
            if constraint.within == "global":
                yield from _check_global_unique(model, constraint, where)
        elif message := _check_expression_error(model, constraint.check):
            yield spec_problem((*where, "check"), message, CHECK_TIP)
        elif message := _default_breaks_check(model, constraint.check):
            yield spec_problem(
                (*where, "check"), message, "change the default or the check so they agree"
            )
        if constraint.name is not None:
            yield from _check_constraint_name(domain, constraint.name, (*where, "name"))


def _check_global_unique(
    model: ModelSpec, constraint: UniqueConstraintSpec, where: KeyPath
) -> Iterator[SpecProblem]:
    """``within: global`` takes the scope out of the constraint: not for a set that a foreign
    key already confines to one scope, nor one of a few values the whole table would share."""
    fields = [model.fields[name] for name in constraint.unique if name in model.fields]
    if any(field.type == "foreign_key" for field in fields):
        yield spec_problem(
            (*where, "within"),
            "a unique set with a foreign key cannot be global: the key's rows already belong "
            "to one scope",
            "remove `within: global`, or the foreign key from the set",
        )
    elif fields and all(field.type in ("choice", "boolean") for field in fields):
        yield spec_problem(
            (*where, "within"),
            "a global unique set of choices and booleans leaves the whole table a few rows",
            "remove `within: global`, or add a field with room for many values",
        )


def check_unique_sets_vary(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    """A unique set no create writes and none of whose fields may be null: every new row gets
    the same values (the defaults), so a scope holds one row and the next create is a 400."""
    # Without create fields the admin's add form asks for every field but the transitions'
    # (read-only: only transitions change them).
    moved = {transition.field for transition in model.transitions.values()}
    written = set(model.create_fields) or set(model.fields) - moved
    for where, names in _unique_groups(model, path):
        if any(
            name in written
            or (field := model.fields.get(name)) is None
            or field.null
            or not field.has_default  # reported as a required field the create leaves out
            for name in names
        ):
            continue
        shown = names[0] if len(names) == 1 else f"({', '.join(names)})"
        yield spec_problem(
            where,
            f"no create writes {shown}: every new row gets the same "
            f"{'value' if len(names) == 1 else 'values'}, so only one row could exist in each "
            "scope and the next create would be refused",
            f"add {names[0]} to the create fields (write), make it null: true, "
            "or remove the uniqueness",
        )


# Which orders of two values each comparison allows: less, equal, greater.
_ALLOWS = {
    "<": {"lt"},
    "<=": {"lt", "eq"},
    ">": {"gt"},
    ">=": {"gt", "eq"},
    "==": {"eq"},
    "!=": {"lt", "gt"},
}
_MIRRORED = {"lt": "gt", "eq": "eq", "gt": "lt"}


def _parsed_checks(model: ModelSpec) -> Iterator[tuple[int, CheckExpression]]:
    """Each check constraint that parses, with its index (check_constraints reports the rest)."""
    for index, constraint in enumerate(model.constraints):
        if isinstance(constraint, UniqueConstraintSpec):
            continue
        try:
            yield index, parse_check(constraint.check)
        except ExpressionError:
            continue


def check_field_comparisons_agree(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    """Checks comparing the same two fields that no row can satisfy together
    (``a <= b`` and ``a > b``): every write would be refused."""
    allowed: dict[tuple[str, str], set[str]] = {}
    for index, check in _parsed_checks(model):
        if check.right_field is None or check.operator not in _ALLOWS:
            continue
        pair = tuple(sorted((check.left, check.right_field)))
        orders = _ALLOWS[check.operator]
        if pair[0] != check.left:
            orders = {_MIRRORED[order] for order in orders}
        before = allowed.get(pair, {"lt", "eq", "gt"})
        allowed[pair] = before & orders
        if before and not allowed[pair]:
            yield spec_problem(
                (*path, "constraints", index, "check"),
                f"no row can satisfy this check together with the other checks comparing "
                f"'{pair[0]}' and '{pair[1]}': every write would be refused",
                "remove or correct one of the contradicting checks",
            )


def check_fields_keep_a_value(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    """Checks against constants that together leave a field no value (``state != 'a'`` and
    ``state != 'b'`` of choices a and b, ``count > 1`` with max 1): every write setting it
    would be refused (fuzz seed 100033)."""
    literal_checks: dict[str, list[tuple[int, CheckExpression]]] = {}
    for index, check in _parsed_checks(model):
        if check.right_field is None and check.left in model.fields:
            literal_checks.setdefault(check.left, []).append((index, check))
    for name, checks in literal_checks.items():
        if field_keeps_a_value(model.fields[name], [check for _, check in checks]):
            continue
        yield spec_problem(
            (*path, "constraints", checks[-1][0], "check"),
            f"no value of '{name}' satisfies this check together with the field's own "
            "choices, range and other checks: every write setting it would be refused",
            "remove or correct one of the checks, or widen the field",
        )


def field_keeps_a_value(field: FieldSpec, checks: list[CheckExpression]) -> bool:
    return field_value_count(field, checks) != 0


def field_value_count(field: FieldSpec, checks: list[CheckExpression]) -> int | None:
    """How many values the field's type, range and ``checks`` against constants leave it;
    None when there is no end to them (text, dates, foreign keys)."""
    if field.type in ("choice", "boolean"):
        values: list[object] = choice_values(field) if field.type == "choice" else [True, False]
        return sum(
            all(comparison_holds(value, check.operator, check.right_value) for check in checks)
            for value in values
        )
    if field.type not in NUMBER_TYPES:
        return None
    # Count in steps of the field (0.01 for two places): whole numbers from here on.
    if field.type == "decimal":
        places = DEFAULT_DECIMAL_PLACES if field.decimal_places is None else field.decimal_places
        widest = Decimal(10) ** (field.max_digits or DEFAULT_MAX_DIGITS) - 1
        low, high = -widest, widest
    else:
        places, low, high = 0, Decimal(INTEGER_MIN), Decimal(INTEGER_MAX)
    scale = Decimal(10) ** places
    bounds = [(">=", field.min), ("<=", field.max)]
    bounds += [(check.operator, check.right_value) for check in checks]
    excluded: set[Decimal] = set()
    for operator, bound in bounds:
        if bound is None or isinstance(bound, bool | str):
            continue
        value = Decimal(str(bound)) * scale
        floor = value.to_integral_value(ROUND_FLOOR)
        ceiling = value.to_integral_value(ROUND_CEILING)
        if operator in (">=", "==", ">"):
            low = max(low, floor + 1 if operator == ">" else ceiling)
        if operator in ("<=", "==", "<"):
            high = min(high, ceiling - 1 if operator == "<" else floor)
        if operator == "!=" and floor == value:
            excluded.add(value)
    if low > high:
        return 0
    return int(high - low + 1) - len({value for value in excluded if low <= value <= high})


def check_unique_sets_hold_two_rows(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    """A unique set whose fields can take one combination of values only (a decimal of two
    digits with max -99): a scope holds one row and every further create is a 400 (fuzz seed
    160114). A nullable field leaves room: null never clashes."""
    literal_checks: dict[str, list[CheckExpression]] = {}
    for _, check in _parsed_checks(model):
        if check.right_field is None:
            literal_checks.setdefault(check.left, []).append(check)
    for where, names in _unique_groups(model, path):
        fields = [model.fields.get(name) for name in names]
        if any(field is None or field.null for field in fields):
            continue
        counts = [
            field_value_count(f, literal_checks.get(n, []))
            for n, f in zip(names, fields, strict=True)
        ]
        if None in counts or 0 in counts or math.prod(c for c in counts if c) != 1:
            continue  # 0: check_fields_keep_a_value reports it
        shown = names[0] if len(names) == 1 else f"({', '.join(names)})"
        yield spec_problem(
            where,
            f"{shown} can take one value only (its range, digits, choices and checks allow no "
            "other), so only one row could exist in each scope and the next create would be "
            "refused",
            "widen the range (min, max, max_digits) or the choices, or remove the uniqueness",
        )


def _unique_groups(model: ModelSpec, path: KeyPath) -> list[tuple[KeyPath, list[str]]]:
    """Each unique set (a field's unique: true, a unique constraint) with where it is said."""
    groups: list[tuple[KeyPath, list[str]]] = [
        ((*path, "fields", name, "unique"), [name])
        for name, field in model.fields.items()
        if field.unique
    ]
    groups += [
        ((*path, "constraints", index, "unique"), list(constraint.unique))
        for index, constraint in enumerate(model.constraints)
        if isinstance(constraint, UniqueConstraintSpec)
    ]
    return groups


CHECK_TIP = (
    "write <field> <op> <field, number, 'text', true or false>, with op one of "
    ">=, >, <=, <, ==, !=; both sides of the same kind"
)


def _check_constraint_name(domain: Domain, name: str, path: KeyPath) -> Iterator[SpecProblem]:
    if not IDENTIFIER.fullmatch(name):
        yield spec_problem(
            path,
            f"constraint name {name!r} must be lowercase snake_case",
            SNAKE_CASE_TIP,
        )
    elif len(name) > MAX_CONSTRAINT_NAME:
        yield spec_problem(
            path,
            f"constraint name is longer than {MAX_CONSTRAINT_NAME} characters",
            "shorten it, or leave the name out: scaffold derives one that fits",
        )
    elif name in domain.constraint_names:
        yield spec_problem(
            path,
            f"constraint name '{name}' is already used by {domain.constraint_names[name]}",
            "constraint names are unique in the database; choose another",
        )
    else:
        domain.constraint_names[name] = ".".join(str(part) for part in path[1:-1])


def _check_expression_error(model: ModelSpec, text: str) -> str | None:
    try:
        check = parse_check(text)
    except ExpressionError as exc:
        return str(exc)
    left = model.fields.get(check.left)
    if left is None:
        return unknown_name("field", check.left, model.fields)[0]
    if check.right_field is not None:
        right = model.fields.get(check.right_field)
        if right is None:
            return unknown_name("field", check.right_field, model.fields)[0]
        if _kind(left) is None or _kind(left) != _kind(right):
            return (
                f"cannot compare '{check.left}' ({left.type}) with '{check.right_field}' "
                f"({right.type}); compare numbers, dates or datetimes of the same kind"
            )
        return None
    value = check.right_value
    expected: tuple[str, ...]
    if isinstance(value, bool):
        expected, what = ("boolean",), "true or false"
    elif isinstance(value, str):
        expected, what = ("string", "choice", "email", "url"), "a text"
    else:
        expected, what = NUMBER_TYPES, "a number"
    if left.type not in expected:
        return f"'{check.left}' is a {left.type} field and cannot be compared with {what}"
    if left.type == "choice" and value not in choice_values(left):
        choices = ", ".join(choice_values(left))
        return f"'{value}' is not one of the choices of '{check.left}': {choices}"
    return None


def _default_breaks_check(model: ModelSpec, text: str) -> str | None:
    """A default the check refuses makes every row that relies on it a 400 (or, for a field
    the API does not write, every create); a checked spec says so instead."""
    check = parse_check(text)
    left = model.fields[check.left]
    if not left.has_default or left.default is None or left.type not in _CHECKED_DEFAULTS:
        return None
    if check.right_field is not None:
        right_field = model.fields[check.right_field]
        if not right_field.has_default or right_field.default is None:
            return None
        right, shown = right_field.default, True
    else:
        right, shown = check.right_value, False
    left_value: object = left.default
    if left.type in NUMBER_TYPES:
        left_value, right = Decimal(str(left_value)), Decimal(str(right))
    if comparison_holds(left_value, check.operator, right):
        return None
    if shown:
        return (
            f"the defaults of '{check.left}' ({left.default}) and '{check.right_field}' "
            f"({right}) break this check: every row that keeps both would be refused"
        )
    return (
        f"the default of '{check.left}' ({left.default}) breaks this check: "
        "every row that keeps the default would be refused"
    )


# Types whose defaults compare as the database does (numbers, text, choices, booleans).
_CHECKED_DEFAULTS = (*NUMBER_TYPES, "string", "choice", "email", "url", "boolean")


def _kind(field: FieldSpec) -> str | None:
    return COMPARABLE_KINDS.get(field.type)


def check_indexes(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    indexable = [*model.fields, "created_at", "updated_at"]
    seen: dict[tuple[str, ...], int] = {}
    for index, names in enumerate(model.indexes):
        where = (*path, "indexes", index)
        if not names:
            yield spec_problem(
                where, "an index needs at least one field", "name its fields, or remove it"
            )
            continue
        if tuple(names) in seen:
            yield spec_problem(
                where, f"the same index as indexes.{seen[tuple(names)]}", "remove the repeat"
            )
            continue
        seen[tuple(names)] = index

        def verdict(name: str) -> Verdict:
            if name not in indexable:
                return unknown_name("field", name, indexable)
            field = model.fields.get(name)
            if field is not None and field.type in ("text", "json"):
                # MariaDB indexes no TEXT or JSON column without a prefix length (error 1071
                # or 1170 in the migration; fuzz seed 172014).
                return (
                    f"a {field.type} field cannot be in an index: MariaDB cannot index it",
                    "index a string field with a max_length instead, or leave it out",
                )
            return None

        yield from check_names(where, names, verdict)
