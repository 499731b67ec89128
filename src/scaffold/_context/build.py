"""Turn a checked spec into the data the domain templates lay out.

Every name, declaration and test case is computed here and in the sibling modules, in Python,
so it can be unit-tested; the Jinja templates only place the pieces.
"""

from __future__ import annotations

import json
from typing import Any

from scaffold._context import tests as test_data
from scaffold._context.admin import admin_options
from scaffold._context.admin_tests import admin_tests
from scaffold._context.blank_uniques import with_blank_as_null
from scaffold._context.derived import DerivedDomain, DerivedModel, derive_domain
from scaffold._context.fields import model_declaration
from scaffold._context.filters import filter_options
from scaffold._context.meta import meta_options
from scaffold._context.model_class import (
    choices_classes,
    scope_declarations,
    scope_field_declaration,
    scoped_relations,
    str_source,
)
from scaffold._context.openapi import domain_schema, schema_operations, view_annotations
from scaffold._context.prose import sentence_case, with_article
from scaffold._context.pycode import assignment, docstring, string
from scaffold._context.security import model_security
from scaffold._context.serializers import serializer_shapes
from scaffold._context.services import service_shapes, transition_shapes
from scaffold._spec.naming import kebab, pluralize, snake_case, words
from scaffold._spec.schema import DomainSpec

CRUD = ("list", "retrieve", "create", "update", "destroy")
NAME_IN_DOCSTRING = 28  # columns: the longest docstring around a name has 71 of its own
VIEWSET_BASES = {
    "tenant": "OrganizationViewSet",
    "owner": "OwnerViewSet",
    "none": "UnscopedViewSet",
}


def build_domain(spec: DomainSpec, others: dict[str, DomainSpec] | None = None) -> dict[str, Any]:
    """The ``domain`` answer of a domain render: plain data, safe to store as YAML.

    ``others`` are the project's other domains as last generated (foreign keys into them).
    """
    derived = derive_domain(with_blank_as_null(spec), others)
    models = [_model(derived, model) for model in derived.models.values()]
    return json.loads(json.dumps(_domain(derived, models)))  # plain data: no shared objects


def _domain(derived: DerivedDomain, models: list[dict[str, Any]]) -> dict[str, Any]:
    spec, domain = derived.spec, derived.name
    targets = derived.targets()
    external = {t.model: t for t in targets if not t.local and t.root != "user"}
    return {
        "name": domain,
        "title": words(domain).title(),
        "config_class": "".join(part.capitalize() for part in domain.split("_")) + "Config",
        "models": models,
        "model_names": sorted(model["name"] for model in models),
        "has_organization_models": any(m["root"] == "tenant" for m in models),
        "has_account_models": any(m["root"] != "tenant" for m in models),
        "first_party": sorted({"accounts", "core", "tenancy", domain, *(t.app for t in targets)}),
        "external_models": [{"module": t.module, "model": t.model} for t in external.values()],
        "external_selectors": [
            {"module": t.selector_module, "selector": t.selector}
            for t in {t.selector: t for t in targets if not t.local and t.selector}.values()
        ],
        "external_factories": [
            {"module": t.factory_module, "factory": t.factory}
            for t in {t.factory: t for t in targets if not t.local}.values()
            if t.factory != "UserFactory"
        ],
        "factory_order": _dependency_order(spec),
        # A unique choice or boolean takes the first value its scope has not used yet.
        "factories_pick_unused": any(
            "unused_value(" in decl for model in models for decl in model["tests"]["factory_decls"]
        ),
        # A link to a model a scope holds few rows of reuses the scope's row.
        "factories_reuse_rows": any(
            "row_in_scope(" in decl for model in models for decl in model["tests"]["factory_decls"]
        ),
        "payloads_reuse_rows": any(
            "row_in_scope(" in item["source"]
            for model in models
            for key in ("create_payload", "update_payload", "create_kwargs")
            for item in model["tests"][key]
        ),
        "generated_files": _generated_files(models),
        "openapi": domain_schema(domain, models),
    }


STATIC_FILES = (
    "__init__.py",
    "admin.py",
    "apps.py",
    "filters.py",
    "models.py",
    "permissions.py",
    "selectors.py",
    "serializers.py",
    "services.py",
    "urls.py",
    "views.py",
    "migrations/__init__.py",
    "tests/__init__.py",
    "tests/factories.py",
    "tests/payloads.py",
    "tests/test_openapi.py",
)


def _generated_files(models: list[dict[str, Any]]) -> list[str]:
    """The Python files the domain template writes (keep in step with template/domain/)."""
    files = list(STATIC_FILES)
    for model in models:
        snake = model["snake"]
        files += [f"tests/test_{snake}_api.py", f"tests/test_{snake}_services.py"]
        files.append(f"tests/test_{snake}_admin.py")
        if model["offers"]["list"]:
            files.append(f"tests/test_{snake}_queries.py")
        if model["transitions"] or model["tests"]["race_unique"]:
            files.append(f"tests/test_{snake}_contention.py")
    return files


def _dependency_order(spec: DomainSpec) -> list[str]:
    """Models ordered so each one's foreign-key targets in the domain come first."""
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered or name in path:
            return
        for field in spec.models[name].fields.values():
            if field.type == "foreign_key" and field.to in spec.models and field.to != name:
                visit(field.to, (*path, name))
        ordered.append(name)

    for name in spec.models:
        visit(name, ())
    return ordered


def _model(derived: DerivedDomain, m: DerivedModel) -> dict[str, Any]:
    domain, name, model = derived.name, m.name, m.spec
    snake, root, targets = m.snake, m.root, m.targets
    verbose_name = model.verbose_name or words(name)
    verbose_plural = model.verbose_name_plural or pluralize(snake_case(name)).replace("_", " ")
    offered = {action: role for action, role in model.roles.items()}
    context: dict[str, Any] = {
        "name": name,
        "snake": snake,
        "plural": pluralize(snake),
        "url": kebab(pluralize(snake)),
        "basename": f"{domain}-{kebab(name)}",
        # Docstrings name the model: a long verbose name is cut to fit their lines.
        "verbose": docstring(verbose_name, limit=NAME_IN_DOCSTRING),
        "a_verbose": with_article(docstring(verbose_name, limit=NAME_IN_DOCSTRING)),
        "A_verbose": sentence_case(with_article(docstring(verbose_name, limit=NAME_IN_DOCSTRING))),
        "verbose_plural": docstring(verbose_plural, limit=NAME_IN_DOCSTRING),
        "verbose_name_decl": assignment("verbose_name", verbose_name, indent=8).lstrip(),
        "verbose_name_plural_decl": assignment(
            "verbose_name_plural", verbose_plural, indent=8
        ).lstrip(),
        "root": root,
        "scope": m.scope,
        "parent_field": m.parent_field,
        "scope_lookup": m.scope_lookup,
        "scope_kwarg": m.scope_kwarg,
        "scope_field_decl": scope_field_declaration(m),
        "scoped_relations": scoped_relations(m),
        "scope_decls": scope_declarations(m.scope_lookup, scoped_relations(m)),
        "viewset_base": VIEWSET_BASES[root],
        "choices": choices_classes(model),
        # Its uuid fields import core.validators' validate_storable_uuid.
        "stores_uuids": any(f.type == "uuid" for f in model.fields.values()),
        "field_decls": [
            model_declaration(field, field_spec, targets.get(field), name)
            for field, field_spec in model.fields.items()
        ],
        "meta": meta_options(domain, m),
        "str_source": str_source(m),
        "select_related": m.select_related,
        "related_fetch": (
            f".select_related({', '.join(string(f) for f in m.select_related)})"
            if m.select_related
            else ""
        ),
        "list_selector": f"{snake}_list",
        "actions": [
            {"name": action, "role": role} for action, role in offered.items() if action in CRUD
        ],
        "offers": {action: action in offered for action in CRUD},
        "roles": [
            *({"action": a, "role": r} for a, r in offered.items() if a not in model.transitions),
            *({"action": a, "role": t.role} for a, t in model.transitions.items()),
        ],
        "transitions": transition_shapes(m),
    }
    context.update(serializer_shapes(m))
    context.update(service_shapes(m))
    context.update(filter_options(m))
    context["admin"] = admin_options(derived, m)
    context["serializer_classes"] = sorted(
        {
            context["output"]["class"],
            context["list_output"]["class"],
            *([context["create_input"]["class"]] if model.create_fields else []),
            *([context["update_input"]["class"]] if model.update_fields else []),
        }
    )
    context["service_functions"] = [
        *([context["create_service"]] if model.create_fields else []),
        *([context["update_service"]] if model.update_fields else []),
        *([context["delete_service"]] if "destroy" in offered else []),
        *(t["service"] for t in context["transitions"]),
    ]
    context["openapi"] = view_annotations(context)
    context["schema_operations"] = schema_operations(domain, context)
    context["tests"] = test_data.model_tests(derived, m, context)
    context["admin_tests"] = admin_tests(derived, m, context)
    context["security"] = model_security(m, context)
    return context
