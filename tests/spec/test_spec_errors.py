"""Each mistake in a spec file gives one exact message: where it is, what is wrong, the remedy."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from scaffold._spec import load_spec
from scaffold.errors import SpecError

HERE = Path(__file__).parent

ERRORS = [
    pytest.param(
        "invalid/invalid_yaml.yaml",
        [
            "error: invalid spec invalid/invalid_yaml.yaml, line 9",
            "==> At (top level)",
            "=====> invalid YAML: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence on line 8)",
            "tip: check the brackets and commas of the [...] or {...} that starts on the line "
            "named",
        ],
        id="invalid YAML",
    ),
    pytest.param(
        "invalid/duplicate_key.yaml",
        [
            "error: invalid spec invalid/duplicate_key.yaml, line 8",
            "==> At models.Category.fields",
            "=====> duplicate key 'name'",
            "tip: the first 'name' is on line 7",
        ],
        id="duplicate key",
    ),
    pytest.param(
        "invalid/unknown_top_level_key.yaml",
        [
            "error: invalid spec invalid/unknown_top_level_key.yaml, line 3",
            "==> At (top level)",
            "=====> unknown key 'descripton'; expected one of: domain, description, models",
            "tip: did you mean 'description'?",
        ],
        id="unknown top-level key",
    ),
    pytest.param(
        "invalid/unknown_field_option.yaml",
        [
            "error: invalid spec invalid/unknown_field_option.yaml, line 17",
            "==> At models.Product.fields.price",
            "=====> unknown key 'minimum'; expected one of: type, required, null, default, unique, "
            "min, max, max_length, max_digits, decimal_places, choices, to, on_delete, "
            "related_name, help_text, verbose_name, renamed_from, backfill",
            "tip: did you mean 'min'?",
        ],
        id="unknown field option",
    ),
    pytest.param(
        "invalid/unknown_type.yaml",
        [
            "error: invalid spec invalid/unknown_type.yaml, line 17",
            "==> At models.Product.fields.price.type",
            "=====> unknown type 'decimel'; expected one of: string, text, integer, decimal, "
            "boolean, date, datetime, email, url, uuid, choice, json, foreign_key",
            "tip: did you mean 'decimal'?",
        ],
        id="unknown type",
    ),
    pytest.param(
        "invalid/field_name_not_identifier.yaml",
        [
            "error: invalid spec invalid/field_name_not_identifier.yaml, line 18",
            "==> At models.Product.fields.unit-price",
            "=====> field name 'unit-price' must be lowercase snake_case, like 'due_on'",
            "tip: use lowercase letters, digits and underscores, starting with a letter",
        ],
        id="field name not an identifier",
    ),
    pytest.param(
        "invalid/keyword_field_name.yaml",
        [
            "error: invalid spec invalid/keyword_field_name.yaml, line 8",
            "==> At models.Category.fields.class",
            "=====> field name 'class' is a Python keyword",
            "tip: choose another field name",
        ],
        id="keyword field name",
    ),
    pytest.param(
        "invalid/reserved_field_id.yaml",
        [
            "error: invalid spec invalid/reserved_field_id.yaml, line 8",
            "==> At models.Category.fields.id",
            "=====> field name 'id' is reserved by scaffold or Django; choose another name",
            "tip: scaffold adds id, created_at, updated_at and the scope field to every model",
        ],
        id="reserved field id",
    ),
    pytest.param(
        "invalid/reserved_field_objects.yaml",
        [
            "error: invalid spec invalid/reserved_field_objects.yaml, line 18",
            "==> At models.Product.fields.objects",
            "=====> field name 'objects' is an attribute of every Django model; "
            "the field would replace it",
            "tip: choose another field name",
        ],
        id="reserved field objects",
    ),
    pytest.param(
        "invalid/duplicate_model_names.yaml",
        [
            "error: invalid spec invalid/duplicate_model_names.yaml, line 12",
            "==> At models.CATEGORY",
            "=====> model 'CATEGORY' clashes with 'Category'; names must differ beyond letter case",
            "tip: their tables and URLs would be the same; rename one of them",
        ],
        id="model names equal but for case",
    ),
    pytest.param(
        "invalid/foreign_key_to_unknown_model.yaml",
        [
            "error: invalid spec invalid/foreign_key_to_unknown_model.yaml, line 16",
            "==> At models.Product.fields.category.to",
            "=====> unknown model 'Categroy'; expected one of: Category, Product, user or "
            "<app>.<Model>",
            "tip: did you mean 'Category'?",
        ],
        id="foreign key to unknown model",
    ),
    pytest.param(
        "invalid/read_unknown_field.yaml",
        [
            "error: invalid spec invalid/read_unknown_field.yaml, line 19",
            "==> At models.Product.read.1",
            "=====> unknown field 'title'; expected one of: id, created_at, updated_at, name, "
            "category, price, status",
            "tip: use one of the fields listed",
        ],
        id="read names an unknown field",
    ),
    pytest.param(
        "invalid/write_unknown_field.yaml",
        [
            "error: invalid spec invalid/write_unknown_field.yaml, line 20",
            "==> At models.Product.write.3",
            "=====> unknown field 'colour'; expected one of: name, category, price, status",
            "tip: use one of the fields listed",
        ],
        id="write names an unknown field",
    ),
    pytest.param(
        "invalid/constraint_unknown_field.yaml",
        [
            "error: invalid spec invalid/constraint_unknown_field.yaml, line 23",
            "==> At models.Product.constraints.0.unique.0",
            "=====> unknown field 'title'; expected one of: name, category, price, status",
            "tip: use one of the fields listed",
        ],
        id="unique constraint on an unknown field",
    ),
    pytest.param(
        "invalid/bad_check_expression.yaml",
        [
            "error: invalid spec invalid/bad_check_expression.yaml, line 24",
            "==> At models.Product.constraints.1.check",
            "=====> cannot read check 'price => 0'; write a comparison such as 'amount >= 0' "
            "or 'due_on >= issued_on'",
            "tip: write <field> <op> <field, number, 'text', true or false>, with op one of "
            ">=, >, <=, <, ==, !=; both sides of the same kind",
        ],
        id="check expression that cannot be read",
    ),
    pytest.param(
        "invalid/transition_on_non_choice_field.yaml",
        [
            "error: invalid spec invalid/transition_on_non_choice_field.yaml, line 26",
            "==> At models.Product.transitions.publish.field",
            "=====> 'name' is a string field; transitions change choice fields",
            "tip: name a choice field: its choices are the states",
        ],
        id="transition of a non-choice field",
    ),
    pytest.param(
        "invalid/unknown_role.yaml",
        [
            "error: invalid spec invalid/unknown_role.yaml, line 10",
            "==> At models.Category.roles.create",
            "=====> unknown role 'boss'; expected one of: public, authenticated, staff, member, "
            "admin, owner",
            "tip: use one of the roles listed",
        ],
        id="unknown role",
    ),
    pytest.param(
        "invalid/bad_scope.yaml",
        [
            "error: invalid spec invalid/bad_scope.yaml, line 5",
            "==> At models.Category.scope",
            "=====> scope must be tenant, owner, none or {parent: <foreign key field>}",
            "tip: did you mean 'tenant'?",
        ],
        id="unknown scope",
    ),
    pytest.param(
        "invalid/parent_scope_through_non_foreign_key.yaml",
        [
            "error: invalid spec invalid/parent_scope_through_non_foreign_key.yaml, line 13",
            "==> At models.Product.scope.parent",
            "=====> parent 'name' is a string field, not a foreign key",
            "tip: the parent is a foreign key of this model to another model of the domain",
        ],
        id="parent scope through a non-foreign key",
    ),
    pytest.param(
        "invalid/missing_required_key.yaml",
        [
            "error: invalid spec invalid/missing_required_key.yaml, line 4",
            "==> At models.Category",
            "=====> missing required key 'read'",
            "tip: add read: to this mapping",
        ],
        id="missing required key",
    ),
]


@pytest.mark.parametrize(("fixture", "message"), ERRORS)
def test_invalid_spec_is_reported_with_its_place_and_remedy(
    fixture: str, message: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(HERE)  # so the message names the file as the table does

    with pytest.raises(SpecError) as caught:
        load_spec(Path(fixture))

    assert caught.value.render() == "\n".join(message)


def test_every_invalid_fixture_is_in_the_table() -> None:
    tabled = {param.values[0] for param in ERRORS}
    on_disk = {f"invalid/{path.name}" for path in (HERE / "invalid").glob("*.yaml")}

    assert on_disk == tabled


@pytest.mark.parametrize("fixture", [param.values[0] for param in ERRORS])
def test_each_invalid_fixture_is_the_minimal_spec_with_one_change(fixture: str) -> None:
    # The first line of a fixture says what is wrong with it; the rest is the minimal spec.
    minimal = (HERE / "valid/minimal.yaml").read_text().splitlines()[1:]
    changed = (HERE / fixture).read_text().splitlines()[1:]

    opcodes = difflib.SequenceMatcher(a=minimal, b=changed).get_opcodes()

    assert [tag for tag, *_ in opcodes if tag != "equal"] in (["replace"], ["insert"], ["delete"])


@pytest.mark.parametrize("fixture", sorted(p.name for p in (HERE / "invalid").glob("*.yaml")))
def test_every_error_of_an_invalid_fixture_ends_with_a_tip(fixture: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(HERE / "invalid" / fixture)

    assert all(problem.hint for problem in caught.value.problems)
