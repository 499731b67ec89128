"""The OpenAPI schema and the docs pages: valid, complete, offline, not for anonymous callers."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from core.openapi import ERROR_SCHEMA

pytestmark = pytest.mark.django_db

PAGES = ["/api/schema/", "/api/docs/", "/api/redoc/"]


def test_schema_validates_without_a_single_warning(tmp_path: Path) -> None:
    # --fail-on-warn raises on any warning: an undescribed body, a naming clash, a bad hint.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))

    assert yaml.safe_load((tmp_path / "s.yml").read_text())["openapi"].startswith("3.")


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_callers_get_401_in_production(api_client: APIClient, url: str) -> None:
    response = api_client.get(url)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("url", PAGES)
def test_signed_in_users_may_read_the_schema_and_docs(client_for, principals, url: str) -> None:
    response = client_for(principals["member_a"]).get(url)

    assert response.status_code == 200


@override_settings(DEBUG=True)
@pytest.mark.parametrize("url", PAGES)
def test_anyone_may_read_them_in_debug_mode(api_client: APIClient, url: str) -> None:
    assert api_client.get(url).status_code == 200


def test_schema_is_json_by_default_and_yaml_on_request(client_for, principals) -> None:
    client = client_for(principals["member_a"])

    as_json = client.get("/api/schema/")
    as_yaml = client.get("/api/schema/?format=yaml")

    assert as_json.json()["info"]["title"]
    assert yaml.safe_load(as_yaml.content)["paths"] == as_json.json()["paths"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_assets_from_this_site(client_for, principals, url: str) -> None:
    page = client_for(principals["member_a"]).get(url).content.decode()

    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn.jsdelivr.net" not in page
    assert "/api/schema/" in page


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_operation_names_its_role_and_its_errors(openapi_schema: dict[str, Any]) -> None:
    for method, path, operation in _operations(openapi_schema):
        where = f"{method} {path}"
        assert operation["x-required-role"], where
        assert "Role: **" in operation["description"], where
        errors = {code: r for code, r in operation["responses"].items() if code >= "400"}
        assert "429" in errors, where
        for response in errors.values():
            assert response["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, where


def test_the_error_component_is_the_envelope_the_api_answers_with(
    openapi_schema: dict[str, Any],
) -> None:
    assert openapi_schema["components"]["schemas"]["Error"] == ERROR_SCHEMA


def test_every_request_body_rejects_unknown_keys(openapi_schema: dict[str, Any]) -> None:
    schemas = openapi_schema["components"]["schemas"]
    for method, path, operation in _operations(openapi_schema):
        body = operation.get("requestBody")
        if body is None:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"]
        assert schemas[ref.rsplit("/", 1)[1]]["additionalProperties"] is False, f"{method} {path}"


PROJECT_OPERATIONS = [
    ("post", "/api/auth/token/", "public"),
    ("post", "/api/auth/token/refresh/", "authenticated"),
    ("post", "/api/auth/logout/", "authenticated"),
    ("post", "/api/auth/logout-all/", "authenticated"),
    ("get", "/api/me/", "authenticated"),
    ("patch", "/api/me/", "authenticated"),
    ("get", "/api/orgs/", "authenticated"),
    ("post", "/api/orgs/", "authenticated"),
    ("get", "/api/orgs/{organization_slug}/", "member"),
    ("put", "/api/orgs/{organization_slug}/", "owner"),
    ("patch", "/api/orgs/{organization_slug}/", "owner"),
    ("delete", "/api/orgs/{organization_slug}/", "owner"),
    ("post", "/api/orgs/{organization_slug}/leave/", "member"),
    ("get", "/api/orgs/{organization_slug}/members/", "member"),
    ("post", "/api/orgs/{organization_slug}/members/", "admin"),
    ("get", "/api/orgs/{organization_slug}/members/{id}/", "member"),
    ("put", "/api/orgs/{organization_slug}/members/{id}/", "owner"),
    ("patch", "/api/orgs/{organization_slug}/members/{id}/", "owner"),
    ("delete", "/api/orgs/{organization_slug}/members/{id}/", "admin"),
]


def test_project_operations_are_documented_with_their_roles(
    openapi_schema: dict[str, Any],
) -> None:
    documented = {
        (method, path): operation["x-required-role"]
        for method, path, operation in _operations(openapi_schema)
        if operation["tags"] in (["accounts"], ["organizations"])
    }

    assert documented == {(method, path): role for method, path, role in PROJECT_OPERATIONS}


def test_sign_in_needs_no_token_and_answers_no_401(openapi_schema: dict[str, Any]) -> None:
    sign_in = openapi_schema["paths"]["/api/auth/token/"]["post"]

    assert sign_in["x-required-role"] == "public"
    assert "security" not in sign_in or {} in sign_in["security"]
    assert "401" not in sign_in["responses"]
