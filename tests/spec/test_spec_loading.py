"""Loading spec files: valid ones load, problems carry lines, the file itself is checked first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold._spec import DomainSpec, load_spec, spec_json_schema
from scaffold._spec.schema import FIELD_TYPES
from scaffold.errors import SpecError

HERE = Path(__file__).parent
EXAMPLES = HERE.parent.parent / "examples"


def _problems(path: Path) -> list[tuple[int | None, str, str]]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return [(p.line, p.dotted_path, p.message) for p in caught.value.problems]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    return path


def test_billing_example_loads() -> None:
    spec = load_spec(EXAMPLES / "billing.yaml")

    assert spec.domain == "billing"
    assert list(spec.models) == ["Customer", "Invoice", "InvoiceLine"]
    assert spec.models["Invoice"].transitions["void"].from_ == ["draft", "sent"]


def test_spec_with_every_field_type_loads() -> None:
    spec = load_spec(HERE / "valid/every_field_type.yaml")

    types = {field.type for model in spec.models.values() for field in model.fields.values()}
    assert types == {
        *("string", "text", "integer", "decimal", "boolean", "date", "datetime"),
        *("email", "url", "uuid", "choice", "json", "foreign_key"),
    }


def test_minimal_spec_loads() -> None:
    assert isinstance(load_spec(HERE / "valid/minimal.yaml"), DomainSpec)


def test_null_on_yes_and_no_are_names_not_yaml_values(tmp_path: Path) -> None:
    # YAML 1.1 would read `null` as None and `on`, `yes`, `no` as booleans; here they are names.
    text = (HERE / "valid/minimal.yaml").read_text()
    text = text.replace("choices: [draft, live], default: draft", "choices: [yes, no], default: no")
    text = text.replace("from: [draft], to: live", "from: [no], to: yes")
    text = text.replace("price: {type: decimal, min: 0}", "price: {type: decimal, null: true}")
    text = text.replace(
        "      name: {type: string, max_length: 100}\n    read: [id, name]\n",
        "      name: {type: string, max_length: 100}\n      on: {type: boolean, default: false}\n"
        "    read: [id, name, on]\n",
    )

    spec = load_spec(_write(tmp_path, text))

    assert spec.models["Product"].fields["price"].null is True
    assert spec.models["Category"].fields["on"].type == "boolean"
    assert spec.models["Category"].read == ["id", "name", "on"]
    assert spec.models["Product"].fields["status"].choices == ["yes", "no"]


TAG_SPEC = (
    "domain: shop\n"  # 1
    "models:\n"  # 2
    "  Tag:\n"  # 3
    "    scope: tenant\n"  # 4
    "    fields:\n"  # 5
    "      label: {type: string, max_length: 40}\n"  # 6
    "      weight:\n"  # 7
    "        type: integer\n"  # 8
    "        min: 10\n"  # 9
    "        max: 1\n"  # 10
    "    read:\n"  # 11
    "      - id\n"  # 12
    "      - lable\n"  # 13
    "    roles: {list: member, create: admin}\n"  # 14
)


def test_every_problem_is_reported_in_document_order_with_its_line(tmp_path: Path) -> None:
    assert _problems(_write(tmp_path, TAG_SPEC)) == [
        (10, "models.Tag.fields.weight.max", "max (1) is less than min (10)"),
        (
            13,
            "models.Tag.read.1",
            "unknown field 'lable'; expected one of: id, created_at, updated_at, label, weight",
        ),
        (14, "models.Tag.roles.create", "create has a role but no field is writable on create"),
    ]


def test_schema_problems_are_reported_without_the_checks(tmp_path: Path) -> None:
    # The checks need a spec of the right shape, so a shape problem stops before them.
    path = _write(tmp_path, TAG_SPEC.replace("create: admin", "create: boss"))

    assert _problems(path) == [
        (
            14,
            "models.Tag.roles.create",
            "unknown role 'boss'; expected one of: "
            "public, authenticated, staff, member, admin, owner",
        ),
    ]


def test_a_missing_key_is_reported_at_the_line_of_its_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "domain: shop\nmodels:\n  Tag:\n    scope: tenant\n    read: [id]\n")

    assert _problems(path) == [(3, "models.Tag", "missing required key 'fields'")]


def test_a_misspelt_key_is_not_also_reported_missing(tmp_path: Path) -> None:
    path = _write(tmp_path, "domain: shop\nmodel:\n  Tag: {}\n")

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    [problem] = caught.value.problems
    assert (problem.line, problem.message, problem.hint) == (
        2,
        "unknown key 'model'; expected one of: domain, description, models",
        "did you mean 'models'?",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "", "the spec is empty; expected the keys: domain, description, models", id="empty"
        ),
        pytest.param(
            "- shop\n",
            "the spec is a list, not a mapping; expected the keys: domain, description, models",
            id="a list",
        ),
        pytest.param(
            "domain: shop\n---\nmodels: {}\n",
            "invalid YAML: expected a single document in the stream, but found another document",
            id="two documents",
        ),
    ],
)
def test_the_top_level_must_be_one_mapping(tmp_path: Path, text: str, message: str) -> None:
    assert [problem for _, _, problem in _problems(_write(tmp_path, text))] == [message]


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nope.yaml") == [(None, "(top level)", "the file does not exist")]


def test_a_directory_is_not_a_spec(tmp_path: Path) -> None:
    assert _problems(tmp_path) == [(None, "(top level)", "a directory, not a spec file")]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"domain: shop\ndescription: caf\xe9\n")

    assert _problems(path) == [
        (2, "(top level)", "the file is not UTF-8 text: byte 0xe9 cannot be read"),
    ]


def test_json_schema_describes_the_spec_and_rejects_unknown_keys() -> None:
    schema = spec_json_schema()

    json.dumps(schema)  # plain JSON, nothing pydantic-specific left in it
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "scaffold domain spec"
    assert schema["description"]
    assert "$id" not in schema
    assert schema["required"] == ["domain", "models"]
    assert "models" in schema["properties"]
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        assert definition.get("additionalProperties") is False, name


def test_json_schema_uses_the_yaml_keys_and_allows_the_type_shorthand() -> None:
    definitions = spec_json_schema()["$defs"]

    assert "from" in definitions["TransitionSpec"]["properties"]
    assert "list" in definitions["ModelSpec"]["properties"]
    field = definitions["ModelSpec"]["properties"]["fields"]["additionalProperties"]
    assert {"$ref": "#/$defs/FieldSpec"} in field["anyOf"]
    assert {"enum": list(FIELD_TYPES)} in field["anyOf"]
