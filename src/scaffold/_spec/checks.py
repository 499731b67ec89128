"""Cross-checks of a schema-valid spec: names, references, scopes, whitelists and roles."""

from __future__ import annotations

import datetime
import difflib
import keyword
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import partial

from scaffold._spec.expressions import ExpressionError, parse_check
from scaffold._spec.schema import (
    CRUD_ACTIONS,
    DomainSpec,
    FieldSpec,
    ModelSpec,
    ParentScope,
    UniqueConstraintSpec,
    WriteSpec,
)
from scaffold.errors import SpecProblem

KeyPath = tuple[str | int, ...]
# A name check: None when the name is fine, else (message, hint).
Verdict = tuple[str, str | None] | None

# Names a domain app cannot take: project apps, Django/DRF packages, stdlib modules it imports.
RESERVED_DOMAINS = frozenset(
    {
        *("core", "tenancy", "accounts", "config", "tests", "test", "scaffold", "site"),
        *("django", "rest_framework", "django_filters", "admin", "auth", "contenttypes"),
        *("sessions", "messages", "staticfiles", "api", "static", "media", "templates"),
        *("typing", "types", "json", "logging", "email", "decimal", "datetime", "uuid"),
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


def check_spec(spec: DomainSpec) -> list[SpecProblem]:
    """Every problem the schema cannot see; paths only, the loader adds the lines."""
    domain = _Domain(spec)
    problems = [*_check_domain_name(spec.domain), *_check_model_names(spec)]
    for name, model in spec.models.items():
        problems.extend(_check_model(domain, name, model))
    return problems


class _Domain:
    """The spec plus what several checks need: scope roots and domain-wide name registries."""

    def __init__(self, spec: DomainSpec) -> None:
        self.spec = spec
        self.roots = {name: _root(spec, name) for name in spec.models}
        self.related_names: dict[tuple[str, str], str] = {}
        self.constraint_names: dict[str, str] = {}

    def target(self, field: FieldSpec) -> ModelSpec | None:
        """The model of this domain a foreign key points to, if it does."""
        return self.spec.models.get(field.to or "") if field.type == "foreign_key" else None


def _root(spec: DomainSpec, name: str) -> str | None:
    """tenant, owner or none at the end of the parent chain; None when the chain is broken."""
    chain = [name]
    while isinstance(scope := spec.models[chain[-1]].scope, ParentScope):
        target = _parent_target(spec.models[chain[-1]])
        if target not in spec.models or target in chain:
            return None
        chain.append(target)
    return scope


def _parent_target(model: ModelSpec) -> str | None:
    if not isinstance(model.scope, ParentScope):
        return None
    field = model.fields.get(model.scope.parent)
    return field.to if field is not None and field.type == "foreign_key" else None


def _problem(path: KeyPath, message: str, hint: str | None = None) -> SpecProblem:
    return SpecProblem(path=path, message=message, hint=hint)


def _did_you_mean(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else None


def _unknown(what: str, name: str, options: Iterable[str], of: str = "") -> tuple[str, str | None]:
    options = list(options)
    listing = ", ".join(options) if options else "(none)"
    where = f" of {of}" if of else ""
    message = f"unknown {what} '{name}'{where}; expected one of: {listing}"
    return message, _did_you_mean(name, options)


def _a(words: str) -> str:
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _check_names(
    path: KeyPath, names: list[str], verdict: Callable[[str], Verdict]
) -> Iterator[SpecProblem]:
    """Each name of a whitelist: no repeats, and each one allowed by `verdict`."""
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            yield _problem((*path, index), f"'{name}' is listed twice")
            continue
        seen.add(name)
        if found := verdict(name):
            yield _problem((*path, index), *found)


# --- names -------------------------------------------------------------------------------


def _check_domain_name(domain: str) -> Iterator[SpecProblem]:
    path = ("domain",)
    if not IDENTIFIER.match(domain):
        yield _problem(path, f"domain '{domain}' must be lowercase snake_case, like 'billing'")
    elif keyword.iskeyword(domain):
        yield _problem(path, f"domain '{domain}' is a Python keyword")
    elif domain in RESERVED_DOMAINS:
        yield _problem(
            path,
            f"domain '{domain}' is reserved: the project or a library already uses that name",
            f"reserved names: {', '.join(sorted(RESERVED_DOMAINS))}",
        )


def _check_model_names(spec: DomainSpec) -> Iterator[SpecProblem]:
    seen: dict[str, str] = {}
    for name in spec.models:
        path = ("models", name)
        if not MODEL_NAME.match(name):
            yield _problem(path, f"model name '{name}' must be CamelCase, like 'InvoiceLine'")
        elif keyword.iskeyword(name):
            yield _problem(path, f"model name '{name}' is a Python keyword")
        elif name in RESERVED_MODELS:
            yield _problem(path, f"model name '{name}' is reserved by scaffold or Django")
        if name.lower() in seen:
            first = seen[name.lower()]
            yield _problem(
                path, f"model '{name}' clashes with '{first}'; names must differ beyond letter case"
            )
        seen.setdefault(name.lower(), name)


def _check_field_name(name: str, model: ModelSpec) -> str | None:
    if not IDENTIFIER.match(name):
        return f"field name '{name}' must be lowercase snake_case, like 'due_on'"
    if "__" in name:
        return f"field name '{name}' must not contain '__' (Django uses it for lookups)"
    if name.endswith("_"):
        return f"field name '{name}' must not end with '_'"
    if keyword.iskeyword(name):
        return f"field name '{name}' is a Python keyword"
    if name in RESERVED_FIELDS:
        return f"field name '{name}' is reserved by scaffold or Django; choose another name"
    base = name.removesuffix("_id")
    if base != name and getattr(model.fields.get(base), "type", None) == "foreign_key":
        return f"field name '{name}' clashes with the column of foreign key '{base}'"
    return None


# --- one model ---------------------------------------------------------------------------


def _check_model(domain: _Domain, name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    path: KeyPath = ("models", name)
    yield from _check_scope(domain, name, model, path)
    if model.display is not None:
        yield from _check_display(model, path)
    for field_name, field in model.fields.items():
        yield from _check_field(domain, name, model, field_name, field)
    yield from _check_reads(domain, name, model, path)
    yield from _check_write(domain, name, model, path)
    yield from _check_roles(domain, name, model, path)
    yield from _check_constraints(domain, name, model, path)
    yield from _check_indexes(model, path)
    yield from _check_queries(domain, model, path)
    yield from _check_transitions(domain, model, path)


def _check_scope(
    domain: _Domain, name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    if not isinstance(model.scope, ParentScope):
        return
    path = (*path, "scope", "parent")
    parent = model.scope.parent
    field = model.fields.get(parent)
    if field is None:
        yield _problem(path, *_unknown("field", parent, model.fields))
    elif field.type != "foreign_key":
        yield _problem(path, f"parent '{parent}' is a {field.type} field, not a foreign key")
    elif field.to not in domain.spec.models:
        yield _problem(
            path, f"parent '{parent}' points to '{field.to}', not to a model of this domain"
        )
    else:
        if field.null:
            yield _problem(path, f"parent '{parent}' must not be null: every row needs its parent")
        chain = [name]
        while isinstance(domain.spec.models[chain[-1]].scope, ParentScope):
            target = _parent_target(domain.spec.models[chain[-1]])
            if target not in domain.spec.models:
                return  # the broken link is reported at its own model
            if target in chain:
                if target == name:
                    cycle = " -> ".join([*chain, name])
                    yield _problem(path, f"scope parents form a cycle: {cycle}")
                return
            chain.append(target)
        if domain.spec.models[chain[-1]].scope == "none":
            yield _problem(
                path,
                f"parent '{parent}' leads to {chain[-1]}, whose scope is none; "
                "a parent chain must end at a tenant or owner model",
            )


def _check_display(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    def verdict(name: str) -> Verdict:
        field = model.fields.get(name)
        if field is None:
            return _unknown("field", name, model.fields)
        if field.type == "json":
            return f"'{name}' is a json field and cannot be displayed", None
        return None

    if isinstance(model.display, str):
        if found := verdict(model.display):
            yield _problem((*path, "display"), *found)
    elif not model.display:
        yield _problem((*path, "display"), "name at least one field to display")
    else:
        yield from _check_names((*path, "display"), list(model.display), verdict)


# --- fields ------------------------------------------------------------------------------


def _check_field(
    domain: _Domain, model_name: str, model: ModelSpec, name: str, field: FieldSpec
) -> Iterator[SpecProblem]:
    path: KeyPath = ("models", model_name, "fields", name)
    if message := _check_field_name(name, model):
        yield _problem(path, message)
    for option, types in OPTION_TYPES.items():
        if option in field.model_fields_set and field.type not in types:
            allowed = " and ".join(types) if len(types) < 3 else ", ".join(types)
            yield _problem(
                (*path, option), f"{option} applies only to {allowed} fields, not to {field.type}"
            )
    if (
        field.required is False
        and not field.null
        and not field.has_default
        and field.type not in EMPTY_BY_DEFAULT
    ):
        yield _problem(
            (*path, "required"),
            f"field '{name}' is optional but has no value to fall back on; "
            "give it a default or null: true",
        )
    if field.type == "choice":
        yield from _check_choices(field, path)
    elif field.type == "foreign_key":
        yield from _check_foreign_key(domain, model_name, field, path)
    elif field.type == "decimal":
        digits = field.max_digits or DEFAULT_MAX_DIGITS
        places = DEFAULT_DECIMAL_PLACES if field.decimal_places is None else field.decimal_places
        if places > digits:
            yield _problem(
                (*path, "decimal_places"),
                f"decimal_places ({places}) cannot exceed max_digits ({digits})",
            )
    if field.min is not None and field.max is not None and field.min > field.max:
        yield _problem((*path, "max"), f"max ({field.max}) is less than min ({field.min})")
    if field.unique and field.type in NOT_UNIQUE:
        yield _problem((*path, "unique"), f"a {field.type} field cannot be unique")
    if field.has_default and (message := _default_error(field)):
        yield _problem((*path, "default"), message)


def _choices(field: FieldSpec) -> list[str]:
    return list(field.choices or [])  # a list of names, or the names of a {name: label} mapping


def _check_choices(field: FieldSpec, path: KeyPath) -> Iterator[SpecProblem]:
    if field.choices is None:
        yield _problem(path, "a choice field needs choices")
        return
    if not field.choices:
        yield _problem((*path, "choices"), "choices must not be empty")
    seen: set[str] = set()
    for index, value in enumerate(_choices(field)):
        where = (*path, "choices", index if isinstance(field.choices, list) else value)
        if not IDENTIFIER.match(value):
            yield _problem(where, f"choice '{value}' must be lowercase snake_case, like 'paid'")
        elif value in seen:
            yield _problem(where, f"choice '{value}' is listed twice")
        seen.add(value)


def _check_foreign_key(
    domain: _Domain, model_name: str, field: FieldSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    models = domain.spec.models
    if field.to is None:
        yield _problem(
            path, "a foreign_key field needs 'to': a model of this domain, user or app.Model"
        )
        return
    if field.to not in models and field.to != "user" and not EXTERNAL_MODEL.match(field.to):
        message, hint = _unknown("model", field.to, models)
        yield _problem((*path, "to"), f"{message}, user or <app>.<Model>", hint)
    else:
        yield from _check_relation(domain, model_name, field.to, (*path, "to"))
    if field.on_delete == "set_null" and not field.null:
        yield _problem((*path, "on_delete"), "on_delete set_null needs null: true")
    if field.related_name is not None:
        if not IDENTIFIER.match(field.related_name) or keyword.iskeyword(field.related_name):
            yield _problem(
                (*path, "related_name"),
                f"related_name '{field.related_name}' must be a lowercase snake_case name",
            )
        elif owner := domain.related_names.get((field.to, field.related_name)):
            yield _problem(
                (*path, "related_name"),
                f"related_name '{field.related_name}' of {field.to} is already used by {owner}",
            )
        else:
            domain.related_names[(field.to, field.related_name)] = f"{path[1]}.{path[3]}"


def _check_relation(
    domain: _Domain, model_name: str, to: str, path: KeyPath
) -> Iterator[SpecProblem]:
    root = domain.roots[model_name]
    if root is None:
        return  # the scope itself is reported
    if to in domain.spec.models:
        target_root = domain.roots[to]
        if target_root is not None and target_root not in TARGET_ROOTS[root]:
            allowed = " or ".join(ROOT_NAMES[each] for each in TARGET_ROOTS[root])
            yield _problem(
                path,
                f"{model_name} is {ROOT_NAMES[root]} and cannot point to {to}, "
                f"which is {ROOT_NAMES[target_root]}",
                f"{_a(ROOT_NAMES[root])} model may point only to {allowed} models",
            )
    elif root != "tenant":
        what = "user" if to == "user" else "a model of another app"
        yield _problem(
            path,
            f"only tenant-scoped models may point to {what}; {model_name} is {ROOT_NAMES[root]}",
        )


def _default_error(field: FieldSpec) -> str | None:
    value = field.default
    if field.type == "foreign_key":
        return "a foreign key cannot have a default"
    if value is None:
        return None if field.null else "a default of null needs null: true"
    if field.type in TEXT_TYPES:
        if not isinstance(value, str):
            return "the default must be text"
        limit = field.max_length or DEFAULT_MAX_LENGTH
        if field.type == "string" and len(value) > limit:
            return f"the default is longer than max_length ({limit})"
    elif field.type == "boolean" and not isinstance(value, bool):
        return "the default must be true or false"
    elif field.type == "choice" and value not in _choices(field):
        choices = ", ".join(_choices(field))
        if not isinstance(value, str):
            return f"the default must be one of the choices: {choices}"
        return f"default '{value}' is not one of the choices: {choices}"
    elif field.type in NUMBER_TYPES:
        return _number_default_error(field, value)
    elif field.type == "date" and type(value) is not datetime.date:
        return "the default must be a date such as 2024-01-31"
    elif field.type == "datetime" and not isinstance(value, datetime.datetime):
        return "the default must be a date and time such as 2024-01-31 12:00:00"
    elif field.type == "uuid" and not _is_uuid(value):
        return "the default must be a UUID"
    return None


def _number_default_error(field: FieldSpec, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "the default must be a number"
    if field.type == "integer" and not isinstance(value, int):
        return "the default must be a whole number"
    number = Decimal(str(value))
    if field.min is not None and number < field.min:
        return f"the default ({value}) is less than min ({field.min})"
    if field.max is not None and number > field.max:
        return f"the default ({value}) is more than max ({field.max})"
    return None


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


# --- read, list and write whitelists -----------------------------------------------------


def _readable(model: ModelSpec, name: str) -> Verdict:
    if name in AUDIT_FIELDS or name in model.fields:
        return None
    return _unknown("field", name, [*AUDIT_FIELDS, *model.fields])


def _check_reads(
    domain: _Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    yield from _check_read_items(domain, model, (*path, "read"), model.read)
    if model.list_ is None:
        return
    broken: set[str | int] = set()
    for problem in _check_read_items(domain, model, (*path, "list"), model.list_):
        broken.add(problem.path[len(path) + 1])
        yield problem
    for index, item in enumerate(model.list_):
        if index not in broken and item not in model.read:
            shown = item if isinstance(item, str) else str(item).replace("'", "")
            yield _problem(
                (*path, "list", index),
                f"'{shown}' is in list but not in read; list shows a subset of read",
            )


def _check_read_items(
    domain: _Domain, model: ModelSpec, path: KeyPath, items: list[str | dict[str, list[str]]]
) -> Iterator[SpecProblem]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = (*path, index)
        names = [item] if isinstance(item, str) else list(item)
        for name in names:
            if name in seen:
                yield _problem(where, f"'{name}' is listed twice")
            seen.add(name)
        if isinstance(item, str):
            if found := _readable(model, item):
                yield _problem(where, *found)
        else:
            yield from _check_nested(domain, model, where, item)


def _check_nested(
    domain: _Domain, model: ModelSpec, path: KeyPath, item: dict[str, list[str]]
) -> Iterator[SpecProblem]:
    if len(item) != 1:
        yield _problem(path, "a nested item names one foreign key, like {customer: [id, name]}")
        return
    [(name, names)] = item.items()
    field = model.fields.get(name)
    target = domain.target(field) if field else None
    if field is None:
        yield _problem((*path, name), *_unknown("field", name, model.fields))
    elif field.type != "foreign_key":
        yield _problem((*path, name), f"'{name}' is a {field.type} field, not a foreign key")
    elif target is None:
        if field.to == "user" or EXTERNAL_MODEL.match(field.to or ""):
            yield _problem(
                (*path, name),
                f"'{name}' points to '{field.to}'; only foreign keys to models of this domain "
                "can be expanded",
            )
    elif not names:
        yield _problem((*path, name), f"name at least one field of {field.to} to show")
    else:

        def verdict(nested: str) -> Verdict:
            if getattr(target.fields.get(nested), "type", None) == "foreign_key":
                return f"'{nested}' is a foreign key; nested fields cannot be foreign keys", None
            return _readable(target, nested)

        yield from _check_names((*path, name), names, verdict)


def _check_write(
    domain: _Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    # Only a working parent or transition constrains the whitelist; broken ones are reported.
    parent = model.scope.parent if isinstance(model.scope, ParentScope) else None
    parent = parent if _parent_target(model) in domain.spec.models else None
    moved_by = {
        t.field: name
        for name, t in model.transitions.items()
        if getattr(model.fields.get(t.field), "type", None) == "choice"
    }
    if isinstance(model.write, WriteSpec):
        create_path: KeyPath = (*path, "write", "create")
        groups = [
            (create_path, model.write.create, False),
            ((*path, "write", "update"), model.write.update, True),
        ]
    else:
        create_path = (*path, "write")
        groups = [(create_path, model.write, True)]

    for where, names, updates in groups:

        def verdict(name: str, updates: bool = updates) -> Verdict:
            if name in AUDIT_FIELDS:
                return f"'{name}' is set automatically and cannot be written", None
            if name not in model.fields:
                return _unknown("field", name, model.fields)
            if name in moved_by:
                return (
                    f"'{name}' changes only through transitions (like '{moved_by[name]}'); "
                    "it cannot be written directly",
                    None,
                )
            if name == parent and updates:
                hint = None
                if not isinstance(model.write, WriteSpec):
                    hint = f"use write: {{create: [...], update: [...]}} without '{name}' in update"
                return (
                    f"'{name}' is the parent scope of {model_name}; it can be set on create but "
                    "not updated: moving a row to another parent is not offered",
                    hint,
                )
            return None

        yield from _check_names(where, names, verdict)

    # An empty create whitelist is reported once, at the role (see _check_roles).
    if "create" in model.roles and model.create_fields:
        writable = "write.create" if isinstance(model.write, WriteSpec) else "write"
        for name, field in model.fields.items():
            if _is_required(field) and name not in model.create_fields:
                yield _problem(
                    create_path,
                    f"field '{name}' is required but not writable on create; "
                    f"add it to {writable} or give it a default",
                )


def _is_required(field: FieldSpec) -> bool:
    # Creating a row without the field would fail: it has no default and may not be empty.
    return (
        field.required is not False
        and not field.null
        and not field.has_default
        and field.type != "boolean"  # a boolean without a default starts as false
    )


# --- roles -------------------------------------------------------------------------------


def _role_problem(domain: _Domain, model_name: str, action: str, role: str) -> str | None:
    root = domain.roots[model_name]
    if root is None:
        return None
    if role not in ROLES_BY_ROOT[root]:
        allowed = ", ".join(ROLES_BY_ROOT[root])
        return (
            f"role '{role}' is not available to {_a(ROOT_NAMES[root])} model; use one of: {allowed}"
        )
    if role == "public" and action not in ("list", "retrieve"):
        return "public is allowed only for list and retrieve"
    return None


def _check_roles(
    domain: _Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    actions = [*CRUD_ACTIONS, *model.transitions]
    for action, role in model.roles.items():
        where = (*path, "roles", action)
        if action not in actions:
            yield _problem(where, *_unknown("action", action, actions))
            continue
        if message := _role_problem(domain, model_name, action, role):
            yield _problem(where, message)
        whitelist = {"create": model.create_fields, "update": model.update_fields}.get(action)
        if whitelist == []:
            yield _problem(where, f"{action} has a role but no field is writable on {action}")


# --- constraints and indexes -------------------------------------------------------------


def _check_constraints(
    domain: _Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    for index, constraint in enumerate(model.constraints):
        where = (*path, "constraints", index)
        if isinstance(constraint, UniqueConstraintSpec):

            def verdict(name: str) -> Verdict:
                field = model.fields.get(name)
                if field is None:
                    return _unknown("field", name, model.fields)
                if field.type in ("text", "json"):
                    return f"a {field.type} field cannot be part of a unique constraint", None
                return None

            yield from _check_names((*where, "unique"), constraint.unique, verdict)
        elif message := _check_expression_error(model, constraint.check):
            yield _problem((*where, "check"), message)
        if constraint.name is not None:
            yield from _check_constraint_name(domain, constraint.name, (*where, "name"))


def _check_constraint_name(domain: _Domain, name: str, path: KeyPath) -> Iterator[SpecProblem]:
    if not IDENTIFIER.match(name):
        yield _problem(path, f"constraint name '{name}' must be lowercase snake_case")
    elif len(name) > MAX_CONSTRAINT_NAME:
        yield _problem(path, f"constraint name is longer than {MAX_CONSTRAINT_NAME} characters")
    elif name in domain.constraint_names:
        yield _problem(
            path, f"constraint name '{name}' is already used by {domain.constraint_names[name]}"
        )
    else:
        domain.constraint_names[name] = ".".join(str(part) for part in path[1:-1])


def _check_expression_error(model: ModelSpec, text: str) -> str | None:
    try:
        check = parse_check(text)
    except ExpressionError as exc:
        return str(exc)
    left = model.fields.get(check.left)
    if left is None:
        return _unknown("field", check.left, model.fields)[0]
    if check.right_field is not None:
        right = model.fields.get(check.right_field)
        if right is None:
            return _unknown("field", check.right_field, model.fields)[0]
        if _kind(left) is None or _kind(left) != _kind(right):
            return (
                f"cannot compare '{check.left}' ({left.type}) with '{check.right_field}' "
                f"({right.type}); compare numbers, dates or datetimes of the same kind"
            )
        return None
    value = check.right_value
    expected: tuple[str, ...]
    if isinstance(value, bool):
        expected, what = ("boolean",), "true or false"
    elif isinstance(value, str):
        expected, what = ("string", "choice", "email", "url"), "a text"
    else:
        expected, what = NUMBER_TYPES, "a number"
    if left.type not in expected:
        return f"'{check.left}' is a {left.type} field and cannot be compared with {what}"
    if left.type == "choice" and value not in _choices(left):
        return f"'{value}' is not one of the choices of '{check.left}': {', '.join(_choices(left))}"
    return None


def _kind(field: FieldSpec) -> str | None:
    return COMPARABLE_KINDS.get(field.type)


def _check_indexes(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    indexable = [*model.fields, "created_at", "updated_at"]
    seen: dict[tuple[str, ...], int] = {}
    for index, names in enumerate(model.indexes):
        where = (*path, "indexes", index)
        if not names:
            yield _problem(where, "an index needs at least one field")
            continue
        if tuple(names) in seen:
            yield _problem(where, f"the same index as indexes.{seen[tuple(names)]}")
            continue
        seen[tuple(names)] = index
        yield from _check_names(
            where,
            names,
            lambda name: None if name in indexable else _unknown("field", name, indexable),
        )


# --- filters, search, ordering and admin -------------------------------------------------


def _filterable(model: ModelSpec, name: str) -> Verdict:
    field = model.fields.get(name)
    if field is None:
        return _unknown("field", name, model.fields)
    if field.type in NOT_FILTERABLE:
        return f"'{name}' is a {field.type} field; text and json fields cannot be filtered", None
    return None


def _orderable(model: ModelSpec, name: str) -> Verdict:
    if name in AUDIT_FIELDS:
        return None
    field = model.fields.get(name)
    if field is None:
        return _unknown("field", name, [*AUDIT_FIELDS, *model.fields])
    if field.type in NOT_FILTERABLE:
        return f"'{name}' is a {field.type} field; text and json fields cannot be ordered by", None
    return None


def _searchable(domain: _Domain, model: ModelSpec, name: str) -> Verdict:
    base, _, nested = name.partition("__")
    field = model.fields.get(base)
    if field is None:
        return _unknown("field", base, model.fields)
    if not nested:
        if field.type not in SEARCH_TYPES:
            return f"'{name}' is a {field.type} field; search needs text or choice fields", None
        return None
    target = domain.target(field)
    if target is None:
        return f"'{base}' is not a foreign key to a model of this domain", None
    related = target.fields.get(nested)
    if related is None:
        return _unknown("field", nested, target.fields, of=str(field.to))
    if related.type not in ("string", "text", "email"):
        return f"'{name}' is a {related.type} field; search across a foreign key needs text", None
    return None


def _check_queries(domain: _Domain, model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    filterable, searchable = partial(_filterable, model), partial(_searchable, domain, model)
    orderable = partial(_orderable, model)
    yield from _check_names((*path, "filters"), model.filters, filterable)
    yield from _check_names((*path, "search"), model.search, searchable)
    yield from _check_names((*path, "ordering"), model.ordering, orderable)
    bare = [name.removeprefix("-") for name in model.default_ordering]
    yield from _check_names((*path, "default_ordering"), bare, orderable)
    admin = model.admin
    for key, names, verdict in (
        ("list_display", admin.list_display, partial(_readable, model)),
        ("search", admin.search, searchable),
        ("list_filter", admin.list_filter, filterable),
    ):
        yield from _check_names((*path, "admin", key), names or [], verdict)


# --- transitions -------------------------------------------------------------------------


def _check_transitions(domain: _Domain, model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    model_name = str(path[-1])
    for name, transition in model.transitions.items():
        where = (*path, "transitions", name)
        if not IDENTIFIER.match(name):
            yield _problem(where, f"transition name '{name}' must be lowercase snake_case")
        elif keyword.iskeyword(name):
            yield _problem(where, f"transition name '{name}' is a Python keyword")
        elif name in CRUD_ACTIONS:
            yield _problem(where, f"transition name '{name}' is the name of a CRUD action")
        elif name in model.fields:
            yield _problem(where, f"transition name '{name}' is also a field name")
        elif name in VIEWSET_NAMES or name.startswith(("get_", "perform_", "check_")):
            yield _problem(
                where,
                f"transition name '{name}' would hide a method of the generated view; "
                "choose another verb",
            )
        if message := _role_problem(domain, model_name, name, transition.role):
            yield _problem((*where, "role"), message)
        field = model.fields.get(transition.field)
        if field is None:
            yield _problem((*where, "field"), *_unknown("field", transition.field, model.fields))
            continue
        if field.type != "choice":
            yield _problem(
                (*where, "field"),
                f"'{transition.field}' is a {field.type} field; transitions change choice fields",
            )
            continue
        if not field.has_default:
            yield _problem(
                (*where, "field"),
                f"'{transition.field}' needs a default: the state a new row starts in",
            )
        states = _choices(field)
        for index, state in enumerate(transition.from_):
            if state not in states:
                yield _problem((*where, "from", index), *_unknown("state", state, states))
        if transition.to not in states:
            yield _problem((*where, "to"), *_unknown("state", transition.to, states))
        elif transition.to in transition.from_:
            yield _problem(
                (*where, "to"),
                f"'{transition.to}' is also a from-state; a transition changes the state",
            )
