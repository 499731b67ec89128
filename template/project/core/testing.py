"""Helpers for tests (fixtures live in the root conftest.py)."""

from typing import Any

from django.db.models import Model
from django.http import HttpResponse


def error_fields(response: HttpResponse) -> dict[str, list[str]]:
    """The per-field messages of an error response; {} when it has none."""
    return response.json()["error"].get("fields", {})


def snapshot(instance: Model) -> dict[str, Any] | None:
    """The row as stored now (None once deleted), to show that a request changed nothing."""
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()


def schema_component(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s (and a lone `allOf`) to the schema object they name."""
    while True:
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        elif len(node.get("allOf", ())) == 1:
            node = node["allOf"][0]
        else:
            return node


def request_body_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object an operation accepts, or None when it takes no body."""
    body = operation.get("requestBody")
    if body is None:
        return None
    return schema_component(schema, body["content"]["application/json"]["schema"])


def response_body_schema(
    schema: dict[str, Any], operation: dict[str, Any]
) -> dict[str, Any] | None:
    """The object a successful call answers with (a list's items), or None for no body."""
    success = next(code for code in operation["responses"] if code.startswith("2"))
    content = operation["responses"][success].get("content")
    if content is None:
        return None
    body = schema_component(schema, content["application/json"]["schema"])
    if "results" in body.get("properties", {}):  # a page of a list
        return schema_component(schema, body["properties"]["results"]["items"])
    return body
