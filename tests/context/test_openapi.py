"""OpenAPI annotations of generated views and the operations their schema test expects."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from scaffold._context.build import build_domain
from scaffold._spec import load_spec

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def billing() -> dict[str, Any]:
    return build_domain(load_spec(REPO / "examples" / "billing.yaml"))


@pytest.fixture(scope="module")
def library() -> dict[str, Any]:
    return build_domain(load_spec(REPO / "tests" / "e2e" / "specs" / "library.yaml"))


def model(domain: dict[str, Any], name: str) -> dict[str, Any]:
    return next(m for m in domain["models"] if m["name"] == name)


def test_each_offered_action_names_its_exact_serializers(billing: dict[str, Any]) -> None:
    assert model(billing, "Invoice")["openapi"] == {
        "list": "@extend_schema(responses={200: InvoiceListOutputSerializer(many=True)})",
        "retrieve": "@extend_schema(responses={200: InvoiceOutputSerializer})",
        "create": "@extend_schema(request=InvoiceCreateInputSerializer, "
        "responses={201: InvoiceOutputSerializer})",
        "update": "@extend_schema(request=InvoiceUpdateInputSerializer, "
        "responses={200: InvoiceOutputSerializer})",
        "partial_update": "@extend_schema(request=InvoiceUpdateInputSerializer, "
        "responses={200: InvoiceOutputSerializer})",
        "destroy": "@extend_schema(responses={204: None})",
        "send": "@extend_schema(request=None, responses={200: InvoiceOutputSerializer})",
        "pay": "@extend_schema(request=None, responses={200: InvoiceOutputSerializer})",
        "void": "@extend_schema(request=None, responses={200: InvoiceOutputSerializer})",
    }


def test_actions_without_a_role_get_no_annotation(library: dict[str, Any]) -> None:
    genre = model(library, "Genre")

    assert set(genre["openapi"]) == {"list", "retrieve", "create", "update", "partial_update"}


def test_operations_carry_path_role_and_shapes(billing: dict[str, Any]) -> None:
    operations = {op["id"]: op for op in model(billing, "Invoice")["schema_operations"]}

    assert operations["invoice-list"] == {
        "id": "invoice-list",
        "method": "get",
        "path": "/api/orgs/{organization_slug}/billing/invoices/",
        "role": "member",
        "request": None,
        "response": ["id", "number", "customer", "amount", "status", "due_on"],
    }
    assert operations["invoice-partial_update"]["role"] == "admin"
    assert operations["invoice-partial_update"]["request"] == [
        "amount",
        "issued_on",
        "due_on",
        "memo",
    ]
    assert operations["invoice-destroy"]["response"] is None
    assert operations["invoice-void"]["path"].endswith("/invoices/{id}/void/")
    assert operations["invoice-void"]["role"] == "owner"


def test_unscoped_models_live_outside_organizations(library: dict[str, Any]) -> None:
    paths = {op["path"] for op in model(library, "Genre")["schema_operations"]}

    assert paths == {"/api/library/genres/", "/api/library/genres/{id}/"}
    assert library["openapi"]["prefixes"] == [
        "/api/orgs/{organization_slug}/library/",
        "/api/library/",
    ]


def test_schema_test_parameters_are_python_literals(library: dict[str, Any]) -> None:
    for param in library["openapi"]["params"]:
        call = ast.parse(param.strip(), mode="eval").body
        assert isinstance(call, ast.Call)
        values = [ast.literal_eval(arg) for arg in call.args]
        assert values[0] in {"get", "post", "put", "patch", "delete"}
        assert values[1].startswith("/api/")
