"""Sample values for generated tests: valid ones satisfy every check, violating ones break it."""

from __future__ import annotations

import datetime as dt
import operator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scaffold._context.samples import (
    changed_value,
    invalid_values,
    json_source,
    python_source,
    sample_values,
    violating_value,
)
from scaffold._spec import load_spec
from scaffold._spec.expressions import parse_check
from scaffold._spec.schema import CheckConstraintSpec, FieldSpec, ModelSpec

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
LIBRARY = REPO / "tests" / "e2e" / "specs" / "library.yaml"
COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
CHECKS_SPEC = """
domain: lab
models:
  Sample:
    scope: tenant
    fields:
      low: integer
      mid: integer
      high: {type: integer, max: 5}
      rate: {type: decimal, max_digits: 6, decimal_places: 2}
      count: integer
      tally: integer
      starts_on: date
      ends_on: date
      kind: {type: choice, choices: [a, b]}
    read: [id]
    constraints:
      - check: "low <= mid"
      - check: "mid <= high"
      - check: "rate > 100"
      - check: "count < 5"
      - check: "tally != 10"
      - check: "ends_on > starts_on"
      - check: "kind == 'b'"
"""


def holds(values: dict[str, Any], check: str) -> bool:
    expression = parse_check(check)
    right = (
        values[expression.right_field]
        if expression.right_field is not None
        else expression.right_value
    )
    return COMPARE[expression.operator](values[expression.left], right)


def checks_of(model: ModelSpec) -> list[str]:
    return [c.check for c in model.constraints if isinstance(c, CheckConstraintSpec)]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> ModelSpec:
    path = tmp_path_factory.mktemp("lab") / "lab.yaml"
    path.write_text(CHECKS_SPEC)
    return load_spec(path).models["Sample"]


def test_invoice_samples_satisfy_its_checks() -> None:
    invoice = load_spec(BILLING).models["Invoice"]

    values = sample_values(invoice)

    assert values == {
        "number": "sample",
        "amount": Decimal("10.00"),
        "status": "draft",
        "issued_on": dt.date(2026, 1, 15),
        "due_on": dt.date(2026, 1, 15),
        "memo": "Sample text.",
    }
    assert values["due_on"] >= values["issued_on"]
    assert all(holds(values, check) for check in checks_of(invoice))


def test_samples_respect_field_bounds() -> None:
    line = load_spec(BILLING).models["InvoiceLine"]
    book = load_spec(LIBRARY).models["Book"]

    assert sample_values(line)["quantity"] == 10
    assert sample_values(book)["edition"] == 10  # min 1, max 99
    assert sample_values(book)["price"] == Decimal("10.00")
    assert sample_values(book)["price"] <= 10000


def test_samples_satisfy_every_kind_of_check(lab: ModelSpec) -> None:
    values = sample_values(lab)

    for check in checks_of(lab):
        assert holds(values, check), (check, values)
    assert values["high"] == 5  # its max
    assert (values["low"], values["mid"]) == (5, 5)  # the chain low <= mid <= high settled
    assert values["rate"] == Decimal("100.01")  # just above, in the field's own places
    assert values["count"] == 4
    assert values["tally"] == 11
    assert values["ends_on"] == values["starts_on"] + dt.timedelta(days=1)
    assert values["kind"] == "b"


def test_violating_value_breaks_a_check_between_two_fields() -> None:
    invoice = load_spec(BILLING).models["Invoice"]
    values = sample_values(invoice)

    bad = violating_value(values, invoice, "due_on >= issued_on")

    assert bad == dt.date(2026, 1, 14)
    assert not holds({**values, "due_on": bad}, "due_on >= issued_on")


def test_violating_value_breaks_an_upper_bound_by_one_step() -> None:
    book = load_spec(LIBRARY).models["Book"]

    bad = violating_value(sample_values(book), book, "price <= 10000")

    assert bad == Decimal("10000.01")
    assert isinstance(bad, Decimal)


def test_violating_values_break_every_kind_of_check(lab: ModelSpec) -> None:
    values = sample_values(lab)

    for check in checks_of(lab):
        bad = violating_value(values, lab, check)
        if bad is None:  # a text comparison: no value to step to
            assert check == "kind == 'b'"
            continue
        left = parse_check(check).left
        assert not holds({**values, left: bad}, check), (check, bad)


def test_violating_value_of_a_billing_check_on_a_number() -> None:
    line = load_spec(BILLING).models["InvoiceLine"]

    assert violating_value(sample_values(line), line, "quantity >= 1") == 0


@pytest.mark.parametrize(
    ("value", "python", "json"),
    [
        pytest.param(dt.date(2026, 1, 15), "datetime.date(2026, 1, 15)", '"2026-01-15"', id="date"),
        pytest.param(
            dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC),
            "datetime.datetime(2026, 1, 15, 9, 30, tzinfo=datetime.UTC)",
            '"2026-01-15T09:30:00Z"',
            id="datetime",
        ),
        pytest.param(  # fuzz seed 160167: seconds and offsets were dropped
            # fuzz seed 200150: the API shows UTC, so the payload sends the instant in UTC
            dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            "datetime.datetime(2024, 2, 29, 23, 59, 59, "
            "tzinfo=datetime.timezone(datetime.timedelta(seconds=18000)))",
            '"2024-02-29T18:59:59Z"',
            id="datetime-with-seconds-and-offset",
        ),
        pytest.param(Decimal("10.00"), 'Decimal("10.00")', '"10.00"', id="decimal"),
        pytest.param("it's", '"it\'s"', '"it\'s"', id="text"),
    ],
)
def test_sources_of_values_for_factories_and_payloads(value: Any, python: str, json: str) -> None:
    assert python_source(value) == python
    assert json_source(value) == json


def test_changed_value_differs_and_stays_within_max_length() -> None:
    field = FieldSpec(type="string", max_length=10)

    assert changed_value(field, "sample") == "changed sa"
    assert changed_value(FieldSpec(type="boolean"), True) is False
    assert changed_value(FieldSpec(type="choice", choices=["a", "b"]), "a") == "b"


def test_invalid_values_of_a_uuid_include_one_mariadb_cannot_store() -> None:
    """Issue 8 fuzz seed 202007: MariaDB's uuid column refuses version 8 of the NCS variant;
    the API must answer it with a 400 (core.validators), never a 500."""
    cases = dict(invalid_values(FieldSpec(type="uuid")))

    assert cases == {
        "not_a_uuid": '"not-a-uuid"',
        "unstorable_uuid": '"5fef1477-2c1b-8315-715d-3f800c42d9a8"',
    }


def test_invalid_values_of_a_bounded_decimal() -> None:
    field = FieldSpec(type="decimal", max_digits=6, decimal_places=2, min=0, max=100)

    assert invalid_values(field) == [
        ("not_a_number", '"abc"'),
        ("nan", '"NaN"'),
        ("infinity", '"Infinity"'),
        ("too_many_digits", '"9999999"'),
        ("too_many_places", '"1.111"'),
        ("below_min", '"-0.01"'),
        ("above_max", '"100.01"'),
    ]


def test_a_sample_decimal_keeps_to_the_digits_sqlite_stores() -> None:
    """Issue 8 fuzz seed 50000: 0.99…9 (38 places) read back from SQLite's REAL as 1.0, which
    no longer fits the column, and every read of the row raised InvalidOperation (a 500)."""
    model = ModelSpec.model_validate(
        {
            "scope": "tenant",
            "fields": {
                "share": {"type": "decimal", "max_digits": 38, "decimal_places": 38, "min": 0},
                "exact": {"type": "decimal", "max_digits": 20, "decimal_places": 4, "min": 10},
            },
            "read": ["id"],
        }
    )

    values = sample_values(model)

    assert values["share"] == Decimal("0.999999999999999")
    assert float(values["share"]) < 1
    assert values["exact"] == Decimal("10.0000")


def test_a_sample_steps_below_a_forbidden_value_at_the_top_of_its_range() -> None:
    """Issue 8 fuzz seed 1215: max 0 and ``total != 0`` gave 0.01, past the range."""
    model = ModelSpec.model_validate(
        {
            "scope": "tenant",
            "fields": {"total": {"type": "decimal", "min": -1000, "max": 0}},
            "read": ["id"],
            "constraints": [{"check": "total != 0.00"}],
        }
    )

    assert sample_values(model)["total"] == Decimal("-0.01")


def test_a_sample_choice_avoids_every_value_the_checks_forbid() -> None:
    """Issue 8 fuzz seed 90056: two `!=` checks on one choice: the sample swung between the
    two forbidden values and the factory's row broke one of them."""
    model = ModelSpec.model_validate(
        {
            "scope": "tenant",
            "fields": {
                "state": {"type": "choice", "choices": ["shipped", "in_review", "approved"]}
            },
            "read": ["id"],
            "constraints": [{"check": "state != 'in_review'"}, {"check": "state != 'shipped'"}],
        }
    )

    assert sample_values(model)["state"] == "approved"


def test_a_sample_below_a_check_bound_stays_below_it_in_sqlite() -> None:
    """Issue 8 fuzz seed 90053: ``< 0.5`` with 20 places gave 0.49999999999999999999, which
    SQLite (a float) stores as 0.5: the check refused the create."""
    model = ModelSpec.model_validate(
        {
            "scope": "tenant",
            "fields": {
                "share": {"type": "decimal", "max_digits": 20, "decimal_places": 20, "max": 0.5}
            },
            "read": ["id"],
            "constraints": [{"check": "share < 0.5"}],
        }
    )

    value = sample_values(model)["share"]

    assert value < Decimal("0.5")
    assert float(value) < 0.5


def test_no_violating_value_against_a_field_the_create_leaves_null() -> None:
    """Issue 8 fuzz seed 100043: `order < comment_amount` with comment_amount written by no
    create: the row holds null there, so any order passes (the test expected a 400)."""
    booking = ModelSpec.model_validate(
        {
            "scope": "tenant",
            "fields": {
                "order": "date",
                "comment_amount": {"type": "date", "null": True, "required": False},
                "due": {"type": "date", "required": False, "default": "2030-01-01"},
            },
            "read": ["id"],
            "write": {"create": ["order"], "update": ["order", "comment_amount"]},
            "constraints": [{"check": "order < comment_amount"}, {"check": "order < due"}],
        }
    )
    values = sample_values(booking)

    assert violating_value(values, booking, "order < comment_amount") is None
    assert violating_value(values, booking, "order < due") == dt.date(2030, 1, 1)
