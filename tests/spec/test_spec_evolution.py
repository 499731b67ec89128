"""The update-time keys, renamed_from and backfill: their form, one row per rule."""

from __future__ import annotations

from typing import Any

import pytest

from scaffold._spec import spec_json_schema
from scaffold._spec.checks import check_spec
from tests.spec.test_spec_checks import _spec

NOTE = {"scope": "owner", "fields": {"text": "text"}, "read": ["id", "text"]}


def _field(name: str, **options: Any) -> dict[str, Any]:
    """A new field of Product, writable (as every required field must be)."""
    return {
        f"models.Product.fields.{name}": options,
        "models.Product.write": ["name", "category", "price", name],
    }


VALID = [
    pytest.param(_field("memo", type="text", renamed_from="notes"), id="field renamed"),
    pytest.param({"models.Product.renamed_from": "Article"}, id="model renamed"),
    pytest.param(_field("code", type="string", backfill="LEGACY"), id="constant backfill"),
    pytest.param(_field("rank", type="integer", backfill=3), id="number backfill"),
    pytest.param({"models.Product.fields.status.backfill": "live"}, id="choice backfill"),
    pytest.param(
        _field("maker", type="foreign_key", to="user", backfill={"user": "alice"}),
        id="user backfill",
    ),
    pytest.param(
        _field("group", type="foreign_key", to="Category", backfill={"from": "category"}),
        id="path backfill",
    ),
    pytest.param(_field("group", type="foreign_key", to="Category", backfill=1), id="id backfill"),
    pytest.param(
        {"models.Product.backfill": {"organization": {"organization": "acme"}}},
        id="organization of a tenant model",
    ),
    pytest.param(
        {"models.Note": {**NOTE, "backfill": {"owner": {"from": "author__owner"}}}},
        id="owner through a path",
    ),
]

RULES = [
    pytest.param(
        _field("memo", type="text", renamed_from="Notes"),
        [
            (
                "models.Product.fields.memo.renamed_from",
                "renamed_from 'Notes' must be a field name, like 'notes'",
            )
        ],
        id="field rename not a name",
    ),
    pytest.param(
        _field("memo", type="text", renamed_from="memo"),
        [
            (
                "models.Product.fields.memo.renamed_from",
                "renamed_from names the field itself; give its former name",
            )
        ],
        id="field renamed from itself",
    ),
    pytest.param(
        _field("memo", type="text", renamed_from="price"),
        [
            (
                "models.Product.fields.memo.renamed_from",
                "'price' is still a field of Product; renamed_from gives the former name of a "
                "field that is gone",
            )
        ],
        id="field renamed from a field still there",
    ),
    pytest.param(
        {
            **_field("memo", type="text", renamed_from="notes"),
            **_field("remark", type="text", renamed_from="notes"),
            "models.Product.write": ["name", "category", "price", "memo", "remark"],
        },
        [
            (
                "models.Product.fields.remark.renamed_from",
                "'notes' is already renamed to memo",
            )
        ],
        id="two fields from one",
    ),
    pytest.param(
        {"models.Product.renamed_from": "Category"},
        [
            (
                "models.Product.renamed_from",
                "'Category' is still a model of this domain; renamed_from gives the former name "
                "of a model that is gone",
            )
        ],
        id="model renamed from a model still there",
    ),
    pytest.param(
        {"models.Product.renamed_from": "article"},
        [("models.Product.renamed_from", "renamed_from 'article' must be a CamelCase model name")],
        id="model rename not CamelCase",
    ),
    pytest.param(
        _field("code", type="string", max_length=3, backfill="LEGACY"),
        [
            (
                "models.Product.fields.code.backfill",
                "the backfill is longer than max_length (3)",
            )
        ],
        id="backfill too long",
    ),
    pytest.param(
        {"models.Product.fields.status.backfill": "gone"},
        [
            (
                "models.Product.fields.status.backfill",
                "backfill 'gone' is not one of the choices: draft, live",
            )
        ],
        id="backfill not a choice",
    ),
    pytest.param(
        _field("rank", type="integer", min=1, backfill=0),
        [("models.Product.fields.rank.backfill", "the backfill (0) is less than min (1)")],
        id="backfill below min",
    ),
    pytest.param(
        _field("code", type="string", backfill=None),
        [
            (
                "models.Product.fields.code.backfill",
                "a backfill of null fills nothing; give the value existing rows get",
            )
        ],
        id="null backfill",
    ),
    pytest.param(
        _field("code", type="string", backfill={"user": "alice"}),
        [
            (
                "models.Product.fields.code.backfill",
                "a backfill mapping takes exactly one of: from; found 'user'",
            )
        ],
        id="user backfill of a string",
    ),
    pytest.param(
        _field("group", type="foreign_key", to="Category", backfill={"from": "category.owner"}),
        [
            (
                "models.Product.fields.group.backfill.from",
                "'category.owner' is not a foreign key path",
            )
        ],
        id="path with dots",
    ),
    pytest.param(
        _field("group", type="foreign_key", to="Category", backfill=True),
        [
            (
                "models.Product.fields.group.backfill",
                "the backfill of a foreign key is the id of the row every existing row points to",
            )
        ],
        id="foreign key backfill not an id",
    ),
    pytest.param(
        {"models.Product.backfill": {"owner": {"user": "alice"}}},
        [
            (
                "models.Product.backfill.owner",
                "backfill here fills the scope field; its scope field is 'organization'",
            )
        ],
        id="owner of a tenant model",
    ),
    pytest.param(
        {"models.Product.backfill": {"organization": "acme"}},
        [
            (
                "models.Product.backfill.organization",
                "the backfill of organization must be a mapping",
            )
        ],
        id="scope backfill not a mapping",
    ),
    pytest.param(
        {"models.Note": {**NOTE, "backfill": {"owner": {"organization": "acme"}}}},
        [
            (
                "models.Note.backfill.owner",
                "a backfill mapping takes exactly one of: from, user; found 'organization'",
            )
        ],
        id="organization for an owner",
    ),
]


@pytest.mark.parametrize("changes", VALID)
def test_update_keys_in_their_forms_are_accepted(changes: dict[str, Any]) -> None:
    if "models.Note" in changes:  # a foreign key for the path to start from
        changes["models.Note"] = {
            **changes["models.Note"],
            "fields": {"text": "text", "author": {"type": "foreign_key", "to": "Note"}},
        }
    assert check_spec(_spec(changes)) == []


@pytest.mark.parametrize(("changes", "problems"), RULES)
def test_each_rule_of_the_update_keys_reports_its_problem(
    changes: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    found = check_spec(_spec(changes))

    assert [(problem.dotted_path, problem.message) for problem in found] == problems


def test_the_json_schema_describes_the_update_keys() -> None:
    definitions = spec_json_schema()["$defs"]

    assert "renamed_from" in definitions["FieldSpec"]["properties"]
    assert "backfill" in definitions["FieldSpec"]["properties"]
    assert "renamed_from" in definitions["ModelSpec"]["properties"]
    assert "backfill" in definitions["ModelSpec"]["properties"]


@pytest.mark.parametrize(("changes", "problems"), RULES)
def test_each_problem_of_the_update_keys_says_how_to_fix_it(
    changes: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    assert all(problem.hint for problem in check_spec(_spec(changes)))
