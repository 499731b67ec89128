"""Factories make rows every field constraint accepts, and rows that never clash (issue 8).

Each declaration of a generated factory is evaluated here as factory_boy would, for the first
few hundred sequence numbers: lengths, ranges and digits hold, and a unique field gives
distinct values (lowercase, as MariaDB's case-insensitive collations compare them).
"""

from __future__ import annotations

import datetime
import re
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from scaffold._context.build import build_domain
from scaffold._context.samples import sample_values
from scaffold._spec import DomainSpec, load_spec
from scaffold._spec.schema import FieldSpec
from tests.context.test_build import model

CLINIC = Path(__file__).resolve().parents[2] / "tests" / "e2e" / "specs" / "clinic.yaml"
ROWS = 300  # more than any generated test makes of one model


def tight_spec() -> DomainSpec:
    return DomainSpec.model_validate(
        {
            "domain": "tight",
            "models": {
                "Tag": {
                    "scope": "tenant",
                    "fields": {
                        "one": {"type": "string", "max_length": 1, "unique": True},
                        "two": {"type": "string", "max_length": 2, "unique": True},
                        "three": {"type": "string", "max_length": 3},
                        "five": {"type": "string", "max_length": 5, "required": False},
                        "mail": {"type": "email", "max_length": 12, "unique": True},
                        "link": {"type": "url", "max_length": 20, "unique": True},
                        "rank": {"type": "integer", "min": 3, "max": 7, "unique": True},
                        "low": {"type": "integer", "max": -5},
                        "below": {"type": "integer", "max": -5, "unique": True},
                        "debt": {
                            "type": "decimal",
                            "max_digits": 6,
                            "decimal_places": 2,
                            "max": "-0.5",
                            "unique": True,
                        },
                        "rate": {
                            "type": "decimal",
                            "max_digits": 3,
                            "decimal_places": 2,
                            "min": "0.05",
                            "unique": True,
                        },
                        "cap": {"type": "decimal", "max_digits": 2, "decimal_places": 1},
                        "kind": {"type": "choice", "choices": ["a", "b"], "default": "b"},
                    },
                    "read": ["id"],
                },
            },
        }
    )


class Sequence:
    def __init__(self, function: Any) -> None:
        self.function = function


class LazyFunction(Sequence):
    pass


class LazyAttribute:
    """A value derived from the row's others: evaluated once they are known."""

    def __init__(self, function: Any) -> None:
        self.function = function


class Anything:
    """What factory_boy would build later (SubFactory, LazyAttribute): not checked here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass


class FakeFactory:
    Sequence = Sequence
    LazyFunction = LazyFunction
    SubFactory = Anything
    LazyAttribute = LazyAttribute
    SelfAttribute = Anything


def declared_values(domain: dict[str, Any], name: str) -> dict[str, list[Any]]:
    """Each declared field's values for sequence numbers 0..ROWS-1 (a field cycled through
    few values with unused_value: as the rows of one scope take them, in order)."""
    calls = iter(range(10**6))

    def unused_value(model: Any, field: str, candidates: list[Any], *scopes: Any) -> Any:
        return candidates[next(calls) % len(candidates)]

    namespace: dict[str, Any] = {
        "unused_value": unused_value,
        "factory": FakeFactory,
        "datetime": datetime,
        "uuid": uuid,
        "Decimal": Decimal,
        "OrganizationFactory": None,
        "UserFactory": None,
        "MembershipFactory": None,
    }
    for other in domain["models"]:
        namespace[other["tests"]["factory"]] = None
        namespace[other["name"]] = type(other["name"], (), {})
    values: dict[str, list[Any]] = {}
    derived: dict[str, LazyAttribute] = {}
    for decl in model(domain, name)["tests"]["factory_decls"]:
        field, _, source = decl.partition(" = ")
        if "TextChoices" in source or re.match(r"[A-Z]\w*\.\w+\.[A-Z_]+$", source):
            continue  # a member of the model's choices class
        value = eval(source, namespace)  # our own generated source
        if isinstance(value, Anything):
            continue
        if isinstance(value, LazyAttribute):
            derived[field] = value
            continue
        if isinstance(value, Sequence) and not isinstance(value, LazyFunction):
            values[field] = [value.function(n) for n in range(ROWS)]
        elif isinstance(value, LazyFunction):
            values[field] = [value.function() for _ in range(ROWS)]
        else:
            values[field] = [value] * ROWS
    for field, lazy in derived.items():
        scopes = {"organization": None, "owner": None}  # what unused_value's scopes read
        rows = [
            SimpleNamespace(**{**scopes, **{f: v[n] for f, v in values.items()}})
            for n in range(ROWS)
        ]
        try:
            values[field] = [lazy.function(row) for row in rows]
        except AttributeError:
            continue  # it follows a related row (SubFactory): not checked here
    return values


def one_line(source: str) -> str:
    """Generated source with its calls joined onto one line (ruff lays them out later)."""
    source = re.sub(r"([(\[{])\s+", r"\1", source)
    source = re.sub(r",?\s+([)\]}])", r"\1", source)
    return re.sub(r",\s+", ", ", source)


@pytest.fixture(scope="module")
def tight() -> dict[str, Any]:
    return build_domain(tight_spec())


def test_strings_fit_max_lengths_under_six(tight: dict[str, Any]) -> None:
    values = declared_values(tight, "Tag")

    assert all(len(v) <= 3 for v in values["three"])
    assert all(len(v) <= 5 for v in values["five"])
    assert all(len(v) == 1 for v in values["one"])
    assert all(len(v) <= 2 for v in values["two"])


def test_unique_values_are_distinct_even_without_regard_to_case(tight: dict[str, Any]) -> None:
    values = declared_values(tight, "Tag")

    # Sequences wrap around where the length runs out: any run of consecutive rows shorter
    # than the room is distinct (34 letters and digits for one character, the payloads' "n"
    # and "c" left out; 256 for two), and a generated test makes 25 rows at most.
    for field, room in (("one", 34), ("two", 256), ("mail", ROWS), ("link", ROWS), ("rate", ROWS)):
        window = values[field][ROWS - room :]
        assert len({str(v).lower() for v in window}) == room, field


def test_emails_and_urls_fit_short_max_lengths(tight: dict[str, Any]) -> None:
    values = declared_values(tight, "Tag")

    assert all(len(v) <= 12 and re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", v) for v in values["mail"])
    assert all(len(v) <= 20 and v.startswith("http") for v in values["link"])


def test_numbers_stay_within_min_max_and_digits(tight: dict[str, Any]) -> None:
    values = declared_values(tight, "Tag")

    assert all(3 <= v <= 7 for v in values["rank"])
    assert all(v <= -5 for v in values["low"])
    assert all(-1005 <= v <= -5 for v in values["below"])
    assert all(Decimal("-9999.99") <= v <= Decimal("-0.5") for v in values["debt"])
    assert len(set(values["below"])) == len(set(values["debt"])) == ROWS
    assert all(Decimal("0.05") <= v <= Decimal("9.99") for v in values["rate"])
    assert all(v.as_tuple().exponent >= -2 for v in values["rate"])
    assert all(abs(v) <= Decimal("9.9") for v in values["cap"])


def test_decimals_of_38_digits_keep_every_digit() -> None:
    spec = DomainSpec.model_validate(
        {
            "domain": "ledger",
            "models": {
                "Entry": {
                    "scope": "tenant",
                    "fields": {
                        "amount": {"type": "decimal", "max_digits": 38, "decimal_places": 0},
                        "top": {
                            "type": "decimal",
                            "max_digits": 38,
                            "decimal_places": 0,
                            "max": "99999999999999999999999999999999999998",
                        },
                    },
                    "read": ["id"],
                },
            },
        }
    )

    spec.models["Entry"].fields["mid"] = FieldSpec.model_validate(
        {"type": "decimal", "max_digits": 38, "decimal_places": 0, "min": "-1" + "0" * 30}
    )

    cases = model(build_domain(spec), "Entry")["tests"]["ranges"]

    # The default decimal context (28 digits) would round these bounds away. A value just past
    # a bound must stay past it on SQLite too (a float: 15 significant digits), so it steps
    # 10**(exponent - 13) away: past 10**38 - 2 that no longer fits the column, and the bound is
    # left to the validators (and the API's 400 tests). -10**30 steps 10**17 below.
    assert [c["value"] for c in cases] == ['Decimal("-1000000000000100000000000000000")']


def test_a_sequence_stays_off_fields_that_checks_compare() -> None:
    domain = build_domain(load_spec(CLINIC))
    decls = model(domain, "Patient")["tests"]["factory_decls"]

    # (family_name, given_name, born_on) is unique and died_on >= born_on is checked: one
    # sequence keeps the rows apart, on the name, so born_on stays where the check expects it.
    assert "family_name = factory.Sequence(" in "\n".join(decls)
    assert "born_on = datetime.date(2026, 1, 15)" in decls


def test_a_unique_set_is_sequenced_on_its_field_with_the_most_room() -> None:
    """Issue 8 fuzz seed 10015: a decimal whose range held one value (max 0, default 0) took
    the sequence of ``unique: [level, starts_at]``, and the second row clashed."""
    spec = DomainSpec.model_validate(
        {
            "domain": "ranked",
            "models": {
                "Course": {
                    "scope": "tenant",
                    "fields": {
                        "level": {
                            "type": "decimal",
                            "max_digits": 5,
                            "decimal_places": 4,
                            "min": 0,
                            "max": 0,
                            "default": 0,
                            "required": False,
                        },
                        "starts_at": "datetime",
                        "seats": {"type": "integer", "min": 1, "max": 2},
                    },
                    "read": ["id"],
                    "constraints": [{"unique": ["level", "starts_at"]}, {"unique": ["seats"]}],
                },
            },
        }
    )
    decls = "\n".join(model(build_domain(spec), "Course")["tests"]["factory_decls"])

    assert "starts_at = factory.Sequence(" in decls
    assert "level = factory.Sequence(" not in decls
    # A field alone in its unique set varies however little room it has: two values cycle
    # scope by scope.
    assert "seats = factory.LazyAttribute(lambda row: unused_value(" in decls


def test_a_negative_or_zero_maximum_leaves_room_below_it() -> None:
    spec = DomainSpec.model_validate(
        {
            "domain": "below",
            "models": {
                "Reading": {
                    "scope": "tenant",
                    "fields": {"delta": {"type": "integer", "max": 0, "unique": True}},
                    "read": ["id"],
                },
            },
        }
    )
    values = declared_values(build_domain(spec), "Reading")["delta"]

    assert len(set(values)) == ROWS
    assert max(values) <= 0


def test_a_user_foreign_key_is_a_member_of_the_rows_organization() -> None:
    domain = build_domain(load_spec(CLINIC))
    decls = "\n".join(model(domain, "Appointment")["tests"]["factory_decls"])

    assert "clinician = factory.LazyAttribute(" in decls
    assert "MembershipFactory(organization=row.patient.organization).user" in decls


def test_optional_foreign_keys_are_filled_in_the_rows_scope() -> None:
    domain = build_domain(load_spec(CLINIC))
    decls = "\n".join(model(domain, "Appointment")["tests"]["factory_decls"])

    assert "room = factory.SubFactory(" in decls
    assert 'organization=factory.SelfAttribute("..patient.organization")' in decls


def test_a_sequenced_number_stays_inside_the_checks_against_constants() -> None:
    """Issue 8 fuzz seed 50001: ``request`` (unique, min 100) with ``check: request > 100``
    started its sequence at 100, and the first row broke the check."""
    spec = DomainSpec.model_validate(
        {
            "domain": "tokens",
            "models": {
                "Token": {
                    "scope": "tenant",
                    "fields": {
                        "request": {"type": "integer", "min": 100, "unique": True},
                        "rate": {"type": "decimal", "max_digits": 4, "decimal_places": 1},
                        "slot": {"type": "integer", "min": 0, "max": 10, "unique": True},
                    },
                    "read": ["id"],
                    "constraints": [
                        {"unique": ["rate"]},
                        {"check": "request > 100"},
                        {"check": "rate < 50"},
                        {"check": "slot != 3"},
                    ],
                },
            },
        }
    )

    values = declared_values(build_domain(spec), "Token")

    # 101 is the sample payloads send: the sequence starts past it.
    assert sample_values(spec.models["Token"])["request"] == 101
    assert min(values["request"]) == 102
    assert max(values["rate"]) < 50
    assert 3 not in values["slot"]
    assert set(values["slot"]) == {4, 5, 6, 7, 8, 9, 10}


@pytest.mark.parametrize(
    "field",
    [
        pytest.param({"type": "integer", "min": 1, "max": 5}, id="five-values-cycled"),
        pytest.param({"type": "integer", "min": 1, "max": 40}, id="bounded"),
        pytest.param({"type": "integer"}, id="unbounded"),
        pytest.param({"type": "integer", "min": 5, "max": 200}, id="payload-at-the-bottom"),
        pytest.param({"type": "decimal", "max_digits": 3, "decimal_places": 1}, id="decimal"),
        pytest.param(
            {"type": "decimal", "max_digits": 2, "decimal_places": 1, "min": 0, "max": 0.5},
            id="decimal-cycled",
        ),
    ],
)
def test_a_unique_number_never_takes_the_value_the_create_sends(field: dict[str, Any]) -> None:
    """Issue 8 fuzz seed 160068: ``quota`` (unique, 1..5) took ``n % 5 + 1`` from a
    session-wide sequence: the own row of one access-matrix test held 5, the create's value,
    and the create was a 400. Sequences skip the payloads' value; few values cycle per scope
    with it last."""
    spec = DomainSpec.model_validate(
        {
            "domain": "clinic",
            "models": {
                "Prescription": {
                    "scope": "tenant",
                    "fields": {"quota": {**field, "unique": True}},
                    "read": ["id"],
                    "write": ["quota"],
                },
            },
        }
    )
    domain = build_domain(spec)
    tests = model(domain, "Prescription")["tests"]
    [create] = [i["source"] for i in tests["create_payload"] if i["key"] == "quota"]
    [update] = [i["source"] for i in tests["update_payload"] if i["key"] == "quota"]
    sent = Decimal(create.strip('"'))
    values = [Decimal(v) for v in declared_values(domain, "Prescription")["quota"]]
    room = tests["list_rows"]

    assert update == create
    if "unused_value" in "\n".join(tests["factory_decls"]):
        # One scope's rows take every other value before the create's.
        assert sent not in values[: room - 1]
    else:
        assert sent not in values
    assert all(len(set(values[n : n + room])) == room for n in range(0, ROWS - room, 7))


def test_a_unique_choice_cycles_through_its_allowed_values_and_caps_the_test_rows() -> None:
    """Issue 8 (F7): a unique choice of three values per organization cannot hold the 25 rows
    the list query-count test made; the factory cycles through the values the checks allow
    and the tests make as many rows as fit."""
    spec = DomainSpec.model_validate(
        {
            "domain": "slots",
            "models": {
                "Slot": {
                    "scope": "tenant",
                    "fields": {
                        "kind": {
                            "type": "choice",
                            "choices": ["morning", "noon", "evening", "night"],
                            "unique": True,
                        },
                        "open": {"type": "boolean", "unique": True, "default": True},
                    },
                    "read": ["id"],
                    "constraints": [{"check": "kind != 'night'"}],
                },
                "Seat": {
                    "scope": "tenant",
                    "fields": {"number": {"type": "integer", "min": 1, "max": 40, "unique": True}},
                    "read": ["id"],
                },
            },
        }
    )
    domain = build_domain(spec)
    slot = model(domain, "Slot")["tests"]
    decls = one_line("\n".join(slot["factory_decls"]))

    # Each row takes the first value its organization has not used; the payloads' values
    # (morning, then noon; True) come last.
    kind = "[Slot.Kind.EVENING, Slot.Kind.NOON, Slot.Kind.MORNING]"
    scope = '{"organization": row.organization}'
    lazy = "factory.LazyAttribute(lambda row: unused_value"
    assert f'kind = {lazy}(Slot, "kind", {kind}, {scope}))' in decls
    assert "NIGHT" not in decls
    assert f'open = {lazy}(Slot, "open", [False, True], {scope}))' in decls
    assert (slot["list_rows"], slot["admin_rows"]) == (2, 2)  # never fewer than two
    seat = model(domain, "Seat")["tests"]
    assert (seat["list_rows"], seat["admin_rows"]) == (25, 13)


def test_a_foreign_key_into_another_domains_child_model_is_made_through_its_parent() -> None:
    """Issue 8 fuzz seed 80003: ``InvoiceFactory(organization=...)`` for another domain's
    Invoice scoped through its Ward, which has no organization field of its own."""
    ward = DomainSpec.model_validate(
        {
            "domain": "wards",
            "models": {
                "Ward": {"scope": "tenant", "fields": {"name": "string"}, "read": ["id"]},
                "Invoice": {
                    "scope": {"parent": "ward"},
                    "fields": {"ward": {"type": "foreign_key", "to": "Ward"}},
                    "read": ["id"],
                },
            },
        }
    )
    patients = DomainSpec.model_validate(
        {
            "domain": "patients",
            "models": {
                "Patient": {
                    "scope": "tenant",
                    "fields": {"invoice": {"type": "foreign_key", "to": "wards.Invoice"}},
                    "read": ["id"],
                },
            },
        }
    )

    decls = "\n".join(
        model(build_domain(patients, {"wards": ward}), "Patient")["tests"]["factory_decls"]
    )

    assert "ward__organization=factory.SelfAttribute(" in decls


def test_the_rows_a_test_makes_fit_the_models_each_row_points_to() -> None:
    """Issue 8 fuzz seed 90065: each parcel made two batches of its owner, and a batch's unique
    one-character width holds 34 values: 25 parcels needed 50 batches."""
    spec = DomainSpec.model_validate(
        {
            "domain": "depot",
            "models": {
                "Batch": {
                    "scope": "owner",
                    "fields": {"width": {"type": "string", "max_length": 1, "unique": True}},
                    "read": ["id"],
                },
                "Parcel": {
                    "scope": "owner",
                    "fields": {
                        "first": {"type": "foreign_key", "to": "Batch"},
                        "second": {"type": "foreign_key", "to": "Batch"},
                    },
                    "read": ["id"],
                },
            },
        }
    )
    domain = build_domain(spec)

    assert model(domain, "Batch")["tests"]["list_rows"] == 25
    assert model(domain, "Parcel")["tests"]["list_rows"] == 17  # 34 // 2
    assert model(domain, "Parcel")["tests"]["admin_rows"] == 9


@pytest.mark.parametrize("operator", [">=", "<=", "!=", ">", "<"])
@pytest.mark.parametrize("kind", ["date", "datetime", "integer", "decimal"])
def test_a_field_compared_with_a_sequenced_one_keeps_the_check(operator: str, kind: str) -> None:
    """Issue 8 fuzz seed 101028: `visits != label` with label unique (a sequence of days from
    the day before visits): the second row had label == visits."""
    spec = DomainSpec.model_validate(
        {
            "domain": "school",
            "models": {
                "Lesson": {
                    "scope": "tenant",
                    "fields": {"visits": kind, "label": {"type": kind, "unique": True}},
                    "read": ["id"],
                    "constraints": [{"check": f"visits {operator} label"}],
                },
            },
        }
    )
    values = declared_values(build_domain(spec), "Lesson")
    holds = {
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        "!=": lambda a, b: a != b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
    }[operator]

    assert len(set(values["label"])) == ROWS
    assert all(holds(a, b) for a, b in zip(values["visits"], values["label"], strict=True))


def test_a_naive_datetime_default_compared_with_a_sequenced_field_is_read_as_utc(
    tmp_path: Path,
) -> None:
    """Issue 8 fuzz seed 160167: `visits <= title`, title defaulting to a naive YAML timestamp
    and visits unique: new-domain crashed subtracting the naive default from an aware sample."""
    path = tmp_path / "desk.yaml"
    path.write_text(
        "domain: desk\n"
        "models:\n"
        "  Ticket:\n"
        "    scope: owner\n"
        "    fields:\n"
        "      title: {type: datetime, required: false, default: 2024-02-29 23:59:59}\n"
        "      visits: {type: datetime, unique: true}\n"
        "    read: [id]\n"
        "    constraints:\n"
        "    - {check: visits <= title}\n"
    )
    spec = load_spec(path)
    values = declared_values(build_domain(spec), "Ticket")

    assert spec.models["Ticket"].fields["title"].default == datetime.datetime(
        2024, 2, 29, 23, 59, 59, tzinfo=datetime.UTC
    )
    assert len(set(values["visits"])) == ROWS
    assert all(a <= b for a, b in zip(values["visits"], values["title"], strict=True))


def test_a_decimal_sequence_starts_at_a_value_sqlite_reads_back_in_its_column() -> None:
    """Issue 8 fuzz seed 100014: 20 places and no min start at -0.99…9 (20 nines), which SQLite
    (a float) reads back as -1.0: 21 digits, and Django's read raised InvalidOperation."""
    spec = DomainSpec.model_validate(
        {
            "domain": "shop",
            "models": {
                "Manager": {
                    "scope": "none",
                    "fields": {
                        "price": {
                            "type": "decimal",
                            "max_digits": 20,
                            "decimal_places": 20,
                            "max": "0.5",
                            "unique": True,
                        }
                    },
                    "read": ["id"],
                },
            },
        }
    )
    prices = declared_values(build_domain(spec), "Manager")["price"]

    assert all(-1 < float(price) <= 0.5 for price in prices)
    assert len(set(prices)) == ROWS


def test_optional_links_to_a_model_with_few_rows_to_spare_stay_empty() -> None:
    """Issue 8 fuzz seed 120036: a reading's unique choice leaves an organization two rows,
    and each parcel made three readings (its parent and two optional links)."""
    spec = DomainSpec.model_validate(
        {
            "domain": "meter",
            "models": {
                "Reading": {
                    "scope": "tenant",
                    "fields": {"kind": {"type": "choice", "choices": ["a", "b"], "unique": True}},
                    "read": ["id"],
                },
                "Parcel": {
                    "scope": {"parent": "reading"},
                    "fields": {
                        "reading": {"type": "foreign_key", "to": "Reading"},
                        "first": {
                            "type": "foreign_key",
                            "to": "Reading",
                            "null": True,
                            "required": False,
                            "on_delete": "set_null",
                        },
                    },
                    "read": ["id"],
                },
            },
        }
    )
    parcel = model(build_domain(spec), "Parcel")["tests"]

    assert "first = None" in parcel["factory_decls"]
    assert parcel["list_rows"] == 2


def test_the_rows_a_test_makes_fit_another_domains_model_they_point_to() -> None:
    """Issue 8 fuzz seed 120040: each row made two appointments, each an item of another
    domain whose unique one-character code leaves an organization 34 rows: 25 rows needed 50."""
    stock = DomainSpec.model_validate(
        {
            "domain": "stock",
            "models": {
                "Item": {
                    "scope": "tenant",
                    "fields": {"code": {"type": "string", "max_length": 1, "unique": True}},
                    "read": ["id"],
                },
            },
        }
    )
    visits = DomainSpec.model_validate(
        {
            "domain": "visits",
            "models": {
                "Appointment": {
                    "scope": "tenant",
                    "fields": {"item": {"type": "foreign_key", "to": "stock.Item"}},
                    "read": ["id"],
                },
                "Note": {
                    "scope": "tenant",
                    "fields": {
                        "first": {"type": "foreign_key", "to": "Appointment"},
                        "second": {"type": "foreign_key", "to": "Appointment"},
                    },
                    "read": ["id"],
                },
            },
        }
    )
    domain = build_domain(visits, {"stock": stock})

    assert model(domain, "Appointment")["tests"]["list_rows"] == 25
    assert model(domain, "Note")["tests"]["list_rows"] == 17  # 34 // 2


def test_a_cycle_ignores_a_unique_set_with_a_field_the_factory_leaves_null() -> None:
    """Issue 8 fuzz seed 160036: ``unique: [rank, price]`` with price optional and nullable:
    the factory leaves price out (null never clashes) and the cycle read ``row.price``, which
    factory_boy does not know: every test of the model errored at setup."""
    spec = DomainSpec.model_validate(
        {
            "domain": "net",
            "models": {
                "Router": {
                    "scope": "owner",
                    "fields": {
                        "rank": {"type": "choice", "choices": ["open", "paid", "draft"]},
                        "price": {"type": "datetime", "null": True, "required": False},
                    },
                    "read": ["id"],
                    "write": ["rank", "price"],
                    "constraints": [{"unique": ["rank"]}, {"unique": ["rank", "price"]}],
                },
            },
        }
    )
    decls = one_line("\n".join(model(build_domain(spec), "Router")["tests"]["factory_decls"]))

    assert "price" not in decls
    assert '{"owner": row.owner})' in decls


@pytest.mark.parametrize(("operator", "holds"), [("<=", "__le__"), (">=", "__ge__")])
def test_a_sequence_stays_on_the_allowed_side_of_a_default_the_create_keeps(
    operator: str, holds: str
) -> None:
    """Issue 8 fuzz seed 160167: ``visits <= title``, title left to its default by the create
    (and so by the admin's add form), visits unique: its sequence walked a day a row past the
    default, and the admin add test's row broke the check."""
    moment = datetime.datetime(2024, 2, 29, 23, 59, 59, tzinfo=datetime.UTC)
    spec = DomainSpec.model_validate(
        {
            "domain": "desk",
            "models": {
                "Ticket": {
                    "scope": "owner",
                    "fields": {
                        "title": {"type": "datetime", "required": False, "default": moment},
                        "visits": {"type": "datetime", "unique": True},
                        "code": {"type": "string"},
                    },
                    "read": ["id"],
                    "write": ["visits", "code"],
                    "constraints": [{"check": f"visits {operator} title"}],
                },
            },
        }
    )
    values = declared_values(build_domain(spec), "Ticket")

    assert set(values["title"]) == {moment}  # the factory keeps the default too
    assert len(set(values["visits"])) == ROWS
    assert all(getattr(v, holds)(moment) for v in values["visits"])


def test_a_sequence_stays_below_a_value_the_update_sets_on_its_compared_field() -> None:
    """Issue 8 fuzz seed 180029: ``size <= note``, size unique (a sequence of days) and left
    out of the update, note set by the update payload to its sample: the own row's size had
    walked past it, and every update answered 400."""
    spec = DomainSpec.model_validate(
        {
            "domain": "lab",
            "models": {
                "Sample": {
                    "scope": "tenant",
                    "fields": {
                        "size": {"type": "date", "null": True, "required": False},
                        "note": {"type": "date"},
                    },
                    "read": ["id"],
                    "write": {"create": ["size", "note"], "update": ["note"]},
                    "constraints": [{"unique": ["size"]}, {"check": "size <= note"}],
                },
            },
        }
    )
    domain = build_domain(spec)
    values = declared_values(domain, "Sample")
    [update] = [i["source"] for i in model(domain, "Sample")["tests"]["update_payload"]]
    updated_note = datetime.date.fromisoformat(update.strip('"'))

    assert len(set(values["size"])) == ROWS
    assert all(size <= updated_note for size in values["size"])


def test_the_rows_a_test_makes_share_the_room_of_every_model_their_factories_fill() -> None:
    """Issue 8 fuzz seed 190080: a shipment makes four rows of a model with 50 values of room
    (one directly, three through its prescription); the room was taken per link (50 // 3 =
    16, eight admin rows), and the admin test's rows repeated a value."""
    link = {"type": "foreign_key", "to": "Gauge"}
    spec = DomainSpec.model_validate(
        {
            "domain": "pharmacy",
            "models": {
                "Gauge": {
                    "scope": "tenant",
                    "fields": {
                        "price": {
                            "type": "decimal",
                            "max_digits": 2,
                            "decimal_places": 2,
                            "min": 0,
                            "max": 0.5,
                            "unique": True,
                        }
                    },
                    "read": ["id"],
                },
                "Prescription": {
                    "scope": "tenant",
                    "fields": {"first": link, "second": link, "third": link},
                    "read": ["id"],
                },
                "Shipment": {
                    "scope": {"parent": "prescription"},
                    "fields": {
                        "prescription": {"type": "foreign_key", "to": "Prescription"},
                        "gauge": link,
                    },
                    "read": ["id"],
                    "roles": {"list": "member"},
                },
            },
        }
    )
    shipment = model(build_domain(spec), "Shipment")["tests"]

    assert (shipment["list_rows"], shipment["admin_rows"]) == (12, 6)  # 50 // 4, then halved


def test_a_childs_global_unique_set_caps_its_rows() -> None:
    """Issue 8 fuzz seed 200091: a child's rows each get a parent of their own, so its unique
    sets (the parent leads them) never run out; one unique across scopes has no parent in
    it: nine values of a global price, and the list query test made 25 rows."""
    spec = DomainSpec.model_validate(
        {
            "domain": "code",
            "models": {
                "Clause": {
                    "scope": "tenant",
                    "fields": {"title": {"type": "string", "max_length": 40}},
                    "read": ["id"],
                },
                "Batch": {
                    "scope": {"parent": "page"},
                    "fields": {
                        "page": {"type": "foreign_key", "to": "Clause"},
                        "price": {
                            "type": "decimal",
                            "max_digits": 1,
                            "decimal_places": 0,
                            "min": 1,
                            "max": 9,
                        },
                    },
                    "read": ["id"],
                    "roles": {"list": "member"},
                    "constraints": [{"unique": ["price"], "within": "global"}],
                },
            },
        }
    )
    batch = model(build_domain(spec), "Batch")["tests"]

    # Eight of the nine: the factory's sequence never takes the create's value; then halved.
    assert (batch["list_rows"], batch["admin_rows"]) == (8, 4)


def test_payloads_leave_the_links_the_factory_spares_empty() -> None:
    """Issue 8 fuzz seed 200090: three optional links to a model with a unique choice of three
    values; the factory left them empty, the create payload and kwargs made a row for each,
    and with the own row's that made four."""
    link = {"type": "foreign_key", "to": "Grade", "null": True, "required": False}
    spec = DomainSpec.model_validate(
        {
            "domain": "school",
            "models": {
                "Grade": {
                    "scope": "tenant",
                    "fields": {"level": {"type": "choice", "choices": ["a", "b", "c"]}},
                    "read": ["id"],
                    "constraints": [{"unique": ["level"]}],
                },
                "Summary": {
                    "scope": "tenant",
                    "fields": {"first": link, "second": link},
                    "read": ["id"],
                    "write": {"create": ["first", "second"], "update": ["first", "second"]},
                },
            },
        }
    )
    tests = model(build_domain(spec), "Summary")["tests"]

    assert set(tests["spared_links"]) == {"first", "second"}
    for payload in ("create_payload", "update_payload", "create_kwargs"):
        sources = {item["key"]: item["source"] for item in tests[payload]}
        assert (sources["first"], sources["second"]) == ("None", "None"), payload


def test_a_link_that_would_leave_room_for_one_row_reuses_the_scopes_row() -> None:
    """Issue 8 fuzz seed 201026: each patient made two batches, a unique choice of three
    values per organization (one through its appointment's query, one through its own
    query); the tests' second patient found one left. Its own query now reuses the scope's
    row: one batch a patient, room for three."""
    spec = DomainSpec.model_validate(
        {
            "domain": "clinic",
            "models": {
                "Batch": {
                    "scope": "tenant",
                    "fields": {"code": {"type": "choice", "choices": ["a", "b", "c"]}},
                    "read": ["id"],
                    "constraints": [{"unique": ["code"]}],
                },
                "Query": {
                    "scope": {"parent": "entry"},
                    "fields": {"entry": {"type": "foreign_key", "to": "Batch"}},
                    "read": ["id"],
                },
                "Appointment": {
                    "scope": "tenant",
                    "fields": {"label": {"type": "foreign_key", "to": "Query"}},
                    "read": ["id"],
                },
                "Patient": {
                    "scope": {"parent": "partial"},
                    "fields": {
                        "partial": {"type": "foreign_key", "to": "Appointment"},
                        "query": {"type": "foreign_key", "to": "Query"},
                    },
                    "read": ["id"],
                    "write": {"create": ["partial", "query"]},
                    "roles": {"list": "member"},
                },
            },
        }
    )
    patient = model(build_domain(spec), "Patient")["tests"]

    assert patient["list_rows"] == 3
    assert (
        "query = factory.LazyAttribute(lambda row: row_in_scope(QueryFactory, "
        "entry__organization=row.partial.organization))"
    ) in patient["factory_decls"]
    # The payloads link to that row too (fuzz seed 202022: an update's three fresh rows).
    [create] = [i["source"] for i in patient["create_payload"] if i["key"] == "query"]
    assert create == "row_in_scope(QueryFactory, entry__organization=organization).pk"
    appointment = model(build_domain(spec), "Appointment")["tests"]
    assert "label = factory.SubFactory(" in appointment["factory_decls"][1]  # room enough


def test_payloads_fill_a_spared_link_that_a_unique_set_holds() -> None:
    """Issue 8 fuzz seed 220009: a self link spared by the factory (ten values of a unique
    reference) sent empty by the payloads: the duplicate-parent test sent two empty parents,
    which never clash, and the unique set on parent went unproven."""
    spec = DomainSpec.model_validate(
        {
            "domain": "ship",
            "models": {
                "Shipment": {
                    "scope": "tenant",
                    "fields": {
                        "reference": {
                            "type": "decimal",
                            "max_digits": 1,
                            "decimal_places": 1,
                            "min": 0,
                            "unique": True,
                        },
                        "parent": {
                            "type": "foreign_key",
                            "to": "Shipment",
                            "null": True,
                            "required": False,
                            "on_delete": "set_null",
                        },
                    },
                    "read": ["id"],
                    "write": {"create": ["reference", "parent"]},
                    "constraints": [{"unique": ["parent"]}],
                },
            },
        }
    )
    tests = model(build_domain(spec), "Shipment")["tests"]

    [parent] = [i["source"] for i in tests["create_kwargs"] if i["key"] == "parent"]
    assert parent == "ShipmentFactory(organization=organization)"


def test_a_one_character_unique_string_never_takes_what_the_payloads_send() -> None:
    """Issue 8 fuzz seed 230015: the own row's sequence reached "c", the update's value (the
    update changed nothing), and "n", the create's (a 400); nor a value a check forbids."""
    spec = DomainSpec.model_validate(
        {
            "domain": "grades",
            "models": {
                "Grade": {
                    "scope": "none",
                    "fields": {"rank": {"type": "string", "max_length": 1}},
                    "read": ["id"],
                    "write": ["rank"],
                    "constraints": [{"unique": ["rank"]}, {"check": "rank != 'x'"}],
                },
            },
        }
    )
    domain = build_domain(spec)
    tests = model(domain, "Grade")["tests"]
    sent = {
        item["source"].strip('"')
        for key in ("create_payload", "update_payload")
        for item in tests[key]
    }
    taken = set(declared_values(domain, "Grade")["rank"])

    assert sent == {"n", "c"}
    assert len(taken) == 33 and not taken & (sent | {"x"})


def test_a_link_in_a_unique_set_with_a_sequenced_field_may_share_the_scopes_row() -> None:
    """Issue 8 fuzz seed 240042: a token's parent and its vendor each made a shipment, a
    unique choice of three values; ``vendor`` is in ``[vendor, code]``, which ``code``'s
    sequence keeps apart, so it may reuse the scope's vendor. A set of keys alone may not."""
    vendor = {"type": "foreign_key", "to": "Vendor"}
    spec = DomainSpec.model_validate(
        {
            "domain": "ship",
            "models": {
                "Shipment": {
                    "scope": "tenant",
                    "fields": {"score": {"type": "choice", "choices": ["a", "b", "c"]}},
                    "read": ["id"],
                    "constraints": [{"unique": ["score"]}],
                },
                "Vendor": {
                    "scope": {"parent": "shipment"},
                    "fields": {"shipment": {"type": "foreign_key", "to": "Shipment"}},
                    "read": ["id"],
                },
                "Token": {
                    "scope": {"parent": "holder"},
                    "fields": {
                        "holder": vendor,
                        "vendor": vendor,
                        "code": {"type": "string", "max_length": 1},
                    },
                    "read": ["id"],
                    "roles": {"list": "member"},
                    "constraints": [{"unique": ["vendor", "code"]}],
                },
                "Pairing": {
                    "scope": {"parent": "holder"},
                    "fields": {"holder": vendor, "vendor": vendor},
                    "read": ["id"],
                    "constraints": [{"unique": ["vendor"]}],
                },
            },
        }
    )
    domain = build_domain(spec)
    token = model(domain, "Token")["tests"]
    pairing = model(domain, "Pairing")["tests"]

    assert token["list_rows"] == 3
    assert any("row_in_scope(VendorFactory" in d for d in token["factory_decls"])
    assert not any("row_in_scope(" in d for d in pairing["factory_decls"])
