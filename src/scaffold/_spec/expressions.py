"""Check-constraint expressions: ``<field> <op> <field | number | 'text' | true | false>``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

OPERATORS = {">=": "gte", ">": "gt", "<=": "lte", "<": "lt", "==": "exact", "!=": "exact"}
_EXPRESSION = re.compile(
    r"\A\s*(?P<left>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<op>>=|<=|==|!=|>|<)\s*(?P<right>.+?)\s*\Z"
)
_IDENTIFIER = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")


class ExpressionError(ValueError):
    """The text is not a simple comparison."""


@dataclass(frozen=True)
class CheckExpression:
    """A parsed comparison; ``right_field`` is set when the right side names a field."""

    left: str
    operator: str
    right_field: str | None = None
    right_value: int | Decimal | str | bool | None = None

    @property
    def lookup(self) -> str:
        return OPERATORS[self.operator]

    @property
    def negated(self) -> bool:
        return self.operator == "!="


def parse_check(text: str) -> CheckExpression:
    """Parse ``amount >= 0`` or ``due_on >= issued_on``; raise ExpressionError otherwise."""
    match = _EXPRESSION.fullmatch(text)
    if not match:
        raise ExpressionError(
            f"cannot read check {text!r}; write a comparison such as 'amount >= 0' "
            "or 'due_on >= issued_on'"
        )
    left, operator, right = match["left"], match["op"], match["right"]
    if right in ("true", "false"):
        return CheckExpression(left, operator, right_value=right == "true")
    if _IDENTIFIER.fullmatch(right):
        return CheckExpression(left, operator, right_field=right)
    if len(right) >= 2 and right[0] == right[-1] and right[0] in "'\"":
        return CheckExpression(left, operator, right_value=right[1:-1])
    try:
        number = Decimal(right)
    except InvalidOperation:
        raise ExpressionError(
            f"cannot read the right side {right!r} of check {text!r}; "
            "expected a field name, a number, a quoted text, true or false"
        ) from None
    if not number.is_finite():
        raise ExpressionError(f"the right side of check {text!r} must be a finite number")
    value: int | Decimal = (
        int(number) if number == number.to_integral_value() and "." not in right else number
    )
    return CheckExpression(left, operator, right_value=value)


def comparison_holds(left: object, operator: str, right: object) -> bool:
    """Does ``left <op> right`` hold? True when the values cannot be compared at all."""
    try:
        return {
            ">=": lambda: left >= right,  # type: ignore[operator]
            ">": lambda: left > right,  # type: ignore[operator]
            "<=": lambda: left <= right,  # type: ignore[operator]
            "<": lambda: left < right,  # type: ignore[operator]
            "==": lambda: left == right,
            "!=": lambda: left != right,
        }[operator]()
    except TypeError:
        return True
