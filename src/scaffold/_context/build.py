"""Turn a checked spec into the data the domain templates lay out.

Every name, declaration and test case is computed here and in the sibling modules, in Python,
so it can be unit-tested; the Jinja templates only place the pieces.
"""

from __future__ import annotations

import json
from typing import Any

from scaffold._context import tests as test_data
from scaffold._context.admin import admin_options
from scaffold._context.fields import model_declaration
from scaffold._context.filters import filter_options
from scaffold._context.meta import meta_options
from scaffold._context.model_class import choices_classes, scope_field_declaration, str_source
from scaffold._context.prose import sentence_case, with_article
from scaffold._context.pycode import docstring, string
from scaffold._context.relations import SCOPE_FIELDS, scope_lookup, scope_root, target_of
from scaffold._context.serializers import select_related, serializer_shapes
from scaffold._context.services import service_shapes, transition_shapes
from scaffold._spec.naming import kebab, pluralize, snake_case, words
from scaffold._spec.schema import DomainSpec, ModelSpec, ParentScope

CRUD = ("list", "retrieve", "create", "update", "destroy")
VIEWSET_BASES = {
    "tenant": "OrganizationViewSet",
    "owner": "OwnerViewSet",
    "none": "UnscopedViewSet",
}


def build_domain(spec: DomainSpec) -> dict[str, Any]:
    """The ``domain`` answer of a domain render: plain data, safe to store as YAML."""
    models = [_model(spec, name, model) for name, model in spec.models.items()]
    return json.loads(json.dumps(_domain(spec, models)))  # plain data: no shared objects


def _domain(spec: DomainSpec, models: list[dict[str, Any]]) -> dict[str, Any]:
    domain = spec.domain
    targets = [
        target_of(spec, field.to)
        for model in spec.models.values()
        for field in model.fields.values()
        if field.type == "foreign_key" and field.to
    ]
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
        "generated_files": _generated_files(models),
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


def _model(spec: DomainSpec, name: str, model: ModelSpec) -> dict[str, Any]:
    domain = spec.domain
    snake = snake_case(name)
    root = scope_root(spec, name)
    lookup = scope_lookup(spec, name)
    targets = {
        field: target_of(spec, field_spec.to)
        for field, field_spec in model.fields.items()
        if field_spec.type == "foreign_key" and field_spec.to
    }
    verbose_name = model.verbose_name or words(name)
    verbose_plural = model.verbose_name_plural or pluralize(snake_case(name)).replace("_", " ")
    offered = {action: role for action, role in model.roles.items()}
    context: dict[str, Any] = {
        "name": name,
        "snake": snake,
        "plural": pluralize(snake),
        "url": kebab(pluralize(snake)),
        "basename": f"{domain}-{kebab(name)}",
        "verbose": docstring(verbose_name),
        "a_verbose": with_article(docstring(verbose_name)),
        "A_verbose": sentence_case(with_article(docstring(verbose_name))),
        "verbose_plural": docstring(verbose_plural),
        "verbose_name_decl": f"verbose_name = {string(verbose_name)}",
        "verbose_name_plural_decl": f"verbose_name_plural = {string(verbose_plural)}",
        "root": root,
        "scope": "parent" if isinstance(model.scope, ParentScope) else model.scope,
        "parent_field": model.scope.parent if isinstance(model.scope, ParentScope) else None,
        "scope_lookup": lookup,
        "scope_kwarg": SCOPE_FIELDS.get(root),
        "scope_field_decl": scope_field_declaration(root, model),
        "viewset_base": VIEWSET_BASES[root],
        "choices": choices_classes(model),
        "field_decls": [
            model_declaration(field, field_spec, targets.get(field), name)
            for field, field_spec in model.fields.items()
        ],
        "meta": meta_options(domain, snake, root, model),
        "str_source": str_source(model),
        "select_related": select_related(model),
        "related_fetch": (
            f".select_related({', '.join(string(f) for f in select_related(model))})"
            if select_related(model)
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
        "transitions": transition_shapes(name, snake, model),
    }
    context.update(serializer_shapes(name, model, targets))
    context.update(service_shapes(name, snake, model, targets))
    context.update(filter_options(name, model, targets))
    context["admin"] = admin_options(model, targets, root)
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
    context["tests"] = test_data.model_tests(spec, name, model, context, targets)
    return context
