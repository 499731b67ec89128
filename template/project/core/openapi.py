"""The OpenAPI schema (drf-spectacular): roles, the error envelope and exact inputs everywhere.

Views declare their request and response serializers with `@extend_schema`; everything every
operation shares is added here, once: the role it needs (`x-required-role` and a sentence), the
error responses it can give, `additionalProperties: false` on inputs (they reject unknown keys),
and the search, ordering and pagination parameters of lists.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import Direction
from rest_framework.permissions import AllowAny

from core.permissions import AUTHENTICATED
from core.permissions import PUBLIC
from core.permissions import STAFF
from core.permissions import ActionRolePermission

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answers in this shape; `fields` only for invalid input.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable, machine-readable reason."},
                "message": {"type": "string", "description": "A fixed text for people."},
                "fields": {
                    "type": "object",
                    "description": "Messages per input field; nested ones named with dots.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `fields` names each rejected key (unknown keys included).",
    "401": "No credentials, or an unknown, expired or revoked token.",
    "403": "The caller's role is below the one this operation needs.",
    "404": "Not found: missing, or outside what the caller may see (never 403).",
    "409": "Conflicts with the current data: a duplicate, a protected row, an illegal transition.",
    "413": "The request body is larger than the server accepts.",
    "415": "The request body is not JSON.",
    "429": "Too many requests; retry after the `Retry-After` header's seconds.",
}

ORGANIZATION_ROLES = ("member", "admin", "owner")


def required_role(view: Any) -> str:
    """The least role the view's current action needs: what its permission class enforces."""
    permissions = view.get_permissions()
    for permission in permissions:
        if isinstance(permission, ActionRolePermission):
            return permission.roles.get(getattr(view, "action", None) or "", "nobody")
    if any(isinstance(permission, AllowAny) for permission in permissions):
        return PUBLIC
    return AUTHENTICATED


def role_sentence(role: str) -> str:
    """The role rule as the docs page shows it."""
    if role in ORGANIZATION_ROLES:
        return f"Role: **{role}** or higher in the organization."
    return {
        PUBLIC: "Role: **public**; no token needed.",
        AUTHENTICATED: "Role: **authenticated**; any signed-in user.",
        STAFF: "Role: **staff** users only.",
    }.get(role, f"Role: **{role}**.")


class ApiSchema(AutoSchema):
    """Operations as the generated views declare them, plus what every operation shares."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """Add the required role and the error responses to each operation."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        role = required_role(self.view)
        operation["x-required-role"] = role
        if role == PUBLIC and operation.get("security"):
            operation["security"].append({})  # a token is accepted, not needed
        description = operation.get("description", "").strip()
        operation["description"] = f"{description}\n\n{role_sentence(role)}".strip()
        error = ResolvedComponent(
            name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA
        )
        self.registry.register_on_missing(error)
        for code in self._error_codes(operation, role):
            operation["responses"].setdefault(
                code,
                {
                    "description": ERROR_DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": error.ref}},
                },
            )
        operation["responses"] = dict(sorted(operation["responses"].items()))
        return operation

    def _error_codes(self, operation: dict[str, Any], role: str) -> list[str]:
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        in_path = any(parameter["in"] == "path" for parameter in parameters)
        filtered = any(
            parameter["in"] == "query" and parameter["name"] not in NON_FILTER_PARAMETERS
            for parameter in parameters
        )
        codes = []
        if has_body or filtered:
            codes.append("400")
        if self.view.get_authenticators():
            codes.append("401")  # even on public operations: a bad token is refused
        if role != PUBLIC:
            codes.append("403")  # a role too low, or a session write without its CSRF token
        if in_path or self._is_list_view():
            codes.append("404")  # lists: a page past the last one
        if self.method not in ("GET", "HEAD") and getattr(self.view, "schema_conflicts", True):
            codes.append("409")
        if has_body:
            codes += ["413", "415"]
        codes.append("429")
        return codes

    def get_summary(self) -> str | None:
        """The first line of the action's docstring, without its full stop."""
        description = super().get_description()
        return description.split("\n", 1)[0].rstrip(".") or None if description else None

    def get_description(self) -> str:  # type: ignore[override]  # drf-spectacular's, not DRF's
        """What the docstring says after its first line (the summary)."""
        description = super().get_description()
        return description.split("\n", 1)[1].strip() if "\n" in description else ""

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        """Say that an email or URL field that may be blank holds "" or a valid address."""
        # untyped_calls_exclude does not reach calls through super()
        schema: dict[str, Any] = super()._map_serializer_field(  # type: ignore[no-untyped-call]
            field, direction, bypass_extensions
        )
        if schema.get("format") in ("email", "uri") and _allows_blank(field):
            formatted = {"type": schema.pop("type"), "format": schema.pop("format")}
            schema["anyOf"] = [formatted, {"type": "string", "maxLength": 0}]
        return schema

    def get_tags(self) -> list[str]:
        """Group operations by app: a domain, "organizations", "accounts"."""
        return [getattr(self.view, "schema_tag", None) or type(self.view).__module__.split(".")[0]]

    def get_serializer_name(self, serializer: Any, direction: Direction) -> str:
        """Prefix a domain's components with its name, so two domains never clash."""
        name = super().get_serializer_name(serializer, direction)
        app = type(serializer).__module__.split(".")[0]
        if app in settings.DOMAIN_APPS:
            return "".join(part.capitalize() for part in app.split("_")) + name
        return name


def _allows_blank(field: Any) -> bool:
    # Output fields of a ModelSerializer drop allow_blank; the model field still says it.
    if getattr(field, "allow_blank", False):
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return bool(model and model._meta.get_field(field.source).blank)
    except FieldDoesNotExist:
        return False


# Query parameters that are not filters: wrong values of these never answer 400.
NON_FILTER_PARAMETERS = frozenset({"page", "page_size", "search", "ordering"})


class TokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <token>`, the token from POST /api/auth/token/."""

    target_class = "accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        """An API key in the Authorization header, with its prefix."""
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )


class InputSerializerExtension(OpenApiSerializerExtension):
    """Inputs reject keys they do not declare, so their schemas forbid additional properties."""

    target_class = "core.serializers.InputSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        """The serializer's own schema, closed to other keys."""
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        return {**schema, "additionalProperties": False}


class ScopedPrimaryKeyFieldExtension(OpenApiSerializerFieldExtension):
    """A foreign key in an input: the id of a row the caller can see."""

    target_class = "core.serializers.ScopedPrimaryKeyRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        """Every model's primary key is a big integer."""
        return {
            **(build_basic_type(OpenApiTypes.INT64) or {}),
            "description": "The id of a row the caller can see; others count as missing.",
        }


class SearchFilterExtension(OpenApiFilterExtension):
    """`?search=`, only where the view searches something, naming what it searches."""

    target_class = "rest_framework.filters.SearchFilter"
    match_subclasses = True

    def get_schema_operation_parameters(
        self, auto_schema: AutoSchema, *args: Any, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """One string parameter, or none."""
        fields = getattr(auto_schema.view, "search_fields", None) or []
        if not fields:
            return []
        names = ", ".join(field.replace("__", " ") for field in fields)
        return [
            {
                "name": self.target.search_param,
                "in": "query",
                "required": False,
                "description": f"Words to look for in: {names}.",
                "schema": {"type": "string"},
            }
        ]


class OrderingFilterExtension(OpenApiFilterExtension):
    """`?ordering=`: a comma-separated list of the view's sort keys, `-` for descending."""

    target_class = "rest_framework.filters.OrderingFilter"
    match_subclasses = True

    def get_schema_operation_parameters(
        self, auto_schema: AutoSchema, *args: Any, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """An array parameter whose items are the allowed terms, or none."""
        fields = getattr(auto_schema.view, "ordering_fields", None) or []
        if not fields or fields == "__all__":
            return []
        terms = [term for field in fields for term in (field, f"-{field}")]
        return [
            {
                "name": self.target.ordering_param,
                "in": "query",
                "required": False,
                "description": "Sort keys, comma-separated; `-` sorts descending. "
                "Unknown keys are ignored.",
                "style": "form",
                "explode": False,
                "schema": {"type": "array", "items": {"type": "string", "enum": terms}},
            }
        ]


def drop_enum_ids(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS: choices stay inline in each schema; drop the marker for naming them.

    drf-spectacular's own hook names shared enums by field name, which collides as soon as two
    models have a `status` with different choices.
    """

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("x-spec-enum-id", None)
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(result)
    return result
