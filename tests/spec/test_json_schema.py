"""The JSON Schema editors use refuses what it can of what the CLI refuses, and never refuses a
spec the CLI accepts (issue 8: it accepted `min: 'abc'` and any default)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec import read_spec, spec_json_schema
from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).parents[2]
ACCEPTED_SPECS = sorted(
    {
        *ROOT.glob("tests/spec/valid/*.yaml"),
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("tests/e2e/specs/*.yaml"),
        *ROOT.glob("tests/golden/data/*.yaml"),
    }
)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = spec_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_an_editor_sees_it(value: Any) -> Any:
    """YAML as JSON: an editor's YAML 1.2 reads an unquoted date as text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_an_editor_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_an_editor_sees_it(item) for item in value]
    return value


def _minimal(changes: dict[str, Any]) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "tests/spec/valid/minimal.yaml").read_text())
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[int(part) if part.isdigit() else part]
        node[last] = value
    return data


def _cli_refuses(data: dict[str, Any]) -> bool:
    try:
        return bool(check_spec(DomainSpec.model_validate(data)))
    except ValueError:  # pydantic's ValidationError
        return True


@pytest.mark.parametrize("path", ACCEPTED_SPECS, ids=lambda path: path.name)
def test_the_schema_accepts_every_spec_the_cli_accepts(path: Path, validator: Any) -> None:
    _, raw = read_spec(path)

    assert [error.message for error in validator.iter_errors(as_an_editor_sees_it(raw))] == []


ACCEPTED_CHANGES = [
    {
        "models.Product.transitions": {
            "check_in": {"field": "status", "from": ["draft"], "to": "live", "role": "admin"}
        },
        "models.Product.roles": {"list": "member", "check_in": "admin"},
    },
    {"models.Product.fields.price": {"type": "decimal", "min": "0.5", "max": 10}},
    {
        "models.Product.fields.when": {
            "type": "date",
            "default": datetime.date(2024, 1, 31),
            "required": False,
        }
    },
    {"models.Product.fields.n": {"type": "integer", "required": False, "null": True}},
    {"models.Product.fields.a1": {"type": "text", "required": False}},
    {"domain": "clinic_calendar"},
]


@pytest.mark.parametrize("changes", ACCEPTED_CHANGES)
def test_the_schema_accepts_these_variants_the_cli_accepts(
    changes: dict[str, Any], validator: Any
) -> None:
    data = _minimal(changes)
    assert not _cli_refuses(data)

    assert list(validator.iter_errors(as_an_editor_sees_it(data))) == []


def _field(**spec: Any) -> dict[str, Any]:
    return {"models.Product.fields.extra": spec}


REFUSED = {
    "domain not snake_case": {"domain": "Shop"},
    "domain with a trailing newline": {"domain": "shop\n"},
    "domain shadowing the stdlib": {"domain": "calendar"},
    "domain shadowing a package": {"domain": "factory"},
    "domain a keyword": {"domain": "class"},
    "model not CamelCase": {
        "models.tag": {"scope": "tenant", "fields": {"a": "text"}, "read": ["id"]}
    },
    "model reserved": {"models.User": {"scope": "tenant", "fields": {"a": "text"}, "read": ["id"]}},
    "field with __": _field(type="text", required=False) | {"models.Product.fields.a__b": "json"},
    "field ending in _": {"models.Product.fields.a_": {"type": "text", "required": False}},
    "field a model attribute": {
        "models.Product.fields.clean_fields": {"type": "json", "null": True}
    },
    "field reserved": {"models.Product.fields.created_at": {"type": "date", "null": True}},
    "transition an HTTP method": {
        "models.Product.transitions.get": {
            "field": "status",
            "from": ["draft"],
            "to": "live",
            "role": "admin",
        }
    },
    "transition a CRUD action": {
        "models.Product.transitions.update": {
            "field": "status",
            "from": ["draft"],
            "to": "live",
            "role": "admin",
        }
    },
    "min not a number": {"models.Product.fields.price": {"type": "decimal", "min": "abc"}},
    "max_length on an integer": _field(type="integer", null=True, max_length=3),
    "min on a string": _field(type="string", required=False, min=1),
    "choice without choices": _field(type="choice", default="a"),
    "choice not snake_case": _field(type="choice", choices=["A b"], default="A b"),
    "foreign key without to": _field(type="foreign_key", null=True),
    "foreign key to a malformed target": _field(type="foreign_key", to="geo.country", null=True),
    "foreign key with a default": _field(type="foreign_key", to="Category", default=1),
    "set_null without null": _field(
        type="foreign_key", to="Category", on_delete="set_null", required=False
    ),
    "related_name not snake_case": _field(
        type="foreign_key", to="Category", null=True, related_name="Products"
    ),
    "unique text": _field(type="text", required=False, unique=True),
    "string default a number": _field(type="string", default=5),
    "integer default text": _field(type="integer", default="5"),
    "decimal default text": _field(type="decimal", default="1.5"),
    "boolean default text": _field(type="boolean", default="yes"),
    "date default not a date": _field(type="date", default="tomorrow"),
    "optional integer without default or null": _field(type="integer", required=False),
    "constraint name too long": {
        "models.Product.constraints": [{"unique": ["name"], "name": "x" * 61}]
    },
    "constraint name not snake_case": {
        "models.Product.constraints": [{"unique": ["name"], "name": "U"}]
    },
    "check that is not a comparison": {"models.Product.constraints": [{"check": "price"}]},
    "empty index": {"models.Product.indexes": [[]]},
    "nested read naming two keys": {"models.Product.read": ["id", {"a": ["id"], "b": ["id"]}]},
    "read name with a newline": {"models.Product.read": ["id", "name\n"]},
    "field name longer than a column": {
        f"models.Product.fields.{'x' * 64}": {"type": "json", "null": True}
    },
    "max_length beyond a VARCHAR": _field(type="string", max_length=20000, required=False),
}


@pytest.mark.parametrize("changes", REFUSED.values(), ids=REFUSED.keys())
def test_the_schema_refuses_what_the_cli_refuses_where_json_schema_can_say_it(
    changes: dict[str, Any], validator: Any
) -> None:
    data = _minimal(changes)
    assert _cli_refuses(data)

    assert list(validator.iter_errors(as_an_editor_sees_it(data))), "the schema accepted it"


def test_the_schema_accepts_every_mutant_the_cli_accepts(validator: Any, tmp_path: Path) -> None:
    from scaffold.errors import SpecError
    from tests.spec.mutations import mutants

    path = tmp_path / "spec.yaml"
    accepted = 0
    for mutant in mutants(400, seed=31):
        path.write_bytes(mutant.text.encode("utf-8", "surrogatepass"))
        try:
            _, raw = read_spec(path)
        except SpecError:
            continue
        accepted += 1
        errors = [error.message for error in validator.iter_errors(as_an_editor_sees_it(raw))]
        assert errors == [], mutant.what

    assert accepted >= 40  # hostile texts, harmless removals and the like


def test_the_schema_accepts_the_fuzzers_valid_specs(validator: Any, tmp_path: Path) -> None:
    from tests.specfuzz.dump import dump_spec
    from tests.specfuzz.generate import generate_case

    path = tmp_path / "spec.yaml"
    for seed in range(40):
        for spec in generate_case(seed).specs:
            path.write_text(dump_spec(spec), encoding="utf-8")
            _, raw = read_spec(path)  # the fuzzer's specs are valid: the loader accepts them
            errors = [error.message for error in validator.iter_errors(as_an_editor_sees_it(raw))]
            assert errors == [], f"seed {seed}: {errors}"
