"""What the generated tests of one model need: factories, payloads, the access matrix, attacks."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal
from typing import Any, TypeVar

from scaffold._context.blank_uniques import TEXT_TYPES
from scaffold._context.derived import DerivedDomain, DerivedModel, UniqueSet
from scaffold._context.fields import (
    INT_MAX,
    INT_MIN,
    Target,
    choice_items,
    choices_class,
    decimal_shape,
    is_required,
    max_length,
)
from scaffold._context.meta import range_bounds, range_constraint_name
from scaffold._context.pycode import assignment, call, literal, string
from scaffold._context.samples import (
    FLIPPED,
    changed_value,
    default_only_fields,
    fit_decimal,
    float_safe_start,
    float_safe_step,
    forbidden_values,
    invalid_values,
    json_source,
    number_range,
    precise,
    python_source,
    sample_values,
    stored_default,
    violating_value,
)
from scaffold._spec.expressions import CheckExpression, comparison_holds, parse_check
from scaffold._spec.schema import CheckConstraintSpec, FieldSpec, ModelSpec, ParentScope

ORG_ROLES = {"member": 1, "admin": 2, "owner": 3}
SUCCESS = {
    "list": 200,
    "retrieve": 200,
    "create": 201,
    "update": 200,
    "partial_update": 200,
    "destroy": 204,
}
LIST_ROUTE = ("list", "create")
DETAIL_ROUTE = ("retrieve", "update", "partial_update", "destroy")
TENANT_PRINCIPALS = {
    "anonymous": None,
    "member_a": "member",
    "admin_a": "admin",
    "owner_a": "owner",
    "member_b": None,
    "admin_b": None,
    "owner_b": None,
    "staff": None,
}
PRINCIPALS = list(TENANT_PRINCIPALS)


def model_tests(domain: DerivedDomain, m: DerivedModel, context: dict[str, Any]) -> dict[str, Any]:
    name, model, targets, root = m.name, m.spec, m.targets, m.root
    values = sample_values(model)
    scope_var = m.scope_kwarg
    lookup = m.scope_lookup
    actions = _actions(model)
    spared = _spared_links(domain, m)
    # Payloads send a spared link empty, unless a unique set holds it: the duplicate tests
    # send it twice, and two empty ones never clash (fuzz seed 220009: unique [parent]).
    unique_fields = {f for u in m.unique_sets for f in u.fields}
    spared_in_payloads = spared - unique_fields
    reused = {field for field in targets if _reuses_link(domain, m, field)}
    return {
        "factory": f"{name}Factory",
        "factory_decls": _factory_decls(domain, m, values),
        # Optional links the factory leaves empty (few target rows to spare): the detail
        # test fills them in, so their nested output is still proven.
        "spared_links": {field: domain.target_row(targets[field], "scope") for field in spared},
        "scope_var": scope_var,
        "scope_param": {
            "tenant": "organization: Organization",
            "owner": "owner: User",
        }.get(root, ""),
        "own_row": _row(name, lookup, "scope"),
        # Rows the query-count tests make in one scope: as many as its unique sets allow.
        "list_rows": max(2, min(LIST_ROWS, _row_room(domain, m) or LIST_ROWS)),
        "admin_rows": max(2, min(ADMIN_ROWS, _admin_room(domain, m))),
        "other_row": _row(
            name, lookup, "other_scope", [f"{f}=own.{f}" for f in _collide_fields(m)]
        ),
        "hidden_ordering": next(
            (key for key in ("id", "created_at", "updated_at") if key not in model.ordering), None
        ),
        "shown_create_keys": [
            f
            for f in model.create_fields
            if f in context["output"]["field_names"]
            and f not in context["output"]["nested_keys"]
            and model.fields[f].type != "foreign_key"
        ],
        "collide_fields": _collide_fields(m),
        "create_payload": _payload(
            domain,
            model,
            model.create_fields,
            values,
            targets,
            scope_var,
            spared_in_payloads,
            reused,
            change=False,
        ),
        "update_payload": _payload(
            domain,
            model,
            model.update_fields,
            values,
            targets,
            scope_var,
            spared_in_payloads,
            reused,
            change=True,
        ),
        "update_changes": any(
            changed_value(model.fields[f], values[f], forbidden_values(model, f)) != values[f]
            for f in model.update_fields
            if f in values
        ),
        "create_kwargs": _kwargs(
            domain, model, values, targets, scope_var, spared_in_payloads, reused
        ),
        "actions": actions,
        "matrix": _matrix(root, model, actions),
        "transitions": [
            _transition(
                name, lookup, model, action, transition.field, transition.from_, transition.to
            )
            for action, transition in model.transitions.items()
        ],
        "forbidden_on_create": _forbidden(model, root, model.create_fields, values),
        "forbidden_on_update": _forbidden(model, root, model.update_fields, values),
        "invalid": [
            {"field": f, "case": case, "value": value}
            for f in model.create_fields
            for case, value in invalid_values(model.fields[f])
        ],
        "required": [f for f in model.create_fields if is_required(model.fields[f])],
        "unique_sets": _unique_sets(m, values),
        "blank_uniques": _blank_uniques(m, values),
        "ranges": _range_cases(domain, m),
        "race_unique": bool(model.roles.get("create")) and any(u.writable for u in m.unique_sets),
        "checks": _check_cases(model, values, json_source),
        "service_checks": _check_cases(model, values, python_source),
        "fk_injection": [
            {"field": f, "other_row": _target_row(domain, targets[f], "other_scope")}
            for f in model.create_fields
            if model.fields[f].type == "foreign_key" and targets[f].selector
        ],
        "admin_fk_scoping": [
            {
                "field": f,
                "own_row": _target_row(domain, targets[f], "scope"),
                "other_row": _target_row(domain, targets[f], "other_scope"),
            }
            for f, field_spec in model.fields.items()
            if field_spec.type == "foreign_key"
            and targets[f].local
            and targets[f].root in ("tenant", "owner")
        ],
        "fk_filters": [
            {"field": f, "other_row": _target_row(domain, targets[f], "other_scope")}
            for f in model.filters
            if model.fields[f].type == "foreign_key" and targets[f].selector
        ],
        "protected_by": _protected_by(m),
        "related_for_queries": [
            {"field": f, "row": _target_row(domain, targets[f], "scope")}
            for f in context["select_related"]
        ],
    }


def _row(name: str, lookup: str | None, scope: str, extra: list[str] | None = None) -> str:
    args = [] if lookup is None else [f"{lookup}={scope}"]
    return f"{name}Factory({', '.join([*args, *(extra or [])])})"


def _target_row(domain: DerivedDomain, target: Target, scope: str, *, reuse: bool = False) -> str:
    return domain.target_row(target, scope, reuse=reuse)


def _actions(model: ModelSpec) -> list[dict[str, Any]]:
    """Every action the matrix checks: the CRUD ones (offered or not) and each transition."""
    result = []
    offered = model.roles
    for action in ("list", "retrieve", "create", "update", "partial_update", "destroy"):
        key = "update" if action == "partial_update" else action
        route = LIST_ROUTE if action in LIST_ROUTE else DETAIL_ROUTE
        # The router makes a route only for the actions a ViewSet has: a transition is a
        # route of its own, so without retrieve, update or destroy the detail route is gone.
        route_exists = any(("update" if a == "partial_update" else a) in offered for a in route)
        result.append(
            {
                "name": action,
                "role": offered.get(key),
                "success": SUCCESS[action],
                "route_exists": route_exists,
                "detail": action in DETAIL_ROUTE,
            }
        )
    for transition, spec in model.transitions.items():
        result.append(
            {
                "name": transition,
                "role": offered.get(transition, spec.role),
                "success": 200,
                "route_exists": True,
                "detail": True,
            }
        )
    return result


def _matrix(root: str, model: ModelSpec, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for principal in PRINCIPALS:
        for action in actions:
            rows.append(
                {
                    "principal": principal,
                    "action": action["name"],
                    "expected": _expected(root, principal, action),
                }
            )
    return rows


def _expected(root: str, principal: str, action: dict[str, Any]) -> int:
    if not action["route_exists"]:
        return 404
    role = action["role"]
    anonymous = principal == "anonymous"
    if root == "tenant":
        if anonymous:
            return 401
        own_role = TENANT_PRINCIPALS[principal]
        if own_role is None:
            return 404  # not a member: the organization itself is not found
        if role is None:
            return 405
        return action["success"] if ORG_ROLES[own_role] >= ORG_ROLES[role] else 403
    if root == "owner":
        if anonymous:
            return 401
        if role is None:
            return 405
        if principal == "member_a" or not action["detail"]:
            return action["success"]
        return 404  # another user's row does not exist for them
    if role is None:
        return 405
    if role == "public":
        return action["success"]
    if anonymous:
        return 401
    if role == "staff" and principal != "staff":
        return 403
    return action["success"]


def _transition(
    name: str,
    lookup: str | None,
    model: ModelSpec,
    action: str,
    field: str,
    sources: list[str],
    target: str,
) -> dict[str, Any]:
    illegal = _illegal_state(model, field, sources, target)
    return {
        "name": action,
        "field": field,
        "from": sources[0],
        "to": target,
        "illegal": illegal,
        "row_from": _row(name, lookup, "scope", [f"{field}={string(sources[0])}"]),
        "row_illegal": _row(name, lookup, "scope", [f"{field}={string(illegal or '')}"]),
    }


def _illegal_state(model: ModelSpec, field: str, sources: list[str], target: str) -> str | None:
    for value, _ in choice_items(model.fields[field]):
        if value not in sources and value != target:
            return value
    return target if target not in sources else None


# Digits and lowercase letters: distinct under the case-insensitive collations of MariaDB.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
# What a unique one-character string's sequence takes: the alphabet without the payloads'
# values, "n" of the "new ..." a create sends and "c" of the "changed ..." an update sends
# (fuzz seed 230015: the own row held the update's "c", so the update changed nothing).
_ONE_CHARACTER = "".join(c for c in _ALPHABET if c not in "nc")
# Rows of one scope the list and admin changelist query-count tests make (fewer when the
# model's unique sets cannot hold that many, e.g. a unique choice of three values).
LIST_ROWS = 25
ADMIN_ROWS = 13

_SEQUENCE_FIRST = (
    "string",
    "email",
    "url",
    "uuid",
    "text",
    "integer",
    "decimal",
    "date",
    "datetime",
)


def _sequenced_fields(m: DerivedModel) -> set[str]:
    """One field per unique set takes a factory sequence: enough to keep rows apart.

    Fields named by check constraints are the last choice, so a sequence never walks a value
    past a bound another field sets (``died_on >= born_on``).
    """
    checked = {
        name
        for c in m.spec.constraints
        if isinstance(c, CheckConstraintSpec)
        for name in _check_fields(c.check)
    }
    chosen: set[str] = set()
    for unique in m.unique_sets:
        if any(f in chosen for f in unique.fields):
            continue
        candidates = [f for f in unique.fields if m.spec.fields[f].type != "foreign_key"]
        candidates.sort(
            key=lambda f: (
                f in checked,
                # A field with room for few values (a decimal whose range holds one) cannot
                # keep the rows a test makes apart: the roomiest one goes first.
                -min(_sequence_room(m.spec.fields[f]), _ENOUGH_ROOM),
                _SEQUENCE_FIRST.index(m.spec.fields[f].type)
                if m.spec.fields[f].type in _SEQUENCE_FIRST
                else len(_SEQUENCE_FIRST),
            )
        )
        if candidates:
            chosen.add(candidates[0])
    return chosen


# More distinct values than any generated test makes rows of one model.
_ENOUGH_ROOM = 1000


@precise
def _sequence_room(spec: FieldSpec) -> int:
    """How many distinct values a factory sequence of the field can take."""
    if spec.type in ("string", "text"):
        limit = max_length(spec) or 1000
        if limit == 1:
            return len(_ONE_CHARACTER)  # as _string_sequence makes them
        return _ENOUGH_ROOM if limit >= 4 else 16**limit
    if spec.type in ("integer", "decimal"):
        low, high = number_range(spec)
        if high is None:
            return _ENOUGH_ROOM
        step = Decimal(1) if spec.type == "integer" else Decimal(1).scaleb(-decimal_shape(spec)[1])
        return max(int((high - low) / step), 1)  # the payloads' value is left out
    if spec.type == "boolean":
        return 2
    if spec.type == "choice":
        return len(choice_items(spec))
    return _ENOUGH_ROOM  # email, url, uuid, date, datetime


def _check_fields(text: str) -> list[str]:
    expression = parse_check(text)
    return [expression.left, *([expression.right_field] if expression.right_field else [])]


def _string_sequence(field: str, limit: int, forbidden: tuple[Any, ...] = ()) -> str:
    """Distinct strings of at most ``limit`` characters: ``field-<n>``, else ``n`` in few digits.

    Lowercase only, so MariaDB's case-insensitive collations see them as distinct too; never
    a value a ``field != 'x'`` check forbids (one character: never the payloads' either).
    """
    prefix = field[: max(0, min(len(field), limit - 7))]
    if prefix:
        return f'factory.Sequence(lambda n: f"{prefix}-{{n}}")'
    if limit == 1:
        characters = "".join(c for c in _ONE_CHARACTER if c not in forbidden)
        return f"factory.Sequence(lambda n: {string(characters)}[n % {len(characters)}])"
    return f'factory.Sequence(lambda n: f"{{n % {16**limit}:x}}")'


def _factory_value(
    field: str, spec: FieldSpec, value: Any, sequenced: bool, checks: list[CheckExpression]
) -> str:
    if sequenced:
        if spec.type in ("string", "text"):
            forbidden = tuple(
                c.right_value
                for c in checks
                if c.left == field and c.operator == "!=" and c.right_field is None
            )
            return _string_sequence(field, max_length(spec) or 1000, forbidden)
        if spec.type == "email":
            limit = max_length(spec) or 254
            if len(f"{field}999999@example.com") <= limit:
                return f'factory.Sequence(lambda n: f"{field}{{n}}@example.com")'
            return 'factory.Sequence(lambda n: f"{n}@e.co")'
        if spec.type == "url":
            limit = max_length(spec) or 200
            if len(f"https://example.com/{field}/999999") <= limit:
                return f'factory.Sequence(lambda n: f"https://example.com/{field}/{{n}}")'
            return 'factory.Sequence(lambda n: f"http://e.co/{n}")'
        if spec.type == "uuid":
            return "factory.LazyFunction(uuid.uuid4)"
        if spec.type in ("integer", "decimal"):
            return _number_sequence(spec, [c for c in checks if c.left == field], value)
        if spec.type in ("date", "datetime"):
            # Away from a bound a check sets (see _pinned_checks): earlier under a "<=".
            below = any(
                c.left == field and c.right_field is None and c.operator in ("<", "<=")
                for c in checks
            )
            sign = "-" if below else "+"
            return (
                f"factory.Sequence(lambda n: {python_source(value)} {sign} "
                "datetime.timedelta(days=n))"
            )
    if spec.type == "json":
        return f"factory.LazyFunction(lambda: {literal(value)})"
    return python_source(value)


@precise
def _number_grid(spec: FieldSpec, checks: list[CheckExpression]) -> tuple[Decimal, Decimal, int]:
    """The values a sequence of the field walks: ``count`` of them from ``start`` in ``step``s,
    inside its range and digits and what the model's checks against a constant allow
    (``request > 100`` with min 100)."""
    low, high = number_range(spec)
    step = Decimal(1)
    if spec.type == "decimal":
        step = Decimal(1).scaleb(-decimal_shape(spec)[1])
    for check in checks:
        value = check.right_value
        if check.right_field is not None or isinstance(value, bool | str) or value is None:
            continue
        bound = Decimal(value)
        if check.operator in (">", ">="):
            low = max(low, bound + step if check.operator == ">" else bound)
        elif check.operator in ("<", "<="):
            below = bound - step if check.operator == "<" else bound
            high = below if high is None else min(high, below)
        elif check.operator == "!=" and low <= bound and (high is None or bound <= high):
            # Keep to the larger side of the one value the check forbids.
            if high is not None and bound - low > high - bound:
                high = bound - step
            else:
                low = bound + step
    if spec.type == "integer":
        from_one = spec.min is None and not checks and (high is None or high >= 1000)
        start = Decimal(1) if from_one else low.to_integral_value(rounding=ROUND_CEILING)
        if high is None and start > INT_MAX - 10**6:
            high = Decimal(INT_MAX)  # wrap inside the column (fuzz seed 91005: min 2**31 - 1)
        if high is None:
            return start, step, -1  # no end
        return start, step, max(int(high - start) + 1, 0)
    start = float_safe_start(low.quantize(step, rounding=ROUND_CEILING), high)
    end = high if high is not None else start + 10**6
    # Values SQLite tells apart (a float there): 1e12 + 0.0001 would be stored as 1e12, and
    # a bound + 1e-38 as the bound (fuzz seeds 90009, 1549).
    step = float_safe_step(max(abs(start), abs(end)), step)
    return start, step, max(min(int((end - start) / step) + 1, 10**6), 0)


# A unique number of at most this many values cycles through them scope by scope, as a
# choice does: a session-wide sequence would leave a scope short of them.
CYCLED_NUMBERS = 8


def _cycled_number(spec: FieldSpec, checks: list[CheckExpression]) -> bool:
    if spec.type not in ("integer", "decimal"):
        return False
    count = _number_grid(spec, checks)[2]
    return 0 < count <= CYCLED_NUMBERS


@precise
def _number_sequence(spec: FieldSpec, checks: list[CheckExpression], sent: Any) -> str:
    """Distinct values on the field's grid (see _number_grid), wrapping around when it is
    small, and never ``sent``, the payloads' value: a row of the scope holding it would make
    the create a 400 (fuzz seed 160068: quota 1..5 cycled onto the create's 5)."""
    start, step, count = _number_grid(spec, checks)
    index = None
    if sent is not None and count != 0:
        offset = (Decimal(str(sent)) - start) / step
        if offset == offset.to_integral_value() and offset >= 0 and (count < 0 or offset < count):
            index = int(offset)
    if spec.type == "integer":
        first = int(start)
        if count < 0:
            # No end: start past the payloads' value.
            first = max(first, int(sent) + 1) if index is not None else first
            return f"factory.Sequence(lambda n: n + {first})"
        if index is None or count < 2:
            return f"factory.Sequence(lambda n: n % {count} + {first})"
        if index == count - 1:
            return f"factory.Sequence(lambda n: n % {count - 1} + {first})"
        if index == 0:
            return f"factory.Sequence(lambda n: n % {count - 1} + {first + 1})"
        return f"factory.Sequence(lambda n: (n % {count - 1} + {index + 1}) % {count} + {first})"
    if index is None or count < 2:
        walk = f"n % {count}"
    elif index == count - 1:
        walk = f"n % {count - 1}"
    else:
        walk = f"(n % {count - 1} + {index + 1}) % {count}"
    return f"factory.Sequence(lambda n: {literal(start)} + {walk} * {literal(step)})"


def _factory_decls(domain: DerivedDomain, m: DerivedModel, values: dict[str, Any]) -> list[str]:
    model = m.spec
    decls = []
    if m.scope_field:
        factory_name = "OrganizationFactory" if m.root == "tenant" else "UserFactory"
        decls.append(f"{m.scope_field} = factory.SubFactory({factory_name})")
    sequenced = _sequenced_fields(m)
    checks = [parse_check(c.check) for c in model.constraints if isinstance(c, CheckConstraintSpec)]
    followers = _sequence_followers(model, sequenced, checks, values)
    followers = {f: v for f, v in followers.items() if f not in default_only_fields(model)}
    bounded = [*checks, *_pinned_checks(model, sequenced, checks, values)]
    for field, field_spec in model.fields.items():
        if field_spec.type == "foreign_key":
            decls.append(_factory_relation(domain, m, field, field_spec))
            continue
        if field in followers:
            decls.append(f"{field} = {followers[field]}")
            continue
        if _left_null(field_spec, field in sequenced):
            continue
        cycled = field_spec.type in ("choice", "boolean") or _cycled_number(
            field_spec, [c for c in bounded if c.left == field]
        )
        if cycled and field in sequenced:
            decls.append(f"{field} = {_cycle(m, field, values[field], bounded)}")
            continue
        decls.append(
            f"{field} = "
            + _factory_value(field, field_spec, values[field], field in sequenced, bounded)
            if field_spec.type != "choice"
            else f"{field} = {_choice_member(m, field, values[field])}"
        )
    return decls


def _pinned_checks(
    model: ModelSpec, sequenced: set[str], checks: list[CheckExpression], values: dict[str, Any]
) -> list[CheckExpression]:
    """A sequenced field's checks against a field held at one value while the sequenced one
    keeps the factory's: a default the create leaves (the admin's add form and the API keep
    it; fuzz seed 160167: ``visits <= title``, visits walking past title's default), or a
    field the update payload sets and the sequenced one is not in (fuzz seed 180029: ``size
    <= note``, the update setting note below the own row's size). As checks against that
    value, so the sequence stays on its allowed side."""
    fixed = {f: stored_default(model.fields[f]) for f in default_only_fields(model)}
    updated = set(model.update_fields)
    pinned = []
    for check in checks:
        if check.right_field is None:
            continue
        sides = [(check.left, check.operator, check.right_field)]
        sides.append((check.right_field, FLIPPED[check.operator], check.left))
        for left, operator, right in sides:
            if left not in sequenced:
                continue
            if right in fixed:
                value = fixed[right]
            elif right in updated and left not in updated and right in values:
                spec = model.fields[right]
                value = changed_value(spec, values[right], forbidden_values(model, right))
            else:
                continue
            pinned.append(CheckExpression(left=left, operator=operator, right_value=value))
    return pinned


def _left_null(spec: FieldSpec, sequenced: bool) -> bool:
    """Does the factory leave the field out (so null)?"""
    return spec.type != "foreign_key" and spec.null and not is_required(spec) and not sequenced


def _sequence_followers(
    model: ModelSpec, sequenced: set[str], checks: list[CheckExpression], values: dict[str, Any]
) -> dict[str, str]:
    """Factory declarations that keep a field compared with a sequenced one at the sample
    values' distance from it: the sequence would walk past a fixed value (fuzz seed 101028:
    ``visits != label``, label sequenced from the day before visits)."""
    followers: dict[str, str] = {}
    for check in checks:
        pairs = ((check.left, check.right_field), (check.right_field, check.left))
        for follower, leader in pairs:
            if leader not in sequenced or follower in sequenced or follower in followers:
                continue
            spec, leader_spec = model.fields.get(follower), model.fields.get(leader or "")
            if spec is None or leader_spec is None or spec.type != leader_spec.type:
                continue
            if spec.type not in ("integer", "decimal", "date", "datetime"):
                continue
            if spec.min is not None or spec.max is not None:
                continue  # a distance from the sequence could leave the field's range
            if spec.type == "decimal" and decimal_shape(spec) != decimal_shape(leader_spec):
                continue  # the sum would be rounded to the follower's places
            if spec.null and not is_required(spec):
                continue  # left null: a comparison with null passes
            distance = _distance_source(values[follower] - values[leader])
            followers[follower] = f"factory.LazyAttribute(lambda row: row.{leader} + {distance})"
    return followers


def _distance_source(distance: Any) -> str:
    if isinstance(distance, dt.timedelta):
        return f"datetime.timedelta(seconds={int(distance.total_seconds())})"
    return python_source(distance)


def _choice_member(m: DerivedModel, field: str, value: Any) -> str:
    return f"{m.name}.{choices_class(field)}.{str(value).upper()}"


def _cycle_values(
    m: DerivedModel, field: str, sample: Any, checks: list[CheckExpression]
) -> list[Any]:
    """The values of a choice, boolean or few-valued number every check against a constant
    allows: a unique one cycles through them, row after row. The values the payloads send
    come last, the create's (``sample``) the very last (fuzz seed 120000: a create collided
    with a row)."""
    spec = m.spec.fields[field]
    every: list[Any]
    if spec.type == "boolean":
        every = [True, False]
    elif spec.type == "choice":
        every = [v for v, _ in choice_items(spec)]
    else:
        start, step, count = _number_grid(spec, [c for c in checks if c.left == field])
        every = [_grid_value(spec, start + step * i) for i in range(count)]
    allowed = [
        value
        for value in every
        if all(
            comparison_holds(value, c.operator, c.right_value)
            for c in checks
            if c.left == field and c.right_field is None
        )
    ]
    if sample is None:
        return allowed
    changed = changed_value(spec, sample, forbidden_values(m.spec, field))
    sent = list(dict.fromkeys([changed, sample]))
    return [*(v for v in allowed if v not in sent), *(v for v in sent if v in allowed)]


def _grid_value(spec: FieldSpec, value: Decimal) -> int | Decimal:
    return int(value) if spec.type == "integer" else fit_decimal(spec, value)


def _cycle(m: DerivedModel, field: str, sample: Any, checks: list[CheckExpression]) -> str:
    """A unique choice, boolean or few-valued number: each row takes the first value its
    scope has not used yet.

    A session-wide sequence would skip the values rows of another scope took, so a scope's
    few values ran out early (fuzz seed 150009, and the clinic's Shift: the own row took
    the create's value).
    """
    values = _cycle_values(m, field, sample, checks)
    if m.spec.fields[field].type == "choice":
        shown = [_choice_member(m, field, v) for v in values]
    else:
        shown = [literal(v) for v in values]
    if len(shown) == 1:
        return shown[0]
    sequenced = _sequenced_fields(m)
    scopes = [
        "{" + ", ".join(f"{string(f)}: row.{f}" for f in others) + "}"
        for u in m.unique_sets
        if field in u.fields
        # A set with a field the factory leaves null never clashes, and the row has no
        # such attribute to read (fuzz seed 160036: unique [rank, price], price null).
        if not any(
            _left_null(m.spec.fields[f], f in sequenced) for f in u.fields if f in m.spec.fields
        )
        for others in [[f for f in [*u.scope_fields, *u.fields] if f != field]]
    ]
    args = [m.name, string(field), call("[", shown, tail="]"), *scopes]
    return "factory.LazyAttribute(" + call("lambda row: unused_value(", args) + ")"


_Answer = TypeVar("_Answer")


def _memoized(
    question: Callable[..., _Answer],
) -> Callable[..., _Answer]:
    """Ask a question of a model once per domain: the room questions recurse through the
    foreign keys and ask each other again, exponentially often on a large domain."""

    @functools.wraps(question)
    def ask(domain: DerivedDomain, m: DerivedModel, *args: Any, **kwargs: Any) -> _Answer:
        key = (question.__name__, m.name, args, tuple(sorted(kwargs.items())))
        if key not in domain.memo:
            domain.memo[key] = question(domain, m, *args, **kwargs)
        answer: _Answer = domain.memo[key]
        return answer

    return ask


def _admin_room(domain: DerivedDomain, m: DerivedModel) -> int:
    """The admin test adds a row of another scope with each of its own: the factory's
    sequence (global) gives every other value to that one."""
    room = _row_room(domain, m)
    return ADMIN_ROWS if room is None else (room + 1) // 2


@_memoized
def _row_room(
    domain: DerivedDomain,
    m: DerivedModel,
    seen: frozenset[str] = frozenset(),
    *,
    reuse: bool = True,
) -> int | None:
    """How many rows of one scope the factory can make before a unique set repeats (None:
    no limit). Each row also makes a row of every model it points to, in the same scope, and
    those theirs (fuzz seed 90065: two keys to a model with 36 values of room, 25 rows): each
    model's room is shared by all the rows of it one row makes (fuzz seed 190080: a shipment
    made four rows of one model, one directly and three through its prescription). A child's
    rows each get a parent of their own, so its own unique sets (the parent leads them) never
    run out, unless it is unique across scopes (fuzz seed 200091: a child's global price of
    nine values, 25 rows)."""
    room = None
    for model, count in _rows_made(domain, m, seen, reuse=reuse).values():
        own = _own_room(model, across_scopes_only=bool(model.parent_field))
        if own is not None:
            room = own // count if room is None else min(room, own // count)
    return room


@_memoized
def _rows_made(
    domain: DerivedDomain, m: DerivedModel, seen: frozenset[str], *, reuse: bool = True
) -> dict[str, tuple[DerivedModel, int]]:
    """The rows one factory row of ``m`` makes in its scope, itself included, by model (a
    reused link's row is the scope's one, made once: it counts for none)."""
    here = f"{domain.name}.{m.name}"
    made: dict[str, tuple[DerivedModel, int]] = {here: (m, 1)}
    for field, target in m.targets.items():
        pointed = _target_model(domain, target)
        if pointed is None or _qualified(target) in seen:
            continue
        if _spares_optional_link(domain, m, field, seen):
            continue
        if reuse and _reuses_link(domain, m, field, seen):
            continue
        where = domain if target.local else domain.other(target.app)
        assert where is not None  # _target_model found it
        for key, (model, count) in _rows_made(where, pointed, seen | {here}).items():
            made[key] = (model, made.get(key, (model, 0))[1] + count)
    return made


def _target_model(domain: DerivedDomain, target: Target) -> DerivedModel | None:
    """The model a foreign key points to, in this domain or a known other one (not the user)."""
    if target.local:
        return domain.models.get(target.model)
    other = domain.other(target.app) if target.app else None
    return other.models.get(target.model) if other is not None else None


def _qualified(target: Target) -> str:
    return f"{target.app}.{target.model}"


def _spared_links(domain: DerivedDomain, m: DerivedModel) -> set[str]:
    """Optional links the factory leaves empty, and the payloads too: each payload link makes
    a row of its own, past the room the target's unique sets leave a scope (fuzz seed 200090:
    three links to a model with a unique choice of three values, and the own row's fourth)."""
    return {
        field
        for field, target in m.targets.items()
        if target.root != "user" and _spares_optional_link(domain, m, field)
    }


@_memoized
def _spares_optional_link(
    domain: DerivedDomain, m: DerivedModel, field: str, seen: frozenset[str] = frozenset()
) -> bool:
    """Does the factory leave an optional foreign key empty, because its model's unique sets
    leave a scope too little room for every link of the rows a test makes? (fuzz seed 120036:
    a unique choice of two allowed values, and each row of a child pointed to three.)"""
    spec, target = m.spec.fields[field], m.targets[field]
    if not (spec.null and not is_required(spec)) or field == m.parent_field:
        return False
    pointed = _target_model(domain, target)
    if pointed is None or _qualified(target) in seen:
        return False
    where = domain if target.local else domain.other(target.app)
    assert where is not None  # _target_model found it
    room = _row_room(where, pointed, seen | {f"{domain.name}.{m.name}"})
    links = sum(1 for t in m.targets.values() if _qualified(t) == _qualified(target))
    return room is not None and room < LIST_ROWS * links


@_memoized
def _reuses_link(
    domain: DerivedDomain, m: DerivedModel, field: str, seen: frozenset[str] = frozenset()
) -> bool:
    """Does the factory link a required foreign key to the scope's existing row of its model
    (row_in_scope) rather than make one per row? Only where a row of its own each time would
    leave a scope room for fewer than two rows, as the tests make (fuzz seed 201026: each
    patient made two rows of a batch with a unique choice of three values, through its
    appointment and through its query). A key in a unique set is shared only where a field
    the factory sequences keeps the set's rows apart (fuzz seed 240042: ``[vendor, code]``,
    code sequenced), never in a set of keys alone, whose rows must differ in it."""
    spec, target = m.spec.fields[field], m.targets[field]
    if target.root == "user" or field == m.parent_field or (spec.null and not is_required(spec)):
        return False
    sequenced = _sequenced_fields(m)
    for unique in m.unique_sets:
        if field in unique.fields and not sequenced & set(unique.fields):
            return False
    pointed = _target_model(domain, target)
    if pointed is None or _qualified(target) in seen:
        return False
    fresh = _row_room(domain, m, seen, reuse=False)
    if fresh is None or fresh >= 2:
        return False
    where = domain if target.local else domain.other(target.app)
    assert where is not None  # _target_model found it
    return _row_room(where, pointed, seen | {f"{domain.name}.{m.name}"}) is not None


def _own_room(m: DerivedModel, *, across_scopes_only: bool = False) -> int | None:
    sequenced = _sequenced_fields(m)
    checks = [
        parse_check(c.check) for c in m.spec.constraints if isinstance(c, CheckConstraintSpec)
    ]
    room: int | None = None
    for unique in m.unique_sets:
        if any(m.spec.fields[f].type == "foreign_key" for f in unique.fields):
            continue
        if across_scopes_only and not unique.across_scopes:
            continue
        chosen = next((f for f in unique.fields if f in sequenced), None)
        if chosen is None:
            return 1
        spec = m.spec.fields[chosen]
        if spec.type in ("choice", "boolean") or _cycled_number(
            spec, [c for c in checks if c.left == chosen]
        ):
            size = len(_cycle_values(m, chosen, None, checks)) or 1
        else:
            size = _sequence_room(spec)
        room = size if room is None else min(room, size)
    return room


def _factory_relation(domain: DerivedDomain, m: DerivedModel, field: str, spec: FieldSpec) -> str:
    """A related row in the row's own scope; optional foreign keys are filled in too, so reads
    and admin pages are tested with the related row there."""
    target, parent, lookup = m.targets[field], m.parent_field, m.scope_lookup
    if target.root == "user":
        if field != parent and lookup and lookup.endswith("organization"):
            # validate_scope accepts only members of the row's organization.
            path = lookup.replace("__", ".")
            return (
                f"{field} = factory.LazyAttribute("
                f"lambda row: MembershipFactory(organization=row.{path}).user)"
            )
        if spec.null and not is_required(spec):
            return f"{field} = None"
        return f"{field} = factory.SubFactory(UserFactory)"
    if (
        spec.null
        and not is_required(spec)
        and (not target.local or target.root not in ("none", m.root) or _reaches(domain, target, m))
    ):
        return f"{field} = None"  # another app's factory, another kind of scope, or a cycle
    if _spares_optional_link(domain, m, field):
        return f"{field} = None"
    if _reuses_link(domain, m, field):
        return f"{field} = {_reused_row(domain, m, target)}"
    args = [target.factory]
    if field != parent and lookup and target.root in ("tenant", "owner") and target.local:
        target_lookup = domain.models[target.model].scope_lookup
        if target_lookup:
            args.append(f"{target_lookup}={_self_attribute(lookup, target_lookup)}")
    elif field != parent and lookup and not target.local and target.root == "tenant":
        target_lookup = domain.external_scope_lookup(target)
        args.append(f"{target_lookup}={_self_attribute(lookup, target_lookup)}")
    return call(f"{field} = factory.SubFactory(", args, indent=4).lstrip()


def _reused_row(domain: DerivedDomain, m: DerivedModel, target: Target) -> str:
    """The scope's row of ``target`` (see _reuses_link), looked up by the same lookups the
    target's factory takes: made in the row's own scope when there is none yet."""
    args = [target.factory]
    lookup = m.scope_lookup
    if lookup and target.root in ("tenant", "owner") and target.root == m.root:
        if target.local:
            target_lookup = domain.models[target.model].scope_lookup
        else:
            target_lookup = domain.external_scope_lookup(target)
        if target_lookup:
            args.append(f"{target_lookup}=row.{lookup.replace('__', '.')}")
    return "factory.LazyAttribute(" + call("lambda row: row_in_scope(", args) + ")"


def _reaches(domain: DerivedDomain, target: Target, m: DerivedModel) -> bool:
    """Does a row of ``target`` lead back to ``m`` through foreign keys (itself included)?"""
    seen: set[str] = set()
    pending = [target.model]
    while pending:
        name = pending.pop()
        if name == m.name:
            return True
        if name in seen or name not in domain.models:
            continue
        seen.add(name)
        pending += [t.model for t in domain.models[name].targets.values() if t.local]
    return False


def _self_attribute(lookup: str, passed_as: str) -> str:
    """Reach this factory's scope from the factory that finally uses the value.

    A value passed as ``ref__organization`` is evaluated two factories down, so it climbs
    one level more than one passed as ``organization``.
    """
    climb = "." * (passed_as.count("__") + 2)
    return f'factory.SelfAttribute("{climb}{lookup.replace("__", ".")}")'


def _collide_fields(m: DerivedModel) -> list[str]:
    """Natural keys to copy into the other scope's row, so scoping, not luck, keeps them apart."""
    model = m.spec
    fields = []
    across = {f for u in m.unique_sets if u.across_scopes for f in u.fields}
    for unique in m.unique_sets:
        if unique.across_scopes:
            continue  # unique in every scope: another scope's row cannot share it
        for field in unique.fields:
            if field in across:
                continue
            if model.fields[field].type != "foreign_key" and field not in fields:
                fields.append(field)
    return fields


def _payload(
    domain: DerivedDomain,
    model: ModelSpec,
    fields: list[str],
    values: dict[str, Any],
    targets: dict[str, Target],
    scope_var: str | None,
    spared: set[str],
    reused: set[str],
    *,
    change: bool,
) -> list[dict[str, str]]:
    """A JSON body; links the factory spares stay empty, links it reuses (see _reuses_link)
    take the scope's row: a row of their own would take the room the test's rows need."""
    items = []
    for field in fields:
        field_spec = model.fields[field]
        if field in spared:
            items.append({"key": field, "source": "None"})
            continue
        if field_spec.type == "foreign_key":
            row = _target_row(domain, targets[field], scope_var or "None", reuse=field in reused)
            items.append({"key": field, "source": f"{row}.pk"})
            continue
        value = values[field]
        if change:
            value = changed_value(field_spec, value, forbidden_values(model, field))
        elif field_spec.type in ("string", "text", "email", "url"):
            value = _fresh(field_spec, value)
        items.append({"key": field, "source": json_source(value)})
    return items


def _fresh(spec: FieldSpec, value: str) -> str:
    """A value no factory sequence produces, so a created row never collides by accident."""
    limit = max_length(spec) or 1000
    if spec.type == "email":
        return "new-sample@example.com"
    if spec.type == "url":
        return "https://example.com/new-sample"
    return ("new " + value)[:limit]


def _kwargs(
    domain: DerivedDomain,
    model: ModelSpec,
    values: dict[str, Any],
    targets: dict[str, Target],
    scope_var: str | None,
    spared: set[str],
    reused: set[str],
) -> list[dict[str, str]]:
    """Arguments of the create service, links as in _payload."""
    items = []
    if scope_var and not isinstance(model.scope, ParentScope):
        items.append({"key": scope_var, "source": scope_var})
    for field in model.create_fields:
        field_spec = model.fields[field]
        if field in spared:
            items.append({"key": field, "source": "None"})
        elif field_spec.type == "foreign_key":
            row = _target_row(domain, targets[field], scope_var or "None", reuse=field in reused)
            items.append({"key": field, "source": row})
        else:
            value = values[field]
            if field_spec.type in ("string", "text", "email", "url"):
                value = _fresh(field_spec, value)
            items.append({"key": field, "source": python_source(value)})
    return items


def _forbidden(
    model: ModelSpec, root: str, writable: list[str], values: dict[str, Any]
) -> list[dict[str, str]]:
    """Keys a caller must never set, each with a plausible value an attacker would send."""
    cases = [
        {"key": "id", "source": "999999"},
        {"key": "created_at", "source": string("2000-01-01T00:00:00Z")},
        {"key": "updated_at", "source": string("2000-01-01T00:00:00Z")},
    ]
    if root == "tenant" and not isinstance(model.scope, ParentScope):
        cases.append({"key": "organization", "source": "other_scope.pk"})
    if root == "owner" and not isinstance(model.scope, ParentScope):
        cases.append({"key": "owner", "source": "other_scope.pk"})
    for field, field_spec in model.fields.items():
        if field in writable:
            continue
        if field_spec.type == "foreign_key":
            cases.append({"key": field, "source": "1"})
            continue
        value = values[field]
        transition_targets = [t.to for t in model.transitions.values() if t.field == field]
        if transition_targets:
            value = transition_targets[-1]
        cases.append({"key": field, "source": json_source(value)})
    return cases


def _unique_sets(m: DerivedModel, values: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "fields": u.fields,
            "reported": u.reported,
            "writable": u.writable,
            "across_scopes": u.across_scopes,
            # A variable: long verbose names wrap (fuzz seed 160083: E501 at 117 columns).
            "expected": assignment("expected", unique_message(m, u.fields), indent=4),
            "elsewhere": None if u.across_scopes else _elsewhere(m, u, values),
        }
        for u in m.unique_sets
    ]


def _elsewhere(m: DerivedModel, unique: UniqueSet, values: dict[str, Any]) -> list[Any] | None:
    """What another scope's create changes so that only ``unique`` repeats there: a value of
    each global set (``within: global``); None when some global set cannot be changed."""
    model = m.spec
    changes = []
    for other in m.unique_sets:
        if not other.across_scopes:
            continue
        if set(other.fields) & set(unique.fields):
            return None  # the set repeats a global field: it cannot repeat anywhere
        changeable = [
            f
            for f in other.fields
            if f in model.create_fields and _another_value(model.fields[f], values[f]) is not None
        ]
        if not changeable:
            return None
        first = changeable[0]
        another = _another_value(model.fields[first], values[first])
        changes.append({"key": first, "source": json_source(another)})
    return changes


def _another_value(spec: FieldSpec, value: Any) -> Any:
    """A valid value other than ``value``, or None."""
    if spec.type == "uuid":
        return uuid.UUID(int=uuid.UUID(str(value)).int ^ 1)
    changed = changed_value(spec, value)
    return None if changed == value else changed


@precise
def _range_cases(domain: DerivedDomain, m: DerivedModel) -> list[dict[str, str]]:
    """Values just outside each field's min/max, still within what its column can hold."""
    cases = []
    for field, spec in m.spec.fields.items():
        if spec.type not in ("integer", "decimal"):
            continue
        if spec.type == "integer":
            step: Decimal = Decimal(1)
            low_limit, high_limit = Decimal(INT_MIN), Decimal(INT_MAX)
        else:
            digits, places = decimal_shape(spec)
            step = Decimal(1).scaleb(-places)
            high_limit = Decimal(10) ** (digits - places) - step
            low_limit = -high_limit
        name = range_constraint_name(domain.name, m.snake, field)
        low, high = range_bounds(m.spec, field)
        # Past a bound by what SQLite keeps too (fuzz seed 1549: 0.5 + 1e-38 was stored as 0.5).
        below = None if low is None else Decimal(str(low)) - float_safe_step(low, step)
        above = None if high is None else Decimal(str(high)) + float_safe_step(high, step)
        for kind, edge, value in (("below_min", low, below), ("above_max", high, above)):
            if edge is None or value is None or not low_limit <= value <= high_limit:
                continue
            source = literal(int(value)) if spec.type == "integer" else literal(value)
            cases.append(
                {"field": field, "case": kind, "value": source, "constraint": string(name)}
            )
    return cases


def unique_message(m: DerivedModel, fields: list[str]) -> str:
    """The 400's message for a clash on ``fields``, as core.validation words it: the fields
    by their verbose names, the scope and the model left out."""
    named = [f for f in fields if f not in (m.parent_field, m.scope_field)] or fields
    if len(named) == 1:
        return "This value is already in use."
    labels = [m.spec.fields[f].verbose_name or f.replace("_", " ") for f in named]
    return f"This combination of {', '.join(labels[:-1])} and {labels[-1]} is already in use."


def _blank_uniques(m: DerivedModel, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Optional unique texts sent blank twice: each case changes the other unique sets' values
    in the second body, so only the blank field could clash."""
    model = m.spec
    cases = []
    for field in model.create_fields:
        spec = model.fields[field]
        in_unique = [u for u in m.unique_sets if field in u.fields]
        if not (spec.null and spec.type in TEXT_TYPES and in_unique):
            continue
        others: dict[str, str] = {}
        for unique in m.unique_sets:
            if field in unique.fields:
                continue
            changeable = [
                f
                for f in unique.fields
                if f in model.create_fields
                and model.fields[f].type != "foreign_key"
                and changed_value(model.fields[f], values[f], forbidden_values(model, f))
                != values[f]
            ]
            if not changeable:
                break
            first = changeable[0]
            others[first] = json_source(
                changed_value(model.fields[first], values[first], forbidden_values(model, first))
            )
        else:
            cases.append(
                {"field": field, "others": [{"key": k, "source": v} for k, v in others.items()]}
            )
    return cases


def _check_cases(model: ModelSpec, values: dict[str, Any], render: Any) -> list[dict[str, str]]:
    cases = []
    for constraint in model.constraints:
        if not isinstance(constraint, CheckConstraintSpec):
            continue
        bad = violating_value(values, model, constraint.check)
        left = parse_check(constraint.check).left
        if bad is None or left not in model.create_fields:
            continue
        cases.append({"field": left, "value": render(bad), "check": constraint.check})
    return cases


def _protected_by(m: DerivedModel) -> list[dict[str, str]]:
    """Rows of other models that PROTECT or RESTRICT a row of this model from deletion."""
    return [
        {"factory": f"{r.model}Factory", "field": r.field}
        for r in m.reverse
        if r.spec.on_delete in ("protect", "restrict")
    ]
