"""A default its own field would refuse is refused at load (issue 8: `1.005` with 2 places made
an "optional" field impossible to omit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec

HERE = Path(__file__).parent


def minimal() -> dict[str, Any]:
    """valid/minimal.yaml as data, to change one thing in."""
    data: dict[str, Any] = yaml.safe_load((HERE / "valid/minimal.yaml").read_text())
    return data


def problems_by_path(data: dict[str, Any]) -> dict[str, str]:
    return {p.dotted_path: p.message for p in check_spec(DomainSpec.model_validate(data))}


def _problems(field: dict[str, Any]) -> list[str]:
    data = minimal()
    data["models"]["Product"]["fields"]["extra"] = field
    return [
        problem.message
        for problem in check_spec(DomainSpec.model_validate(data))
        if problem.dotted_path == "models.Product.fields.extra.default"
    ]


REFUSED = [
    (
        {"type": "decimal", "default": 1.005},
        "the default (1.005) has 3 decimal places; the field keeps 2",
    ),
    (
        {"type": "decimal", "max_digits": 5, "decimal_places": 2, "default": 1234.5},
        "the default (1234.5) has 4 digits before the point; the field allows 3 "
        "(max_digits 5 - decimal_places 2)",
    ),
    (
        {"type": "decimal", "default": 1e30},
        "the default (1e+30) has 31 digits before the point; "
        "the field allows 10 (max_digits 12 - decimal_places 2)",
    ),
    (
        {"type": "integer", "min": 0, "max": 10, "default": 11},
        "the default (11) is more than max (10)",
    ),
    (
        {"type": "integer", "default": 2**31},
        "the default (2147483648) is outside the integer "
        "column's range (-2147483648 to 2147483647)",
    ),
    (
        {"type": "string", "max_length": 3, "default": "abcd"},
        "the default is longer than max_length (3)",
    ),
    (
        {"type": "email", "default": "x" * 250 + "@a.io"},
        "the default is longer than max_length (254)",
    ),
    (
        {"type": "email", "default": "not an email"},
        "the default 'not an email' is not an email address",
    ),
    (
        {"type": "url", "default": "javascript:alert(1)"},
        "the default 'javascript:alert(1)' is not an http(s) URL",
    ),
    (
        {"type": "choice", "choices": ["a", "b"], "default": "c"},
        "default 'c' is not one of the choices: a, b",
    ),
    (
        {"type": "json", "default": {"when": "2024-01-01", "at": yaml.safe_load("2024-01-01")}},
        "the default must be JSON: objects, lists, text, numbers, true, false or null",
    ),
    (
        {"type": "json", "default": {"x": float("nan")}},
        "the default must be JSON: objects, lists, text, numbers, true, false or null",
    ),
    (
        {
            "type": "json",
            "default": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
        },
        "the default is nested deeper than 32 levels",
    ),
    (
        {"type": "json", "default": ["x" * 10_000]},
        "the default is 10,004 characters of JSON; keep it under 10,000",
    ),
]


@pytest.mark.parametrize(("field", "message"), REFUSED, ids=[m for _, m in REFUSED])
def test_a_default_the_field_would_refuse_is_refused(field: dict[str, Any], message: str) -> None:
    assert _problems(field) == [message]


ACCEPTED = [
    {"type": "decimal", "default": 1.5},
    {"type": "decimal", "max_digits": 5, "decimal_places": 2, "default": 999.99},
    {"type": "integer", "default": -(2**31)},
    {"type": "email", "default": "team@example.com"},
    {"type": "email", "default": ""},
    {"type": "url", "default": "https://example.com/a?b=c"},
    {"type": "json", "default": {"tags": ["a"], "n": 1.5, "ok": True, "none": None}},
]


@pytest.mark.parametrize("field", ACCEPTED, ids=[str(f["default"])[:30] for f in ACCEPTED])
def test_a_default_the_field_accepts_is_accepted(field: dict[str, Any]) -> None:
    assert _problems(field) == []


def _check_problems(fields: dict[str, Any], check: str) -> list[str]:
    data = minimal()
    data["models"]["Product"]["fields"].update(fields)
    data["models"]["Product"]["constraints"] = [{"check": check}]
    return [
        problem.message
        for problem in check_spec(DomainSpec.model_validate(data))
        if problem.dotted_path == "models.Product.constraints.0.check"
    ]


def test_a_default_its_own_check_refuses_is_refused() -> None:
    """Issue 8 fuzz seed 10022: `default: 1` with `check: code < 1` made every create a 400."""
    field = {"code": {"type": "integer", "required": False, "default": 1}}

    assert _check_problems(field, "code < 1") == [
        "the default of 'code' (1) breaks this check: every row that keeps the default "
        "would be refused"
    ]
    assert _check_problems(field, "code <= 1") == []


@pytest.mark.parametrize(
    ("fields", "check"),
    [
        ({"rate": {"type": "decimal", "default": "0.50"}}, "rate >= 0.5"),
        ({"state": {"type": "choice", "choices": ["a", "b"], "default": "a"}}, "state != 'b'"),
        ({"active": {"type": "boolean", "default": True}}, "active == true"),
        ({"low": {"type": "integer", "default": 1}, "high": "integer"}, "high >= low"),
    ],
)
def test_defaults_a_check_accepts_pass(fields: dict[str, Any], check: str) -> None:
    assert _check_problems(fields, check) == []


def test_two_defaults_a_field_comparison_refuses_are_refused() -> None:
    fields = {
        "low": {"type": "integer", "default": 5},
        "high": {"type": "integer", "default": 3},
    }

    assert _check_problems(fields, "high >= low") == [
        "the defaults of 'high' (3) and 'low' (5) break this check: every row that keeps "
        "both would be refused"
    ]


def test_a_unique_set_no_create_can_vary_is_refused() -> None:
    """Issue 8 fuzz seed 1041: a unique choice with a default, changed only by transitions:
    every created row took the default, and the second create in an organization was a 400."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["stage"] = {"type": "choice", "choices": ["new", "old"], "default": "new"}
    product["fields"]["code"] = {"type": "string", "default": "x", "null": True}
    product["constraints"] = [{"unique": ["stage"]}, {"unique": ["stage", "code"]}]

    problems = problems_by_path(data)

    assert problems == {
        "models.Product.constraints.0.unique": "no create writes stage: every new row gets the "
        "same value, so only one row could exist in each scope and the next create would be "
        "refused"
    }


@pytest.mark.parametrize(
    ("field", "check"),
    [
        pytest.param(
            {"type": "decimal", "max_digits": 2, "decimal_places": 0, "max": -99},
            None,
            id="digits-and-max",
        ),
        pytest.param({"type": "integer", "min": 7, "max": 7}, None, id="min-equals-max"),
        pytest.param({"type": "integer", "min": 1, "max": 2}, "level != 2", id="range-and-check"),
        pytest.param({"type": "choice", "choices": ["only"]}, None, id="one-choice"),
    ],
)
def test_a_unique_field_of_one_possible_value_is_refused(
    field: dict[str, Any], check: str | None
) -> None:
    """Issue 8 fuzz seed 160114: unique, with max_digits 2 and max -99 it could only be -99: a
    scope held one row, and the generated tests' second row failed at setup."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["level"] = {**field, "unique": True}
    product["write"].append("level")
    if check:
        product["constraints"].append({"check": check})

    problems = problems_by_path(data)

    assert problems == {
        "models.Product.fields.level.unique": "level can take one value only (its range, digits, "
        "choices and checks allow no other), so only one row could exist in each scope and the "
        "next create would be refused"
    }


@pytest.mark.parametrize(
    "field",
    [
        pytest.param({"type": "integer", "min": 1, "max": 2}, id="two-values"),
        pytest.param({"type": "choice", "choices": ["a", "b"]}, id="two-choices"),
        pytest.param({"type": "integer", "min": 7, "max": 7, "null": True}, id="nullable"),
    ],
)
def test_a_unique_field_of_two_values_or_null_is_accepted(field: dict[str, Any]) -> None:
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["level"] = {**field, "unique": True}
    product["write"].append("level")

    assert list(check_spec(DomainSpec.model_validate(data))) == []


def test_a_unique_state_only_transitions_change_is_refused() -> None:
    """Issue 8 fuzz seed 1564: ``unique: [offset]`` on a transition's field, and no create
    fields: the admin's add form cannot set the state either, so rows clashed on it."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["stage"] = {"type": "choice", "choices": ["new", "old"], "default": "new"}
    product.pop("write")
    product["roles"] = {"list": "member"}
    product["transitions"] = {"retire": {"field": "stage", "from": ["new"], "to": "old"}}
    product["transitions"]["retire"]["role"] = "admin"
    product["constraints"] = [{"unique": ["stage"]}]

    paths = [p.dotted_path for p in check_spec(DomainSpec.model_validate(data))]

    assert paths == ["models.Product.constraints.0.unique"]


@pytest.mark.parametrize(
    ("first", "second", "refused"),
    [
        ("deadline <= meta", "deadline > meta", True),
        ("deadline <= meta", "meta < deadline", True),
        ("a == b", "a != b", True),
        ("deadline <= meta", "deadline != meta", False),
        ("deadline >= meta", "meta >= deadline", False),  # equal is left
    ],
)
def test_checks_comparing_two_fields_must_leave_a_row_possible(
    first: str, second: str, refused: bool
) -> None:
    """Issue 8 fuzz seed 90066: `deadline <= meta` and `deadline > meta`: every write broke
    one of them."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"].update({"deadline": "date", "meta": "date", "a": "integer", "b": "integer"})
    product["write"] = [*product["write"], "deadline", "meta", "a", "b"]
    product["constraints"] = [{"check": first}, {"check": second}]

    paths = [p.dotted_path for p in check_spec(DomainSpec.model_validate(data))]

    assert paths == (["models.Product.constraints.1.check"] if refused else [])


@pytest.mark.parametrize(
    ("field", "checks", "refused"),
    [
        ({"type": "choice", "choices": ["a", "b"]}, ["extra != 'a'", "extra != 'b'"], True),
        ({"type": "choice", "choices": ["a", "b", "c"]}, ["extra != 'a'", "extra != 'b'"], False),
        ({"type": "boolean"}, ["extra != true", "extra == true"], True),
        ({"type": "integer", "max": 1}, ["extra > 1"], True),
        ({"type": "integer", "min": 1, "max": 2}, ["extra != 1", "extra != 2"], True),
        ({"type": "integer", "min": 1, "max": 3}, ["extra != 1", "extra != 2"], False),
        ({"type": "integer"}, ["extra > 5", "extra < 6"], True),
        ({"type": "integer"}, ["extra > 2147483647"], True),  # past the column
        ({"type": "decimal", "decimal_places": 1}, ["extra > 0.1", "extra < 0.2"], True),
        ({"type": "decimal", "decimal_places": 2}, ["extra > 0.1", "extra < 0.2"], False),
        ({"type": "decimal", "max_digits": 3, "decimal_places": 2}, ["extra > 9.99"], True),
        ({"type": "decimal", "decimal_places": 2}, ["extra == 0.001"], True),
    ],
)
def test_checks_against_constants_must_leave_the_field_a_value(
    field: dict[str, Any], checks: list[str], refused: bool
) -> None:
    """Issue 8 fuzz seed 100033: `budget_rank != 'shipped'` and `budget_rank != 'delivered'`
    of choices shipped and delivered: no row could be written."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["extra"] = field
    product["write"] = [*product["write"], "extra"]
    product["constraints"] = [{"check": check} for check in checks]

    problems = list(check_spec(DomainSpec.model_validate(data)))
    where = f"models.Product.constraints.{len(checks) - 1}.check"

    assert [p.dotted_path for p in problems] == ([where] if refused else [])
    assert all("no value of 'extra' satisfies" in p.message for p in problems)


@pytest.mark.parametrize(
    ("fields", "unique", "problem"),
    [
        pytest.param({"code": {"type": "uuid"}}, ["code"], None, id="a-uuid-is-accepted"),
        pytest.param(
            {"code": {"type": "string"}},
            ["category", "code"],
            "a unique set with a foreign key cannot be global: the key's rows already belong "
            "to one scope",
            id="a-foreign-key-is-refused",
        ),
        pytest.param(
            {"tier": {"type": "choice", "choices": ["a", "b", "c"]}},
            ["tier"],
            "a global unique set of choices and booleans leaves the whole table a few rows",
            id="choices-only-are-refused",
        ),
    ],
)
def test_a_global_unique_set_must_leave_room_across_scopes(
    fields: dict[str, Any], unique: list[str], problem: str | None
) -> None:
    """Issue 13 (uniqueness scope): ``within: global`` takes the organization out of the
    constraint, which only makes sense for a set of values the whole table can share."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"].update(fields)
    product["write"] += [f for f in fields if f not in product["write"]]
    product["constraints"].append({"unique": unique, "within": "global"})

    problems = problems_by_path(data)

    assert problems == ({"models.Product.constraints.2.within": problem} if problem else {})


@pytest.mark.parametrize("kind", ["text", "json"])
def test_an_index_over_a_text_or_json_field_is_refused(kind: str) -> None:
    """Issue 8 fuzz seed 172014 (MariaDB): ``indexes: [[count, meta]]`` with count a json field
    passed the loader, and the migration failed on MariaDB ("Specified key was too long")."""
    data = minimal()
    product = data["models"]["Product"]
    product["fields"]["extra"] = {"type": kind}
    product["write"].append("extra")
    product["indexes"] = [["name", "extra"]]

    problems = problems_by_path(data)

    assert problems == {
        "models.Product.indexes.0.1": f"a {kind} field cannot be in an index: MariaDB cannot "
        "index it"
    }
