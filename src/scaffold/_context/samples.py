"""Valid and invalid example values for a model's fields, used by the generated tests.

Valid values respect each field's bounds and the model's check constraints, so a generated
factory or payload never trips a constraint by accident.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import Any, ParamSpec, TypeVar

from scaffold._context.fields import choice_items, decimal_shape, max_length, moment_source
from scaffold._context.pycode import literal, string
from scaffold._spec.expressions import CheckExpression, comparison_holds, parse_check
from scaffold._spec.schema import CheckConstraintSpec, FieldSpec, ModelSpec

BASE_DATE = dt.date(2026, 1, 15)
MAX_PRECISION = 80  # decimal digits: a spec allows 38 (max_digits), Python's default is 28
SAMPLE_UUID = uuid.UUID("6f1c1a52-5d8e-4a0f-9a3c-2b7d8e9f0a11")
_P = ParamSpec("_P")
_R = TypeVar("_R")


def precise(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with MAX_PRECISION digits: bounds and steps of 38-digit decimals."""

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(prec=MAX_PRECISION):
            return function(*args, **kwargs)

    return wrapper


@precise
def sample_values(model: ModelSpec) -> dict[str, Any]:
    """One valid value per non-foreign-key field, adjusted to satisfy the check constraints."""
    values = {
        name: _base_value(spec) for name, spec in model.fields.items() if spec.type != "foreign_key"
    }
    # A field no create writes keeps its default in every row the API makes: a check
    # comparing it with a written field moves the written one (fuzz seed 80007).
    fixed = default_only_fields(model)
    for name in fixed:
        values[name] = stored_default(model.fields[name])
    checks = [c for c in model.constraints if isinstance(c, CheckConstraintSpec)]
    for _ in range(3):  # a few passes settle chains such as a <= b <= c
        for check in checks:
            expression = parse_check(check.check)
            if expression.left in fixed and expression.right_field not in (None, *fixed):
                expression = CheckExpression(
                    left=str(expression.right_field),
                    operator=FLIPPED[expression.operator],
                    right_field=expression.left,
                )
            _satisfy(values, model, expression)
    return values


FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


def default_only_fields(model: ModelSpec) -> set[str]:
    """Fields the create leaves to their default (none when there are no create fields)."""
    written = set(model.create_fields)
    if not written:
        return set()
    return {
        name
        for name, spec in model.fields.items()
        if name not in written
        and spec.has_default
        and spec.default is not None
        and spec.type in ("integer", "decimal", "date", "datetime")
    }


def stored_default(spec: FieldSpec) -> Any:
    """The default as the row holds it (a Decimal, a date), for comparisons."""
    value = spec.default
    if spec.type == "decimal":
        return fit_decimal(spec, value)
    if spec.type == "integer":
        return int(value)
    if spec.type == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if spec.type == "datetime" and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def _base_value(spec: FieldSpec) -> Any:
    if spec.type == "choice":
        items = choice_items(spec)
        return spec.default if spec.has_default else items[0][0]
    if spec.type in ("integer", "decimal"):
        low, high = number_range(spec)
        value: Any = min(max(Decimal(10), low), high) if high is not None else max(10, low)
        if spec.type == "decimal":
            return fit_decimal(spec, _float_safe(value, low))
        return int(value)
    if spec.type in ("string", "email", "url"):
        return fitting(spec.type, max_length(spec) or 255)
    return {
        "text": "Sample text.",
        "boolean": True,
        "date": BASE_DATE,
        "datetime": dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC),
        "email": "sample@example.com",
        "url": "https://example.com/sample",
        "uuid": SAMPLE_UUID,
        "json": {"key": "value"},
    }[spec.type]


# SQLite stores a decimal as a REAL: 15 significant digits survive the trip through it.
FLOAT_SAFE_DIGITS = 15


def _float_safe(value: Decimal | int, low: Decimal) -> Decimal:
    """``value`` cut down to what SQLite keeps, when that stays in range: 0.99…9 of 38 places
    reads back as 1.0, which no longer fits the column's digits (Django raises on the read)."""
    value = Decimal(value)
    if len(value.as_tuple().digits) <= FLOAT_SAFE_DIGITS:
        return value
    with localcontext(prec=FLOAT_SAFE_DIGITS, rounding=ROUND_FLOOR):
        safe = +value
    return safe if safe >= low else value


def float_safe_start(value: Decimal, high: Decimal | None) -> Decimal:
    """The lowest value of a range cut up to what SQLite keeps, when that stays in range:
    -0.99…9 of 20 places reads back as -1.0, past the column's digits."""
    if len(value.as_tuple().digits) <= FLOAT_SAFE_DIGITS:
        return value
    with localcontext(prec=FLOAT_SAFE_DIGITS, rounding=ROUND_CEILING):
        safe = +value
    return safe if high is None or safe <= high else value


def float_safe_step(edge: Any, step: Decimal) -> Decimal:
    """How far from ``edge`` a value must be for SQLite (a decimal is a float there) to tell
    them apart: one step of the field, or more (0.5 - 1e-20 is stored as 0.5)."""
    visible = Decimal(1).scaleb(Decimal(str(edge)).adjusted() - FLOAT_SAFE_DIGITS + 2)
    return max(step, visible)


def largest_decimal(spec: FieldSpec) -> Decimal:
    """The largest value the field's digits hold: 999.99 for 5 digits, 2 places."""
    digits, places = decimal_shape(spec)
    with localcontext(prec=MAX_PRECISION):
        return Decimal(10) ** (digits - places) - Decimal(1).scaleb(-places)


def fit_decimal(spec: FieldSpec, value: Any) -> Decimal:
    """``value`` with the field's places written out (precise beyond Python's 28 digits)."""
    _, places = decimal_shape(spec)
    with localcontext(prec=MAX_PRECISION):
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


@precise
def number_range(spec: FieldSpec) -> tuple[Decimal, Decimal | None]:
    """The values an integer or decimal field accepts: its min/max within what its digits hold."""
    high = Decimal(str(spec.max)) if spec.max is not None else None
    if spec.min is not None:
        low = Decimal(str(spec.min))
    else:  # from 0, or far enough below a max under 1000 to leave room for many values
        low = Decimal(0) if high is None or high >= 1000 else high - 1000
    if spec.type == "decimal":
        digits, places = decimal_shape(spec)
        widest = Decimal(10) ** (digits - places) - Decimal(1).scaleb(-places)
        high = widest if high is None else min(high, widest)
        low = max(low, -widest)
    return low, high


# Valid values from the longest to the shortest: the first that fits the field's max_length.
_FITTING = {
    "string": ["sample", "s"],
    "email": ["sample@example.com", "s@example.com", "s@e.co"],
    "url": ["https://example.com/sample", "https://e.co/s", "http://e.co"],
}


def fitting(kind: str, length: int) -> str:
    """A valid ``kind`` value of at most ``length`` characters ("sample" cut to fit a string)."""
    if kind == "string":
        return "sample"[:length]
    candidates = _FITTING[kind]
    return next((value for value in candidates if len(value) <= length), candidates[-1])


def _satisfy(values: dict[str, Any], model: ModelSpec, expression: CheckExpression) -> None:
    if expression.left not in values:
        return
    if expression.right_field is not None:
        if expression.right_field not in values:
            return
        right = values[expression.right_field]
    else:
        right = expression.right_value
    left = values[expression.left]
    if right is None or comparison_holds(left, expression.operator, right):
        return
    spec = model.fields[expression.left]
    if isinstance(right, str) and expression.operator == "!=":
        # Text cannot step past a value: take another choice, or change the text.
        # Every value the checks forbid is skipped (two `!=` checks: fuzz seed 90056).
        forbidden = {right, *forbidden_values(model, expression.left)}
        others = [value for value, _ in choice_items(spec) if value not in forbidden]
        values[expression.left] = others[0] if spec.type == "choice" and others else left + "x"
        return
    step = _step(spec)
    if spec.type == "decimal":  # fuzz seed 90053: 0.5 - 1e-20 broke `< 0.5` on SQLite
        step = float_safe_step(right, step)
    if expression.operator == "!=" and spec.type in ("integer", "decimal"):
        # Step away from the forbidden value on the side the field's range leaves open.
        _, high = number_range(spec)
        above = _add(right, step)
        values[expression.left] = above if high is None or above <= high else _add(right, -step)
        return
    values[expression.left] = {
        ">=": right,
        "<=": right,
        "==": right,
        ">": _add(right, step),
        "!=": _add(right, step),
        "<": _add(right, -step),
    }[expression.operator]


def _step(spec: FieldSpec) -> Any:
    if spec.type == "decimal":
        _, places = decimal_shape(spec)
        return Decimal(1).scaleb(-places)
    if spec.type in ("date", "datetime"):
        return dt.timedelta(days=1)
    return 1


def _add(value: Any, step: Any) -> Any:
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and isinstance(step, int | Decimal):
        return value + step
    return value + step


@precise
def violating_value(values: dict[str, Any], model: ModelSpec, text: str) -> Any | None:
    """A value of the left field that breaks the check, everything else staying valid."""
    expression = parse_check(text)
    spec = model.fields.get(expression.left)
    if spec is None or spec.type == "foreign_key":
        return None
    unsent = expression.right_field not in (None, *model.create_fields, *default_only_fields(model))
    if unsent and model.create_fields:
        return None  # the row holds null there, and a comparison with null passes (100043)
    right = (
        values.get(expression.right_field)
        if expression.right_field is not None
        else expression.right_value
    )
    if right is None or isinstance(right, bool | str):
        return None
    step = _step(spec)
    candidate = {
        ">=": _add(right, -step),
        ">": right,
        "<=": _add(right, step),
        "<": right,
        "==": _add(right, step),
        "!=": right,
    }[expression.operator]
    if spec.type == "decimal":
        candidate = Decimal(str(candidate))
    return candidate


def python_source(value: Any) -> str:
    """Source of a Python value for tests and factories (dates as ``datetime.date(...)``)."""
    if isinstance(value, dt.datetime) and not (
        value.second or value.microsecond or value.utcoffset()
    ):
        parts = f"{value.year}, {value.month}, {value.day}, {value.hour}, {value.minute}"
        return f"datetime.datetime({parts}, tzinfo=datetime.UTC)"
    if isinstance(value, dt.date):
        # Every part, and the offset: a default at 23:59:59+05:30 is that instant, not 23:59 UTC
        # (fuzz seed 160167).
        return moment_source(value, qualified=True)
    if isinstance(value, uuid.UUID):
        return f"uuid.UUID({string(str(value))})"
    return literal(value)


def json_source(value: Any) -> str:
    """Source of the JSON form of a value, as a client would send it. An aware datetime is
    sent in UTC, as the API shows it (fuzz seed 200150: ``+05:30`` sent, ``Z`` read back)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return string(value.isoformat().replace("+00:00", "Z"))
    if isinstance(value, dt.date):
        return string(value.isoformat())
    if isinstance(value, uuid.UUID | Decimal):
        return string(str(value))
    return literal(value)


@precise
def forbidden_values(model: ModelSpec, field: str) -> list[Any]:
    """The values a ``field != 'x'`` check constraint rules out."""
    found = []
    for check in model.constraints:
        if isinstance(check, CheckConstraintSpec):
            expression = parse_check(check.check)
            if expression.left == field and expression.operator == "!=":
                found.append(expression.right_value)
    return found


def changed_value(spec: FieldSpec, value: Any, forbidden: list[Any] | None = None) -> Any:
    """Another valid value, to tell an applied update from an ignored one; never one of
    ``forbidden`` (see forbidden_values)."""
    if spec.type in ("string", "text"):
        limit = max_length(spec) or 1000
        return ("changed " + str(value))[:limit]
    if spec.type == "email":
        limit = max_length(spec) or 254
        return "changed@example.com" if limit >= 19 else "c@e.co"
    if spec.type == "url":
        limit = max_length(spec) or 200
        return "https://example.com/changed" if limit >= 27 else "http://c.co"
    if spec.type == "boolean":
        return not value
    if spec.type == "json":
        return {"key": "changed"}
    if spec.type == "choice":
        items = [v for v, _ in choice_items(spec) if v != value and v not in (forbidden or ())]
        return items[0] if items else value
    return value


@precise
def invalid_values(spec: FieldSpec) -> list[tuple[str, str]]:
    """(case id, JSON source) pairs that the API must answer with a 400 naming the field."""
    cases: list[tuple[str, str]] = []
    length = max_length(spec)
    if spec.type in ("string", "email", "url") and length:
        cases.append(("too_long", f'"x" * {length + 1}'))
    if spec.type == "email":
        cases.append(("not_an_email", string("not-an-email")))
    if spec.type == "url":
        cases.append(("not_a_url", string("not a url")))
    if spec.type == "uuid":
        cases.append(("not_a_uuid", string("not-a-uuid")))
        # Version 8 of the NCS variant: MariaDB's uuid column refuses it (a 500 there).
        cases.append(("unstorable_uuid", string("5fef1477-2c1b-8315-715d-3f800c42d9a8")))
    if spec.type == "date":
        cases.append(("impossible_date", string("2026-02-30")))
    if spec.type == "datetime":
        cases.append(("not_a_datetime", string("yesterday")))
    if spec.type == "boolean":
        cases.append(("not_a_boolean", string("maybe")))
    if spec.type == "choice":
        cases.append(("unknown_choice", string("not_a_choice")))
    if spec.type in ("string", "text") and not spec.null:
        cases.append(("null", "None"))
    if spec.type == "integer":
        cases += [("not_a_number", string("abc")), ("too_large_for_database", str(2**63))]
        if spec.min is not None:
            cases.append(("below_min", str(int(spec.min) - 1)))
        if spec.max is not None:
            cases.append(("above_max", str(int(spec.max) + 1)))
    if spec.type == "decimal":
        digits, places = decimal_shape(spec)
        cases += [
            ("not_a_number", string("abc")),
            ("nan", string("NaN")),
            ("infinity", string("Infinity")),
            ("too_many_digits", string("9" * (digits + 1))),
            ("too_many_places", string("1." + "1" * (places + 1))),
        ]
        if spec.min is not None:
            step = Decimal(1).scaleb(-places)
            cases.append(("below_min", string(str(Decimal(str(spec.min)) - step))))
        if spec.max is not None:
            step = Decimal(1).scaleb(-places)
            cases.append(("above_max", string(str(Decimal(str(spec.max)) + step))))
    if spec.type == "foreign_key":
        cases += [
            ("nonexistent_id", "999999999"),
            ("malformed_id", string("abc")),
            ("huge_id", str(2**70)),
        ]
    return cases
