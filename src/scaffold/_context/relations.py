"""Scope roots and foreign-key targets: how each model reaches the caller's rows."""

from __future__ import annotations

from scaffold._context.fields import Target
from scaffold._spec.naming import snake_case
from scaffold._spec.schema import DomainSpec, ParentScope

SCOPE_FIELDS = {"tenant": "organization", "owner": "owner"}


def scope_root(spec: DomainSpec, name: str) -> str:
    """tenant, owner or none: where the model's chain of parents ends."""
    seen: set[str] = set()
    model = spec.models[name]
    while isinstance(model.scope, ParentScope):
        if name in seen:  # the checks reject cycles; stay safe anyway
            return "none"
        seen.add(name)
        name = model.fields[model.scope.parent].to or ""
        model = spec.models[name]
    return model.scope


def scope_lookup(spec: DomainSpec, name: str) -> str | None:
    """ORM path from the model to its scope field: ``invoice__organization`` for lines."""
    parts: list[str] = []
    model = spec.models[name]
    while isinstance(model.scope, ParentScope):
        parts.append(model.scope.parent)
        name = model.fields[model.scope.parent].to or ""
        model = spec.models[name]
    if model.scope == "none":
        return None
    parts.append(SCOPE_FIELDS[model.scope])
    return "__".join(parts)


def target_of(spec: DomainSpec, reference: str) -> Target:
    """Resolve a foreign key's ``to`` into what the templates need."""
    domain = spec.domain
    if reference == "user":
        return Target(
            model="User",
            app="accounts",
            module="accounts.models",
            local=False,
            selector="organization_user_list",
            selector_module="tenancy.selectors",
            factory="UserFactory",
            factory_module="tenancy.tests.factories",
            root="user",
        )
    if "." in reference:
        app, class_name = reference.split(".", 1)
        return Target(
            model=class_name,
            app=app,
            module=f"{app}.models",
            local=False,
            selector=f"{snake_case(class_name)}_list",
            selector_module=f"{app}.selectors",
            factory=f"{class_name}Factory",
            factory_module=f"{app}.tests.factories",
            root="tenant",
        )
    root = scope_root(spec, reference)
    return Target(
        model=reference,
        app=domain,
        module=f"{domain}.models",
        local=True,
        selector=None if root == "none" else f"{snake_case(reference)}_list",
        selector_module=f"{domain}.selectors",
        factory=f"{reference}Factory",
        factory_module=f"{domain}.tests.factories",
        root=root,
    )
