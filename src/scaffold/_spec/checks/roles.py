"""The role given to each action, as the scope of the model allows."""

from __future__ import annotations

from collections.abc import Iterator

from scaffold._spec.checks._common import Domain, KeyPath, article, spec_problem, unknown_name
from scaffold._spec.checks.constants import ROLES_BY_ROOT, ROOT_NAMES
from scaffold._spec.schema import CRUD_ACTIONS, ModelSpec
from scaffold.errors import SpecProblem


def role_problem(domain: Domain, model_name: str, action: str, role: str) -> str | None:
    root = domain.roots[model_name]
    if root is None:
        return None
    if role not in ROLES_BY_ROOT[root]:
        allowed = ", ".join(ROLES_BY_ROOT[root])
        model = article(ROOT_NAMES[root])
        return f"role '{role}' is not available to {model} model; use one of: {allowed}"
    if role == "public" and action not in ("list", "retrieve"):
        return "public is allowed only for list and retrieve"
    return None


ROLE_TIP = "a model's scope decides its roles: see Scopes in the README"


def check_roles(
    domain: Domain, model_name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    actions = [*CRUD_ACTIONS, *model.transitions]
    for action, role in model.roles.items():
        where = (*path, "roles", action)
        if action not in actions:
            yield spec_problem(where, *unknown_name("action", action, actions))
            continue
        if message := role_problem(domain, model_name, action, role):
            yield spec_problem(where, message, ROLE_TIP)
        whitelist = {"create": model.create_fields, "update": model.update_fields}.get(action)
        if whitelist == []:
            yield spec_problem(
                where,
                f"{action} has a role but no field is writable on {action}",
                f"list the fields {action} may set in write, or remove the {action} role",
            )
