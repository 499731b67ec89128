"""Reserved names, name patterns and the per-type and per-scope tables the checks consult."""

from __future__ import annotations

import re

# Names a domain app cannot take beyond importable modules (python_names.py): the project's
# URLs a domain's /api/<domain>/ or /api/orgs/<slug>/<domain>/ would shadow, and scaffold.
RESERVED_DOMAINS = frozenset(
    {"scaffold", "api", "static", "media", "templates", "orgs", "me", "members", "leave"}
    | {"schema", "docs", "redoc"}
)
RESERVED_MODELS = frozenset({"Organization", "Membership", "User", "Meta", "Model"})
# Columns scaffold adds itself to every model (Django's own attributes are in python_names.py).
SCAFFOLD_FIELDS = frozenset(
    {"id", "organization", "organization_id", "owner", "owner_id", "created_at", "updated_at"}
)
AUDIT_FIELDS = ("id", "created_at", "updated_at")
DEFAULT_MAX_LENGTH = 255
DEFAULT_MAX_DIGITS = 12
DEFAULT_DECIMAL_PLACES = 2
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1  # IntegerField on every supported database
MAX_CONSTRAINT_NAME = 60  # well under PostgreSQL's 63 and MySQL's 64 characters
# Types whose optional fields fall back to an empty value (a blank string, false); an optional
# foreign key without null is refused at run time as "cannot be null", which names the field.
EMPTY_BY_DEFAULT = ("string", "text", "email", "url", "boolean", "foreign_key")
# Patterns are anchored with \A and \Z and used with fullmatch: `$` would let "name\n" pass.
IDENTIFIER = re.compile(r"\A[a-z][a-z0-9_]*\Z")
MODEL_NAME = re.compile(r"\A[A-Z][A-Za-z0-9]*\Z")
EXTERNAL_MODEL = re.compile(r"\A[a-z][a-z0-9_]*\.[A-Z][A-Za-z0-9]*\Z")

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
