"""The rules a schema cannot express, one row per rule: a change to the minimal spec -> problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec

HERE = Path(__file__).parent
DELETE = object()
# Small models to add beside the minimal spec's two, one per scope.
TAG = {"scope": "tenant", "fields": {"label": "string"}, "read": ["id", "label"]}
NOTE = {"scope": "owner", "fields": {"text": "text"}, "read": ["id", "text"]}
COUNTRY = {"scope": "none", "fields": {"code": "string"}, "read": ["id", "code"]}


def _spec(changes: dict[str, Any]) -> DomainSpec:
    """valid/minimal.yaml with each dotted path set to its value (or removed for DELETE)."""
    data = yaml.safe_load((HERE / "valid/minimal.yaml").read_text())
    for dotted, value in changes.items():
        *parents, last = [int(part) if part.isdigit() else part for part in dotted.split(".")]
        node = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return DomainSpec.model_validate(data)


def _product_field(**field: Any) -> dict[str, Any]:
    return {"models.Product.fields.extra": field}


RULES = [
    # the domain and model names
    pytest.param(
        {"domain": "Shop"},
        [("domain", "domain 'Shop' must be lowercase snake_case, like 'billing'")],
        id="domain not snake_case",
    ),
    pytest.param(
        {"domain": "import"},
        [("domain", "domain 'import' is a Python keyword")],
        id="domain keyword",
    ),
    pytest.param(
        {"domain": "core"},
        [("domain", "domain 'core' is a module of every generated project")],
        id="domain reserved",
    ),
    pytest.param(
        {"models.tag": TAG},
        [("models.tag", "model name 'tag' must be CamelCase, like 'InvoiceLine'")],
        id="model not CamelCase",
    ),
    pytest.param(
        {"models.User": TAG},
        [("models.User", "model name 'User' is reserved by scaffold or Django")],
        id="model reserved",
    ),
    pytest.param(
        {"models.None": TAG},
        [("models.None", "model name 'None' is a Python keyword")],
        id="model keyword",
    ),
    # field names
    pytest.param(
        {"models.Product.fields.a__b": {"type": "json", "null": True}},
        [
            (
                "models.Product.fields.a__b",
                "field name 'a__b' must not contain '__' (Django uses it for lookups)",
            )
        ],
        id="field name with __",
    ),
    pytest.param(
        {"models.Product.fields.code_": {"type": "json", "null": True}},
        [("models.Product.fields.code_", "field name 'code_' must not end with '_'")],
        id="field name ending in _",
    ),
    pytest.param(
        {"models.Product.fields.category_id": {"type": "json", "null": True}},
        [
            (
                "models.Product.fields.category_id",
                "field name 'category_id' clashes with the column of foreign key 'category'",
            )
        ],
        id="field shadowing a foreign key column",
    ),
    pytest.param(
        {"models.Product.fields.created_at": {"type": "json", "null": True}},
        [
            (
                "models.Product.fields.created_at",
                "field name 'created_at' is reserved by scaffold or Django; choose another name",
            )
        ],
        id="field named like an audit column",
    ),
    # options per type
    pytest.param(
        _product_field(type="integer", null=True, max_length=3),
        [
            (
                "models.Product.fields.extra.max_length",
                "max_length applies only to string, email, url fields, not to integer",
            )
        ],
        id="max_length on integer",
    ),
    pytest.param(
        _product_field(type="string", null=True, min=1),
        [
            (
                "models.Product.fields.extra.min",
                "min applies only to integer and decimal fields, not to string",
            )
        ],
        id="min on string",
    ),
    pytest.param(
        _product_field(type="json", null=True, to="Category"),
        [("models.Product.fields.extra.to", "to applies only to foreign_key fields, not to json")],
        id="to on json",
    ),
    pytest.param(
        _product_field(type="decimal", null=True, max_digits=4, decimal_places=5),
        [
            (
                "models.Product.fields.extra.decimal_places",
                "decimal_places (5) cannot exceed max_digits (4)",
            )
        ],
        id="decimal places beyond digits",
    ),
    pytest.param(
        _product_field(type="decimal", null=True, max_digits=1),
        [
            (
                "models.Product.fields.extra.decimal_places",
                "decimal_places (2) cannot exceed max_digits (1)",
            )
        ],
        id="default decimal places beyond digits",
    ),
    pytest.param(
        _product_field(type="integer", null=True, min=5, max=1),
        [("models.Product.fields.extra.max", "max (1) is less than min (5)")],
        id="min above max",
    ),
    pytest.param(
        _product_field(type="text", null=True, unique=True),
        [("models.Product.fields.extra.unique", "a text field cannot be unique")],
        id="unique text",
    ),
    pytest.param(
        _product_field(type="choice", null=True),
        [("models.Product.fields.extra", "a choice field needs choices")],
        id="choice without choices",
    ),
    pytest.param(
        _product_field(type="choice", null=True, choices=[]),
        [("models.Product.fields.extra.choices", "choices must not be empty")],
        id="empty choices",
    ),
    pytest.param(
        _product_field(type="choice", null=True, choices=["a", "B", "a"]),
        [
            (
                "models.Product.fields.extra.choices.1",
                "choice 'B' must be lowercase snake_case, like 'paid'",
            ),
            ("models.Product.fields.extra.choices.2", "choice 'a' is listed twice"),
        ],
        id="bad and repeated choices",
    ),
    pytest.param(
        _product_field(type="foreign_key", null=True),
        [
            (
                "models.Product.fields.extra",
                "a foreign_key field needs 'to': a model of this domain, user or app.Model",
            )
        ],
        id="foreign key without to",
    ),
    pytest.param(
        _product_field(type="foreign_key", null=True, to="geo.country"),
        [
            (
                "models.Product.fields.extra.to",
                "unknown model 'geo.country'; expected one of: Category, Product, user or "
                "<app>.<Model>",
            )
        ],
        id="foreign key to a malformed app model",
    ),
    pytest.param(
        _product_field(type="foreign_key", to="Category", on_delete="set_null", required=False),
        [("models.Product.fields.extra.on_delete", "on_delete set_null needs null: true")],
        id="set_null without null",
    ),
    pytest.param(
        _product_field(type="integer", required=False),
        [
            (
                "models.Product.fields.extra.required",
                "field 'extra' is optional but has no value to fall back on; "
                "give it a default or null: true",
            )
        ],
        id="optional number without default or null",
    ),
    pytest.param(
        _product_field(type="foreign_key", null=True, to="Category", related_name="Items"),
        [
            (
                "models.Product.fields.extra.related_name",
                "related_name 'Items' must be a lowercase snake_case name",
            )
        ],
        id="related_name not a name",
    ),
    pytest.param(
        {"models.Product.fields.category.related_name": "products"}
        | _product_field(type="foreign_key", null=True, to="Category", related_name="products"),
        [
            (
                "models.Product.fields.extra.related_name",
                "related_name 'products' of Category is already used by Product.category",
            )
        ],
        id="related_name used twice",
    ),
    # defaults
    pytest.param(
        _product_field(type="choice", choices=["a", "b"], default="c"),
        [("models.Product.fields.extra.default", "default 'c' is not one of the choices: a, b")],
        id="choice default not a choice",
    ),
    pytest.param(
        _product_field(type="integer", max=10, default=11),
        [("models.Product.fields.extra.default", "the default (11) is more than max (10)")],
        id="integer default above max",
    ),
    pytest.param(
        _product_field(type="integer", default=1.5),
        [("models.Product.fields.extra.default", "the default must be a whole number")],
        id="integer default not whole",
    ),
    pytest.param(
        _product_field(type="decimal", min=0, default=-1),
        [("models.Product.fields.extra.default", "the default (-1) is less than min (0)")],
        id="decimal default below min",
    ),
    pytest.param(
        _product_field(type="string", max_length=2, default="abc"),
        [("models.Product.fields.extra.default", "the default is longer than max_length (2)")],
        id="string default too long",
    ),
    pytest.param(  # issue 8 fuzz seed 202007: MariaDB refused the rows' default
        _product_field(type="uuid", default="5fef1477-2c1b-8315-715d-3f800c42d9a8"),
        [
            (
                "models.Product.fields.extra.default",
                "the default 5fef1477-2c1b-8315-715d-3f800c42d9a8 is a UUID MariaDB cannot "
                "store (version 8 or more of the reserved NCS variant); use a random (version "
                "4) UUID",
            )
        ],
        id="uuid default MariaDB cannot store",
    ),
    pytest.param(
        _product_field(type="boolean", default="yes"),
        [("models.Product.fields.extra.default", "the default must be true or false")],
        id="boolean default not a boolean",
    ),
    pytest.param(
        _product_field(type="foreign_key", to="Category", null=True, default=None),
        [("models.Product.fields.extra.default", "a foreign key cannot have a default")],
        id="foreign key default",
    ),
    pytest.param(
        _product_field(type="string", default=None),
        [("models.Product.fields.extra.default", "a default of null needs null: true")],
        id="null default without null",
    ),
    # scopes and what a model may point to
    pytest.param(
        {
            "models.Product.scope": {"parent": "category"},
            "models.Product.fields.category.null": True,
            "models.Product.write": {"create": ["name", "category", "price"], "update": ["price"]},
        },
        [
            (
                "models.Product.scope.parent",
                "parent 'category' must not be null: every row needs its parent",
            )
        ],
        id="nullable parent",
    ),
    pytest.param(
        {
            "models.Product.scope": {"parent": "owner_user"},
            "models.Product.fields.owner_user": {
                "type": "foreign_key",
                "to": "user",
                "required": False,
            },
        },
        [
            (
                "models.Product.scope.parent",
                "parent 'owner_user' points to 'user', not to a model of this domain",
            )
        ],
        id="parent outside the domain",
    ),
    pytest.param(
        {
            "models.Category.scope": {"parent": "product"},
            "models.Category.fields.product": {
                "type": "foreign_key",
                "to": "Product",
                "required": False,
            },
            "models.Product.scope": {"parent": "category"},
            "models.Product.write": {"create": ["name", "category", "price"], "update": ["price"]},
        },
        [
            (
                "models.Category.scope.parent",
                "scope parents form a cycle: Category -> Product -> Category",
            ),
            (
                "models.Product.scope.parent",
                "scope parents form a cycle: Product -> Category -> Product",
            ),
        ],
        id="parent cycle",
    ),
    pytest.param(
        {
            "models.Product.transitions": {
                "dispatch": {"field": "status", "from": ["draft"], "to": "live", "role": "admin"}
            },
            "models.Product.roles.publish": DELETE,
        },
        [
            (
                "models.Product.transitions.dispatch",
                "transition name 'dispatch' would replace the attribute dispatch of the "
                "generated viewset (Django REST framework's or scaffold's)",
            )
        ],
        id="transition hiding a view method",
    ),
    pytest.param(
        {
            "models.Country": COUNTRY,
            "models.Line": {
                "scope": {"parent": "country"},
                "fields": {"country": {"type": "foreign_key", "to": "Country"}},
                "read": ["id"],
            },
        },
        [
            (
                "models.Line.scope.parent",
                "parent 'country' leads to Country, whose scope is none; a parent chain must end "
                "at a tenant or owner model",
            )
        ],
        id="parent chain ending at scope none",
    ),
    pytest.param(
        {
            "models.Note": NOTE,
            "models.Product.fields.note": {"type": "foreign_key", "to": "Note", "null": True},
        },
        [
            (
                "models.Product.fields.note.to",
                "Product is tenant-scoped and cannot point to Note, which is owner-scoped",
            )
        ],
        id="tenant model pointing to an owner model",
    ),
    pytest.param(
        {
            "models.Note": NOTE
            | {"fields": {"text": "text", "by": {"type": "foreign_key", "to": "user"}}}
        },
        [
            (
                "models.Note.fields.by.to",
                "only tenant-scoped models may point to user; Note is owner-scoped",
            )
        ],
        id="owner model pointing to user",
    ),
    pytest.param(
        {
            "models.Country": COUNTRY
            | {"fields": {"code": "string", "tag": {"type": "foreign_key", "to": "Category"}}}
        },
        [
            (
                "models.Country.fields.tag.to",
                "Country is unscoped (scope none) and cannot point to Category, which is "
                "tenant-scoped",
            )
        ],
        id="unscoped model pointing to a tenant model",
    ),
    # read and list
    pytest.param(
        {"models.Product.read.2": {"category": ["id"], "other": ["id"]}},
        [
            (
                "models.Product.read.2",
                "a nested item names one foreign key, like {customer: [id, name]}",
            )
        ],
        id="nested item with two keys",
    ),
    pytest.param(
        {"models.Product.read.2": {"price": ["id"]}, "models.Product.read.3": "created_at"},
        [("models.Product.read.2.price", "'price' is a decimal field, not a foreign key")],
        id="nested item not a foreign key",
    ),
    pytest.param(
        {"models.Product.read.2": {"category": ["id", "nmae"]}},
        [
            (
                "models.Product.read.2.category.1",
                "unknown field 'nmae'; expected one of: id, created_at, updated_at, name",
            )
        ],
        id="nested item naming an unknown field",
    ),
    pytest.param(
        {"models.Product.read.1": "category"},
        [("models.Product.read.2", "'category' is listed twice")],
        id="name and nested item of the same field",
    ),
    pytest.param(
        {"models.Product.list": ["id", "status", "name"], "models.Product.read.4": "created_at"},
        [
            (
                "models.Product.list.1",
                "'status' is in list but not in read; list shows a subset of read",
            )
        ],
        id="list item not in read",
    ),
    pytest.param(
        {"models.Product.list": [{"category": ["id"]}]},
        [
            (
                "models.Product.list.0",
                "'{category: [id]}' is in list but not in read; list shows a subset of read",
            )
        ],
        id="list nested item differing from read",
    ),
    pytest.param(
        {"models.Product.list": ["id", "nmae"]},
        [
            (
                "models.Product.list.1",
                "unknown field 'nmae'; expected one of: id, created_at, updated_at, name, "
                "category, price, status",
            )
        ],
        id="list naming an unknown field, reported once",
    ),
    # write
    pytest.param(
        {"models.Product.write": ["name", "category", "price", "status"]},
        [
            (
                "models.Product.write.3",
                "'status' changes only through transitions (like 'publish'); it cannot be written "
                "directly",
            )
        ],
        id="writing a transition field",
    ),
    pytest.param(
        {"models.Product.write": {"create": ["name", "category", "price"], "update": ["id"]}},
        [("models.Product.write.update.0", "'id' is set automatically and cannot be written")],
        id="writing id",
    ),
    pytest.param(
        {"models.Product.write": {"create": ["category", "price"], "update": ["name"]}},
        [
            (
                "models.Product.write.create",
                "field 'name' is required but not writable on create; add it to write.create or "
                "give it a default",
            )
        ],
        id="required field not writable on create",
    ),
    pytest.param(
        {
            "models.Product.scope": {"parent": "category"},
            "models.Product.write": {
                "create": ["name", "category", "price"],
                "update": ["category"],
            },
        },
        [
            (
                "models.Product.write.update.0",
                "'category' is the parent scope of Product; it can be set on create but not "
                "updated: moving a row to another parent is not offered",
            )
        ],
        id="updating the parent",
    ),
    # roles
    pytest.param(
        {"models.Product.roles.archive": "admin"},
        [
            (
                "models.Product.roles.archive",
                "unknown action 'archive'; expected one of: list, retrieve, create, update, "
                "destroy, publish",
            )
        ],
        id="role for an unknown action",
    ),
    pytest.param(
        {"models.Product.roles.list": "staff"},
        [
            (
                "models.Product.roles.list",
                "role 'staff' is not available to a tenant-scoped model; use one of: member, "
                "admin, owner",
            )
        ],
        id="role of another scope",
    ),
    pytest.param(
        {"models.Note": NOTE | {"roles": {"list": "member"}}},
        [
            (
                "models.Note.roles.list",
                "role 'member' is not available to an owner-scoped model; use one of: "
                "authenticated",
            )
        ],
        id="tenant role on an owner model",
    ),
    pytest.param(
        {"models.Country": COUNTRY | {"roles": {"destroy": "public"}}},
        [("models.Country.roles.destroy", "public is allowed only for list and retrieve")],
        id="public destroy",
    ),
    pytest.param(
        {"models.Category.write": {"create": ["name"]}, "models.Category.roles.update": "admin"},
        [("models.Category.roles.update", "update has a role but no field is writable on update")],
        id="update role with nothing to update",
    ),
    # constraints
    pytest.param(
        {"models.Product.constraints.1.check": "name > 0"},
        [
            (
                "models.Product.constraints.1.check",
                "'name' is a string field and cannot be compared with a number",
            )
        ],
        id="check comparing text with a number",
    ),
    pytest.param(
        {"models.Product.constraints.1.check": "price >= name"},
        [
            (
                "models.Product.constraints.1.check",
                "cannot compare 'price' (decimal) with 'name' (string); compare numbers, dates or "
                "datetimes of the same kind",
            )
        ],
        id="check comparing a number with text",
    ),
    pytest.param(
        {"models.Product.constraints.1.check": "status != 'gone'"},
        [
            (
                "models.Product.constraints.1.check",
                "'gone' is not one of the choices of 'status': draft, live",
            )
        ],
        id="check with an unknown choice",
    ),
    pytest.param(
        {"models.Product.constraints.1.check": "price == true"},
        [
            (
                "models.Product.constraints.1.check",
                "'price' is a decimal field and cannot be compared with true or false",
            )
        ],
        id="check comparing a number with a boolean",
    ),
    pytest.param(
        {"models.Product.constraints.1.check": "cost >= 0"},
        [
            (
                "models.Product.constraints.1.check",
                "unknown field 'cost'; expected one of: name, category, price, status",
            )
        ],
        id="check on an unknown field",
    ),
    pytest.param(
        {"models.Product.constraints.0.unique": ["name", "name"]},
        [("models.Product.constraints.0.unique.1", "'name' is listed twice")],
        id="unique field repeated",
    ),
    pytest.param(
        {"models.Product.constraints.0.name": "x" * 61},
        [("models.Product.constraints.0.name", "constraint name is longer than 60 characters")],
        id="constraint name too long",
    ),
    pytest.param(
        {"models.Product.constraints.0.name": "same", "models.Product.constraints.1.name": "same"},
        [
            (
                "models.Product.constraints.1.name",
                "constraint name 'same' is already used by Product.constraints.0",
            )
        ],
        id="constraint name used twice",
    ),
    # indexes, filters, search, ordering, admin, display
    pytest.param(
        {"models.Product.indexes": [[]]},
        [("models.Product.indexes.0", "an index needs at least one field")],
        id="empty index",
    ),
    pytest.param(
        {"models.Product.indexes": [["price", "cost"]]},
        [
            (
                "models.Product.indexes.0.1",
                "unknown field 'cost'; expected one of: name, category, price, status, "
                "created_at, updated_at",
            )
        ],
        id="index on an unknown field",
    ),
    pytest.param(
        {"models.Product.indexes": [["price"], ["price"]]},
        [("models.Product.indexes.1", "the same index as indexes.0")],
        id="index repeated",
    ),
    pytest.param(
        {
            "models.Product.fields.notes": {"type": "text", "null": True},
            "models.Product.filters": ["notes"],
        },
        [
            (
                "models.Product.filters.0",
                "'notes' is a text field; text and json fields cannot be filtered",
            )
        ],
        id="filter on text",
    ),
    pytest.param(
        {"models.Product.search": ["price"]},
        [
            (
                "models.Product.search.0",
                "'price' is a decimal field; search needs text or choice fields",
            )
        ],
        id="search on a number",
    ),
    pytest.param(
        {"models.Product.search": ["category__name", "category__id"]},
        [("models.Product.search.1", "unknown field 'id' of Category; expected one of: name")],
        id="search across a foreign key",
    ),
    pytest.param(
        {"models.Product.search": ["price__name"]},
        [("models.Product.search.0", "'price' is not a foreign key to a model of this domain")],
        id="search across a non-foreign key",
    ),
    pytest.param(
        {"models.Product.ordering": ["created_at", "cost"]},
        [
            (
                "models.Product.ordering.1",
                "unknown field 'cost'; expected one of: id, created_at, updated_at, name, "
                "category, price, status",
            )
        ],
        id="ordering by an unknown field",
    ),
    pytest.param(
        {"models.Product.default_ordering": ["-price", "price"]},
        [("models.Product.default_ordering.1", "'price' is listed twice")],
        id="default ordering repeated",
    ),
    pytest.param(
        {"models.Product.admin": {"list_display": ["name", "nmae"]}},
        [
            (
                "models.Product.admin.list_display.1",
                "unknown field 'nmae'; expected one of: id, created_at, updated_at, name, "
                "category, price, status",
            )
        ],
        id="admin list_display unknown field",
    ),
    pytest.param(
        {
            "models.Product.fields.meta": {"type": "json", "null": True},
            "models.Product.display": ["name", "meta"],
        },
        [("models.Product.display.1", "'meta' is a json field and cannot be displayed")],
        id="display a json field",
    ),
    # transitions
    pytest.param(
        {
            "models.Product.transitions.update": {
                "field": "status",
                "from": ["draft"],
                "to": "live",
                "role": "admin",
            }
        },
        [
            (
                "models.Product.transitions.update",
                "transition name 'update' is the name of a CRUD action",
            )
        ],
        id="transition named like an action",
    ),
    pytest.param(
        {"models.Product.transitions.publish.to": "gone"},
        [
            (
                "models.Product.transitions.publish.to",
                "unknown state 'gone'; expected one of: draft, live",
            )
        ],
        id="transition to an unknown state",
    ),
    pytest.param(
        {"models.Product.transitions.publish.from": ["draft", "live"]},
        [
            (
                "models.Product.transitions.publish.to",
                "'live' is also a from-state; a transition changes the state",
            )
        ],
        id="transition to a state it starts from",
    ),
    pytest.param(
        {"models.Product.fields.status.default": DELETE, "models.Product.fields.status.null": True},
        [
            (
                "models.Product.transitions.publish.field",
                "'status' needs a default: the state a new row starts in",
            )
        ],
        id="transition field without a default",
    ),
    pytest.param(
        {"models.Product.transitions.publish.role": "staff"},
        [
            (
                "models.Product.transitions.publish.role",
                "role 'staff' is not available to a tenant-scoped model; use one of: member, "
                "admin, owner",
            )
        ],
        id="transition role of another scope",
    ),
]


def test_minimal_spec_has_no_problems() -> None:
    assert check_spec(_spec({})) == []


@pytest.mark.parametrize(("changes", "problems"), RULES)
def test_each_rule_reports_its_problem(
    changes: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    found = check_spec(_spec(changes))

    assert [(problem.dotted_path, problem.message) for problem in found] == problems


@pytest.mark.parametrize(("changes", "problems"), RULES)
def test_each_problem_says_how_to_fix_it(
    changes: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    assert all(problem.hint for problem in check_spec(_spec(changes)))
