"""Names the generated code would use twice are refused at load; names that clash with nothing
are accepted (issue 8: `check_in` was refused, `line_create` and `Response` were not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec

HERE = Path(__file__).parent
PUBLISH = {"field": "status", "from": ["draft"], "to": "live", "role": "admin"}
OPTIONAL = {"type": "text", "required": False}
LINE = {
    "scope": {"parent": "product"},
    "fields": {"product": {"type": "foreign_key", "to": "Product"}, "qty": "integer"},
    "read": ["id", "qty"],
    "write": {"create": ["product", "qty"]},
    "roles": {"create": "admin"},
}


def _spec(changes: dict[str, Any]) -> DomainSpec:
    data = yaml.safe_load((HERE / "valid/minimal.yaml").read_text())
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[last] = value
    return DomainSpec.model_validate(data)


def _transition(name: str) -> dict[str, Any]:
    return {
        "models.Product.transitions": {name: PUBLISH},
        "models.Product.roles": {"list": "member", name: "admin"},
    }


@pytest.mark.parametrize("name", ["check_in", "checkout", "approve", "get_ready", "perform"])
def test_a_transition_named_like_people_name_them_is_accepted(name: str) -> None:
    assert check_spec(_spec(_transition(name))) == []


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"domain": "clinic_calendar"}, id="domain containing a module name"),
        pytest.param({"models.Product.fields.date": {"type": "date", "null": True}}, id="date"),
        pytest.param({"models.Product.fields.data": {"type": "json", "null": True}}, id="data"),
        pytest.param({"models.Transaction": LINE}, id="model Transaction"),
        pytest.param({"models.Product.fields.uuid": {"type": "uuid", "null": True}}, id="uuid"),
    ],
)
def test_names_that_clash_with_nothing_are_accepted(changes: dict[str, Any]) -> None:
    assert check_spec(_spec(changes)) == []


CLASHES = [
    pytest.param(
        {"models.ProductLine": LINE, **_transition("line_create")},
        "models.Product.transitions.line_create",
        "'product_line_create' would name both the create service of model ProductLine and "
        "the service of transition Product.line_create",
        id="transition named like another model's service",
    ),
    pytest.param(
        {"models.ProductLine": LINE, **_transition("line_list")},
        "models.Product.transitions.line_list",
        "'product_line_list' would name both the selector of model ProductLine and the service "
        "of transition Product.line_list",
        id="transition named like another model's selector",
    ),
    pytest.param(
        {"models.Response": LINE},
        "models.Response",
        "'Response' would name both the Response the generated code imports from "
        "rest_framework.response and the class of model Response",
        id="model shadowing an import",
    ),
    pytest.param(
        {"models.ProductFactory": LINE},
        "models.ProductFactory",
        "'ProductFactory' would name both the factory of model Product and the class of model "
        "ProductFactory",
        id="model named like another model's factory",
    ),
    pytest.param(
        {"models.Status": LINE},
        "models.Status",
        "model 'Status' names its rows 'status' in the generated functions, which would hide "
        "the 'status' they import from rest_framework",
        id="model whose rows hide an import",
    ),
    pytest.param(
        {"models.Serializer": LINE},
        "models.Serializer",
        "model 'Serializer' names its rows 'serializer' in the generated views, where "
        "'serializer' is already a parameter or a local variable",
        id="model whose rows are a view's local",
    ),
    pytest.param(
        {"models.Product.fields.self": OPTIONAL},
        "models.Product.fields.self",
        "field name 'self' is the first parameter of every model's __init__",
        id="field self",
    ),
    pytest.param(
        {"models.Box": LINE, "models.Boxe": LINE},
        "models.Boxe",
        "'boxes' would name both the URL /boxes/ of Box and the URL /boxes/ of Boxe",
        id="two models with one plural",
    ),
    pytest.param(
        {"models.Product.fields.clean_fields": OPTIONAL},
        "models.Product.fields.clean_fields",
        "field name 'clean_fields' is an attribute of every Django model; the field would "
        "replace it",
        id="field replacing a model method",
    ),
    pytest.param(
        {"models.Product.fields.get_status_display": OPTIONAL},
        "models.Product.fields.get_status_display",
        "field name 'get_status_display' is the method Django adds to the model for another field",
        id="field replacing a get_FOO_display method",
    ),
    pytest.param(
        {"models.Product.fields.serializers": OPTIONAL},
        "models.Product.fields.serializers",
        "field name 'serializers' would hide the module 'serializers' (from rest_framework) in "
        "the generated class bodies",
        id="field hiding a module in class bodies",
    ),
    pytest.param(
        {
            "models.Product.fields.uuid": {"type": "uuid", "null": True},
            "models.Product.fields.token": {"type": "uuid", "null": True},
        },
        "models.Product.fields.uuid",
        "field name 'uuid' would hide the module uuid from the uuid fields after it in the "
        "generated factory",
        id="field uuid before another uuid field",
    ),
    pytest.param(
        {"models.Product.fields.empty_values": OPTIONAL},
        "models.Product.fields.empty_values",
        "field name 'empty_values' would make Django REST framework run "
        "Serializer.validate_empty_values on its value",
        id="field DRF would validate with a serializer method",
    ),
    pytest.param(
        {
            "models.Product.fields.category": {
                "type": "foreign_key",
                "to": "Category",
                "related_name": "objects",
            }
        },
        "models.Product.fields.category.related_name",
        "related_name 'objects' is an attribute of every Django model; Category.objects would "
        "be replaced",
        id="related_name replacing the manager",
    ),
    pytest.param(
        {
            "models.Product.fields.category": {
                "type": "foreign_key",
                "to": "Category",
                "related_name": "name",
            }
        },
        "models.Product.fields.category.related_name",
        "related_name 'name' is also a field of Category",
        id="related_name replacing a field of the target",
    ),
    pytest.param(
        {
            "models.Product.fields.page": "integer",
            "models.Product.filters": ["page"],
            "models.Product.write": ["name", "category", "price", "page"],
        },
        "models.Product.filters.0",
        "a filter 'page' would read the query parameter ?page=, which the list endpoints "
        "already use for paging, search, ordering or the format",
        id="filter named like the page parameter",
    ),
    pytest.param(
        _transition("get"),
        "models.Product.transitions.get",
        "transition name 'get' would replace the attribute get of the generated viewset "
        "(Django REST framework's or scaffold's)",
        id="transition named like an HTTP method",
    ),
    pytest.param(
        _transition("get_queryset"),
        "models.Product.transitions.get_queryset",
        "transition name 'get_queryset' would replace the attribute get_queryset of the "
        "generated viewset (Django REST framework's or scaffold's)",
        id="transition named like a viewset method",
    ),
    pytest.param(
        {"models.Product.fields.meta": {"type": "choice", "choices": ["a"], "default": "a"}},
        "models.Product.fields.meta",
        "choice field 'meta' would get the choices class Product.Meta, which replaces Django's "
        "Product.Meta",
        id="choice field whose class replaces Meta",
    ),
    pytest.param(  # issue 8 fuzz seed 240123: Decimal("2.0") made a choice of the class
        {"models.Product.fields.decimal": {"type": "choice", "choices": ["a"], "default": "a"}},
        "models.Product.fields.decimal",
        "choice field 'decimal' would get the choices class Product.Decimal, which hides "
        "decimal.Decimal in the model's class body",
        id="choice field whose class hides an import of the class body",
    ),
    pytest.param(
        {
            "models.Product.fields.a1": {"type": "choice", "choices": ["a"], "default": "a"},
            "models.Product.fields.a_1": {"type": "choice", "choices": ["a"], "default": "a"},
        },
        "models.Product.fields.a_1",
        "choice fields 'a1' and 'a_1' would both get the choices class Product.A1",
        id="two choice fields with one class",
    ),
    pytest.param(
        {
            "models.Product.read": ["id", {"list": ["id"]}],
            "models.Product.list": ["id"],
            "models.Product.fields.list": {
                "type": "foreign_key",
                "to": "Category",
                "null": True,
                "required": False,
            },
        },
        "models.Product.read.1",
        "'ProductListOutputSerializer' would name both the list serializer of model Product "
        "and the serializer of Product's nested list",
        id="nested serializer named like the list serializer",
    ),
    pytest.param(
        {"models.ProductLine": LINE, **_transition("line_list")},
        "models.Product.transitions.line_list",
        "'shop-product-line-list' would name both the list route of ProductLine and the route "
        "of transition Product.line_list",
        id="transition named like another model's route",
    ),
]


@pytest.mark.parametrize(("changes", "path", "message"), CLASHES)
def test_a_name_the_generated_code_would_use_twice_is_refused(
    changes: dict[str, Any], path: str, message: str | None
) -> None:
    found = [(p.dotted_path, p.message) for p in check_spec(_spec(changes))]

    if message is not None:
        assert (path, message) in found
    assert all(p.hint for p in check_spec(_spec(changes)))
    assert path in [dotted for dotted, _ in found]


@pytest.mark.parametrize(
    ("domain", "reason"),
    [
        ("calendar", "is a module of Python's standard library; the app would hide it"),
        ("secrets", "is a module of Python's standard library; the app would hide it"),
        ("factory", "is a package the generated project installs; the app would hide it"),
        ("conftest", "is a module of every generated project"),
        ("staticfiles", "is the label of an app every generated project installs"),
        ("orgs", "is reserved: the project's URLs or scaffold already use that name"),
    ],
)
def test_a_domain_that_shadows_an_importable_module_is_refused(domain: str, reason: str) -> None:
    [problem] = check_spec(_spec({"domain": domain}))

    assert (problem.dotted_path, problem.message) == ("domain", f"domain '{domain}' {reason}")
    assert problem.hint


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"domain": "shop\n"}, id="domain"),
        pytest.param({"models.Extra\n": LINE}, id="model"),
        pytest.param({"models.Product.fields.name\n": "string"}, id="field"),
        pytest.param(
            {"models.Product.fields.status": {"type": "choice", "choices": ["a\n"]}}, id="choice"
        ),
        pytest.param(_transition("ship\n"), id="transition"),
    ],
)
def test_a_name_with_a_trailing_newline_is_refused(changes: dict[str, Any]) -> None:
    found = check_spec(_spec(changes))

    assert any("\\n" in problem.message for problem in found), found


CONTEXT_SPECS = [
    HERE.parents[1] / "examples/billing.yaml",
    HERE.parents[1] / "tests/e2e/specs/library.yaml",
    HERE.parents[1] / "tests/golden/data/notes.yaml",
    HERE / "valid/every_field_type.yaml",
]


@pytest.mark.parametrize("path", CONTEXT_SPECS, ids=lambda path: path.name)
def test_the_names_checked_are_the_names_the_context_generates(path: Path) -> None:
    from scaffold._context.build import build_domain
    from scaffold._spec import load_spec
    from scaffold._spec.checks.collisions import generated_python_names

    spec = load_spec(path)
    domain = build_domain(spec)
    made: set[str] = set()
    for model in domain["models"]:
        made |= {
            model["name"],
            model["list_selector"],
            model["filterset"],
            *model["service_functions"],
        }
        made |= set(model["serializer_classes"])
        made |= {nested["class"] for nested in model["nested_serializers"]}
        made |= {model["tests"]["factory"]}
        made |= {inline["class"] for inline in model["admin"]["inlines"]}
    made |= {item["model"] for item in domain["external_models"]}
    made |= {item["selector"] for item in domain["external_selectors"]}
    made |= {item["factory"] for item in domain["external_factories"]}

    assert made - {"User", "organization_user_list"} <= generated_python_names(spec)
