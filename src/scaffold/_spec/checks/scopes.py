"""Scopes: a parent chain that ends at a tenant or owner model, and what a row may point to."""

from __future__ import annotations

from collections.abc import Iterator

from scaffold._spec.checks._common import (
    Domain,
    KeyPath,
    article,
    parent_target,
    spec_problem,
    unknown_name,
)
from scaffold._spec.checks.constants import ROOT_NAMES, TARGET_ROOTS
from scaffold._spec.schema import ModelSpec, ParentScope
from scaffold.errors import SpecProblem

PARENT_TIP = "the parent is a foreign key of this model to another model of the domain"


def check_scope(
    domain: Domain, name: str, model: ModelSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    if not isinstance(model.scope, ParentScope):
        return
    path = (*path, "scope", "parent")
    parent = model.scope.parent
    field = model.fields.get(parent)
    if field is None:
        yield spec_problem(path, *unknown_name("field", parent, model.fields))
    elif field.type != "foreign_key":
        yield spec_problem(
            path, f"parent '{parent}' is a {field.type} field, not a foreign key", PARENT_TIP
        )
    elif field.to not in domain.spec.models:
        yield spec_problem(
            path,
            f"parent '{parent}' points to '{field.to}', not to a model of this domain",
            PARENT_TIP,
        )
    else:
        if field.null:
            yield spec_problem(
                path,
                f"parent '{parent}' must not be null: every row needs its parent",
                f"remove null: true from '{parent}'",
            )
        chain = [name]
        while isinstance(domain.spec.models[chain[-1]].scope, ParentScope):
            target = parent_target(domain.spec.models[chain[-1]])
            if target not in domain.spec.models:
                return  # the broken link is reported at its own model
            if target in chain:
                if target == name:
                    cycle = " -> ".join([*chain, name])
                    yield spec_problem(
                        path,
                        f"scope parents form a cycle: {cycle}",
                        "give one model of the cycle the scope tenant or owner",
                    )
                return
            chain.append(target)
        if domain.spec.models[chain[-1]].scope == "none":
            yield spec_problem(
                path,
                f"parent '{parent}' leads to {chain[-1]}, whose scope is none; "
                "a parent chain must end at a tenant or owner model",
                f"give {chain[-1]} the scope tenant or owner, or this model its own scope",
            )


def check_relation(
    domain: Domain, model_name: str, to: str, path: KeyPath
) -> Iterator[SpecProblem]:
    root = domain.roots[model_name]
    if root is None:
        return  # the scope itself is reported
    if to in domain.spec.models:
        target_root = domain.roots[to]
        if target_root is not None and target_root not in TARGET_ROOTS[root]:
            allowed = " or ".join(ROOT_NAMES[each] for each in TARGET_ROOTS[root])
            yield spec_problem(
                path,
                f"{model_name} is {ROOT_NAMES[root]} and cannot point to {to}, "
                f"which is {ROOT_NAMES[target_root]}",
                f"{article(ROOT_NAMES[root])} model may point only to {allowed} models",
            )
    elif root != "tenant":
        what = "user" if to == "user" else "a model of another app"
        yield spec_problem(
            path,
            f"only tenant-scoped models may point to {what}; {model_name} is {ROOT_NAMES[root]}",
            "point to a model of this domain, or make this model tenant-scoped",
        )
