"""Names of the domain, its models and their fields: spelling, keywords and reserved words."""

from __future__ import annotations

import keyword
from collections.abc import Iterator

from scaffold._spec.checks._common import SNAKE_CASE_TIP, spec_problem
from scaffold._spec.checks.constants import (
    IDENTIFIER,
    MODEL_NAME,
    RESERVED_DOMAINS,
    RESERVED_MODELS,
    SCAFFOLD_FIELDS,
)
from scaffold._spec.checks.python_names import (
    CLASS_BODY_NAMES,
    DJANGO_APPS,
    INIT_PARAMETERS,
    MODEL_ATTRIBUTES,
    PROJECT_MODULES,
    PROJECT_PACKAGES,
    SERIALIZER_VALIDATE_NAMES,
    STDLIB_MODULES,
    TEMPLATE_IMPORTS,
)
from scaffold._spec.schema import DomainSpec, ModelSpec
from scaffold.errors import SpecProblem

MAX_APP_LABEL = 100  # django.contrib.contenttypes: ContentType.app_label
_RENAME_DOMAIN = "choose a more specific name, such as 'clinic_calendar' for 'calendar'"


def check_domain_name(domain: str) -> Iterator[SpecProblem]:
    path = ("domain",)
    if not IDENTIFIER.fullmatch(domain):
        yield spec_problem(
            path,
            f"domain {domain!r} must be lowercase snake_case, like 'billing'",
            SNAKE_CASE_TIP,
        )
    elif keyword.iskeyword(domain):
        yield spec_problem(path, f"domain '{domain}' is a Python keyword", _RENAME_DOMAIN)
    elif reason := _domain_shadows(domain):
        yield spec_problem(path, f"domain '{domain}' {reason}", _RENAME_DOMAIN)
    elif len(domain) > MAX_APP_LABEL:
        yield spec_problem(
            path,
            f"domain name is {len(domain)} characters; Django's content types keep "
            f"{MAX_APP_LABEL} for an app label",
            "shorten it",
        )


def _domain_shadows(domain: str) -> str | None:
    """Why an app of this name cannot be imported beside the rest (None when it can)."""
    if domain in PROJECT_MODULES:
        return "is a module of every generated project"
    if domain in DJANGO_APPS:
        return "is the label of an app every generated project installs"
    if domain in STDLIB_MODULES:
        return "is a module of Python's standard library; the app would hide it"
    if domain in PROJECT_PACKAGES:
        return "is a package the generated project installs; the app would hide it"
    if domain in RESERVED_DOMAINS:
        return "is reserved: the project's URLs or scaffold already use that name"
    return None


def check_model_names(spec: DomainSpec) -> Iterator[SpecProblem]:
    seen: dict[str, str] = {}
    for name in spec.models:
        path = ("models", name)
        if not MODEL_NAME.fullmatch(name):
            yield spec_problem(
                path,
                f"model name {name!r} must be CamelCase, like 'InvoiceLine'",
                "use letters and digits, starting with a capital letter",
            )
        elif keyword.iskeyword(name):
            yield spec_problem(
                path, f"model name '{name}' is a Python keyword", "choose another model name"
            )
        elif name in RESERVED_MODELS:
            yield spec_problem(
                path,
                f"model name '{name}' is reserved by scaffold or Django",
                "choose another model name; every project already has "
                "Organization, Membership and User",
            )
        if name.lower() in seen:
            first = seen[name.lower()]
            yield spec_problem(
                path,
                f"model '{name}' clashes with '{first}'; names must differ beyond letter case",
                "their tables and URLs would be the same; rename one of them",
            )
        seen.setdefault(name.lower(), name)


def check_field_name(name: str, model: ModelSpec) -> tuple[str, str] | None:
    """(message, tip) when a field cannot have this name."""
    rename = "choose another field name"
    if not IDENTIFIER.fullmatch(name):
        return (
            f"field name {name!r} must be lowercase snake_case, like 'due_on'",
            SNAKE_CASE_TIP,
        )
    if "__" in name:
        return f"field name '{name}' must not contain '__' (Django uses it for lookups)", rename
    if name.endswith("_"):
        return f"field name '{name}' must not end with '_'", rename
    if keyword.iskeyword(name):
        return f"field name '{name}' is a Python keyword", rename
    if name in SCAFFOLD_FIELDS:
        return (
            f"field name '{name}' is reserved by scaffold or Django; choose another name",
            "scaffold adds id, created_at, updated_at and the scope field to every model",
        )
    if name in MODEL_ATTRIBUTES:
        return (
            f"field name '{name}' is an attribute of every Django model; "
            "the field would replace it",
            rename,
        )
    if name in INIT_PARAMETERS:
        return f"field name '{name}' is the first parameter of every model's __init__", rename
    if name in CLASS_BODY_NAMES:
        return (
            f"field name '{name}' would hide the module '{name}' "
            f"(from {TEMPLATE_IMPORTS[name]}) in the generated class bodies",
            rename,
        )
    if name in SERIALIZER_VALIDATE_NAMES:
        return (
            f"field name '{name}' would make Django REST framework run "
            f"Serializer.validate_{name} on its value",
            rename,
        )
    if clash := _accessor_clash(name, model):
        return clash
    if name == "uuid" and _uuid_fields_after(name, model):
        # The factory declares `uuid = factory.LazyFunction(uuid.uuid4)`; the next uuid field's
        # declaration in the same class body would read the field instead of the module.
        return (
            "field name 'uuid' would hide the module uuid from the uuid fields after it in "
            "the generated factory",
            "name it like the others, such as 'public_id', or put it after them",
        )
    base = name.removesuffix("_id")
    if base != name and getattr(model.fields.get(base), "type", None) == "foreign_key":
        return f"field name '{name}' clashes with the column of foreign key '{base}'", rename
    return None


def _accessor_clash(name: str, model: ModelSpec) -> tuple[str, str] | None:
    """Django adds get_<choice>_display and get_next_by_<date> methods to the model."""
    dates = ["created_at", "updated_at"]
    dates += [f for f, s in model.fields.items() if s.type in ("date", "datetime") and not s.null]
    choices = [f for f, s in model.fields.items() if s.type == "choice"]
    methods = [f"get_{f}_display" for f in choices]
    methods += [f"get_{way}_by_{f}" for f in dates for way in ("next", "previous")]
    if name in methods:
        return (
            f"field name '{name}' is the method Django adds to the model for another field",
            "choose another field name",
        )
    return None


def _uuid_fields_after(name: str, model: ModelSpec) -> list[str]:
    names = list(model.fields)
    later = names[names.index(name) + 1 :] if name in names else []
    return [field for field in later if model.fields[field].type == "uuid"]
