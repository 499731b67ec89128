"""Reserved names, name patterns and the per-type and per-scope tables the checks consult."""

from __future__ import annotations

import re

# Names a domain app cannot take: project apps, Django/DRF packages, stdlib modules it imports.
RESERVED_DOMAINS = frozenset(
    {
        *("core", "tenancy", "accounts", "config", "tests", "test", "scaffold", "site"),
        *("django", "rest_framework", "django_filters", "admin", "auth", "contenttypes"),
        *("sessions", "messages", "staticfiles", "api", "static", "media", "templates"),
        *("typing", "types", "json", "logging", "email", "decimal", "datetime", "uuid"),
        # Project URLs a domain's /api/<domain>/ or /api/orgs/<slug>/<domain>/ would shadow,
        # and the apps behind the schema and the tokens.
        *("orgs", "me", "members", "leave", "schema", "docs", "redoc"),
        *("knox", "drf_spectacular", "drf_spectacular_sidecar"),
    }
)
RESERVED_MODELS = frozenset({"Organization", "Membership", "User", "Meta", "Model"})
# Columns scaffold adds itself, and attributes every Django model already has.
RESERVED_FIELDS = frozenset(
    {
        *("id", "pk", "objects", "organization", "organization_id", "owner", "owner_id"),
        *("created_at", "updated_at", "save", "delete", "clean", "full_clean"),
        *("refresh_from_db", "check", "DoesNotExist", "MultipleObjectsReturned"),
    }
)
AUDIT_FIELDS = ("id", "created_at", "updated_at")
DEFAULT_MAX_LENGTH = 255
DEFAULT_MAX_DIGITS = 12
DEFAULT_DECIMAL_PLACES = 2
MAX_CONSTRAINT_NAME = 60  # well under PostgreSQL's 63 and MySQL's 64 characters
# Types whose optional fields fall back to an empty value (a blank string, false); an optional
# foreign key without null is refused at run time as "cannot be null", which names the field.
EMPTY_BY_DEFAULT = ("string", "text", "email", "url", "boolean", "foreign_key")
# Attributes of DRF's GenericViewSet a transition action must not replace.
VIEWSET_NAMES = frozenset(
    {
        "allowed_methods",
        "as_view",
        "authentication_classes",
        "content_negotiation_class",
        "default_response_headers",
        "determine_version",
        "dispatch",
        "filter_backends",
        "filter_queryset",
        "finalize_response",
        "handle_exception",
        "http_method_names",
        "http_method_not_allowed",
        "initial",
        "initialize_request",
        "lookup_field",
        "lookup_url_kwarg",
        "metadata_class",
        "options",
        "paginate_queryset",
        "pagination_class",
        "paginator",
        "parser_classes",
        "permission_classes",
        "permission_denied",
        "queryset",
        "raise_uncaught_exception",
        "renderer_classes",
        "reverse_action",
        "schema",
        "serializer_class",
        "settings",
        "setup",
        "throttle_classes",
        "throttled",
        "versioning_class",
        "view_is_async",
        "action",
        "args",
        "kwargs",
        "request",
        "response",
        "headers",
        "format_kwarg",
        "basename",
        "detail",
        "suffix",
        "name",
        "description",
        "action_map",
    }
)

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
MODEL_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
EXTERNAL_MODEL = re.compile(r"^[a-z][a-z0-9_]*\.[A-Z][A-Za-z0-9]*$")

# Which options each type accepts; any other type given the option is an error.
OPTION_TYPES = {
    "max_length": ("string", "email", "url"),
    "max_digits": ("decimal",),
    "decimal_places": ("decimal",),
    "choices": ("choice",),
    "to": ("foreign_key",),
    "on_delete": ("foreign_key",),
    "related_name": ("foreign_key",),
    "min": ("integer", "decimal"),
    "max": ("integer", "decimal"),
}
TEXT_TYPES = ("string", "text", "email", "url")
# Two fields compare in a check only when they are of the same kind.
COMPARABLE_KINDS = {
    "integer": "number",
    "decimal": "number",
    "date": "date",
    "datetime": "datetime",
}
NUMBER_TYPES = ("integer", "decimal")
SEARCH_TYPES = ("string", "text", "email", "url", "choice")
NOT_FILTERABLE = ("text", "json")
NOT_UNIQUE = ("text", "json", "boolean")
ROLES_BY_ROOT = {
    "tenant": ("member", "admin", "owner"),
    "owner": ("authenticated",),
    "none": ("public", "authenticated", "staff"),
}
# A row may point to rows visible to at least everyone who sees it.
TARGET_ROOTS = {"tenant": ("tenant", "none"), "owner": ("owner", "none"), "none": ("none",)}
ROOT_NAMES = {"tenant": "tenant-scoped", "owner": "owner-scoped", "none": "unscoped (scope none)"}
