"""Names of the domain, its models and their fields: spelling, keywords and reserved words."""

from __future__ import annotations

import keyword
from collections.abc import Iterator

from scaffold._spec.checks._common import spec_problem
from scaffold._spec.checks.constants import (
    IDENTIFIER,
    MODEL_NAME,
    RESERVED_DOMAINS,
    RESERVED_FIELDS,
    RESERVED_MODELS,
)
from scaffold._spec.schema import DomainSpec, ModelSpec
from scaffold.errors import SpecProblem


def check_domain_name(domain: str) -> Iterator[SpecProblem]:
    path = ("domain",)
    if not IDENTIFIER.match(domain):
        yield spec_problem(path, f"domain '{domain}' must be lowercase snake_case, like 'billing'")
    elif keyword.iskeyword(domain):
        yield spec_problem(path, f"domain '{domain}' is a Python keyword")
    elif domain in RESERVED_DOMAINS:
        yield spec_problem(
            path,
            f"domain '{domain}' is reserved: the project or a library already uses that name",
            f"reserved names: {', '.join(sorted(RESERVED_DOMAINS))}",
        )


def check_model_names(spec: DomainSpec) -> Iterator[SpecProblem]:
    seen: dict[str, str] = {}
    for name in spec.models:
        path = ("models", name)
        if not MODEL_NAME.match(name):
            yield spec_problem(path, f"model name '{name}' must be CamelCase, like 'InvoiceLine'")
        elif keyword.iskeyword(name):
            yield spec_problem(path, f"model name '{name}' is a Python keyword")
        elif name in RESERVED_MODELS:
            yield spec_problem(path, f"model name '{name}' is reserved by scaffold or Django")
        if name.lower() in seen:
            first = seen[name.lower()]
            yield spec_problem(
                path, f"model '{name}' clashes with '{first}'; names must differ beyond letter case"
            )
        seen.setdefault(name.lower(), name)


def check_field_name(name: str, model: ModelSpec) -> str | None:
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
