"""OpenAPI annotations of a model's views, and the operations its schema test expects.

Each action's ``@extend_schema(...)`` names the exact request and response serializers; what
every operation shares (the role, error responses, closed inputs) comes from the project's
``core.openapi`` at schema time. Later constructs (nested writes, computed fields) extend the
shapes here, in one place.
"""

from __future__ import annotations

from typing import Any

from scaffold._context.pycode import call, literal
from scaffold._spec.naming import kebab


def _decorator(*, request: str | None = None, responses: str, with_request: bool) -> str:
    args = []
    if with_request:
        args.append(f"request={request}")
    args.append(f"responses={responses}")
    return f"@extend_schema({', '.join(args)})"


def view_annotations(model: dict[str, Any]) -> dict[str, str]:
    """Action name -> the decorator placed above its view method."""
    output = model["output"]["class"]
    annotations: dict[str, str] = {}
    offers = model["offers"]
    if offers["list"]:
        annotations["list"] = _decorator(
            responses=f"{{200: {model['list_output']['class']}(many=True)}}", with_request=False
        )
    if offers["retrieve"]:
        annotations["retrieve"] = _decorator(responses=f"{{200: {output}}}", with_request=False)
    if offers["create"]:
        annotations["create"] = _decorator(
            request=model["create_input"]["class"],
            responses=f"{{201: {output}}}",
            with_request=True,
        )
    if offers["update"]:
        update = _decorator(
            request=model["update_input"]["class"],
            responses=f"{{200: {output}}}",
            with_request=True,
        )
        annotations["update"] = update
        annotations["partial_update"] = update
    if offers["destroy"]:
        annotations["destroy"] = _decorator(responses="{204: None}", with_request=False)
    for transition in model["transitions"]:
        annotations[transition["name"]] = _decorator(
            request="None", responses=f"{{200: {output}}}", with_request=True
        )
    return annotations


def schema_operations(domain: str, model: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation the model's API offers, as its schema must list it.

    Each: method, path, the role it needs, the input keys it accepts (None: no body) and the
    keys of the object it answers with (None: no body).
    """
    prefix = (
        f"/api/orgs/{{organization_slug}}/{kebab(domain)}"
        if model["root"] == "tenant"
        else (f"/api/{kebab(domain)}")
    )
    collection = f"{prefix}/{model['url']}/"
    item = f"{collection}{{id}}/"
    roles = {entry["action"]: entry["role"] for entry in model["roles"]}
    output = model["output"]["field_names"]
    offers = model["offers"]
    operations = []

    def add(action: str, method: str, path: str, request: list[str] | None, response: Any) -> None:
        operations.append(
            {
                "id": f"{model['snake']}-{action}",
                "method": method,
                "path": path,
                "role": roles[action if action != "partial_update" else "update"],
                "request": request,
                "response": response,
            }
        )

    if offers["list"]:
        add("list", "get", collection, None, model["list_output"]["field_names"])
    if offers["create"]:
        add("create", "post", collection, model["create_input"]["fields"], output)
    if offers["retrieve"]:
        add("retrieve", "get", item, None, output)
    if offers["update"]:
        add("update", "put", item, model["update_input"]["fields"], output)
        add("partial_update", "patch", item, model["update_input"]["fields"], output)
    if offers["destroy"]:
        add("destroy", "delete", item, None, None)
    for transition in model["transitions"]:
        # DRF routes an @action by its method name, underscores included.
        add(transition["name"], "post", f"{item}{transition['name']}/", None, output)
    return operations


def schema_test_params(operations: list[dict[str, Any]]) -> list[str]:
    """``pytest.param(method, path, role, request keys, response keys, id=...)`` per operation."""
    return [
        call(
            "pytest.param(",
            [
                literal(op["method"]),
                literal(op["path"]),
                literal(op["role"]),
                literal(op["request"]),
                literal(op["response"]),
                f"id={literal(op['id'])}",
            ],
            indent=4,
        )
        for op in operations
    ]


def domain_schema(domain: str, models: list[dict[str, Any]]) -> dict[str, Any]:
    """What the domain's schema test needs: its URL prefixes and every operation."""
    url = kebab(domain)
    return {
        "prefixes": [
            *(
                [f"/api/orgs/{{organization_slug}}/{url}/"]
                if any(m["root"] == "tenant" for m in models)
                else []
            ),
            *([f"/api/{url}/"] if any(m["root"] != "tenant" for m in models) else []),
        ],
        "params": [
            param for model in models for param in schema_test_params(model["schema_operations"])
        ],
    }
