"""Cut a failing case down: drop models, fields and options while it still fails the same way.

Each candidate is a copy of the case with one part removed and every reference to what is gone
pruned (``prune``); candidates the loader refuses are skipped without running anything.
Greedy: the first smaller candidate that still fails is kept, then the search starts over.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scaffold._spec.expressions import parse_check
from scaffold._spec.loader import load_spec
from scaffold.errors import ScaffoldError
from tests.specfuzz.dump import write_spec
from tests.specfuzz.generate import Case

AUDIT = ("id", "created_at", "updated_at")
LIST_KEYS = ("filters", "search", "ordering", "default_ordering", "indexes", "constraints")
OPTIONAL_MODEL_KEYS = (
    "constraints", "indexes", "filters", "search", "ordering", "default_ordering", "admin",
    "transitions", "list", "display", "verbose_name", "verbose_name_plural",
)  # fmt: skip


def shrink(case: Case, still_fails: Callable[[Case], bool], budget: int = 30) -> Case:
    """The smallest case found within ``budget`` runs of ``still_fails``."""
    runs = 0
    improved = True
    while improved and runs < budget:
        improved = False
        for candidate in _candidates(case):
            if not is_valid(candidate):
                continue
            runs += 1
            if still_fails(candidate):
                case, improved = candidate, True
                break
            if runs >= budget:
                break
    return case


def is_valid(case: Case) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        for spec in case.specs:
            try:
                load_spec(write_spec(Path(tmp) / f"{spec['domain']}.yaml", spec))
            except ScaffoldError:
                return False
    return True


def _candidates(case: Case) -> Iterator[Case]:
    """Smaller cases, the biggest cuts first."""
    if len(case.specs) > 1:
        yield _pruned(case, lambda specs: specs.pop(0))
    for index, spec in enumerate(case.specs):
        models = list(spec["models"])
        if len(models) > 1:
            for name in models:
                yield _pruned(case, lambda specs, i=index, n=name: specs[i]["models"].pop(n))
    for index, spec in enumerate(case.specs):
        for name, model in spec["models"].items():
            for key in OPTIONAL_MODEL_KEYS:
                if key in model:
                    yield _pruned(case, lambda s, i=index, n=name, k=key: s[i]["models"][n].pop(k))
            for field_name in list(model["fields"]):
                if len(model["fields"]) > 1:
                    yield _pruned(
                        case,
                        lambda s, i=index, n=name, f=field_name: s[i]["models"][n]["fields"].pop(f),
                    )
            for action in list(model.get("roles", {})):
                yield _pruned(
                    case, lambda s, i=index, n=name, a=action: s[i]["models"][n]["roles"].pop(a)
                )
            for field_name, field in model["fields"].items():
                for option in [o for o in field if o not in ("type", "to", "choices")]:
                    yield _pruned(
                        case,
                        lambda s, i=index, n=name, f=field_name, o=option: s[i]["models"][n][
                            "fields"
                        ][f].pop(o),
                    )
        if "description" in spec:
            yield _pruned(case, lambda s, i=index: s[i].pop("description"))


def _pruned(case: Case, cut: Callable[[list[dict[str, Any]]], Any]) -> Case:
    specs = copy.deepcopy(case.specs)
    cut(specs)
    return Case(case.seed, prune(specs))


def prune(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Remove every reference to a model, field or domain that is gone; repeat until stable."""
    while True:
        before = repr(specs)
        domains = {spec["domain"]: set(spec["models"]) for spec in specs}
        for spec in specs:
            for name in list(spec["models"]):
                if not _prune_model(spec, name, domains):
                    del spec["models"][name]
        specs = [spec for spec in specs if spec["models"]]
        if repr(specs) == before:
            return specs


def _prune_model(spec: dict[str, Any], name: str, domains: dict[str, set[str]]) -> bool:
    """Prune one model in place; False when the model itself must go."""
    model, models = spec["models"][name], spec["models"]
    fields = model["fields"]
    for field_name, field in list(fields.items()):
        if field["type"] == "foreign_key" and not _target_exists(field["to"], models, domains):
            del fields[field_name]
    scope = model["scope"]
    if isinstance(scope, dict) and scope["parent"] not in fields:
        return False
    if not fields:
        return False
    names = set(fields)
    readable = names | set(AUDIT)

    def nested_ok(item: dict[str, list[str]]) -> bool:
        ((fk, shown),) = item.items()
        target = models.get(fields.get(fk, {}).get("to", ""))
        return (
            fk in fields
            and target is not None
            and all(n in AUDIT or n in target["fields"] for n in shown)
        )

    model["read"] = [
        item
        for item in model["read"]
        if (item in readable if isinstance(item, str) else nested_ok(item))
    ] or ["id"]
    if "list" in model:
        model["list"] = [item for item in model["list"] if item in model["read"]] or ["id"]
    write = model.get("write", [])
    if isinstance(write, dict):
        write = {key: [n for n in value if n in names] for key, value in write.items()}
    else:
        write = [n for n in write if n in names]
    model["write"] = write
    creates = write["create"] if isinstance(write, dict) else write
    updates = write["update"] if isinstance(write, dict) else write
    transitions = {
        t: spec_ for t, spec_ in model.get("transitions", {}).items() if spec_["field"] in names
    }
    if "transitions" in model:
        model["transitions"] = transitions
    roles = model.get("roles", {})
    for action in list(roles):
        if (
            (
                action not in ("list", "retrieve", "create", "update", "destroy")
                and action not in transitions
            )
            or (action == "create" and not creates)
            or (action == "update" and not updates)
        ):
            del roles[action]
    for key in ("filters", "ordering"):
        if key in model:
            model[key] = [n for n in model[key] if n in names or n in AUDIT]
    if "default_ordering" in model:
        model["default_ordering"] = [
            n for n in model["default_ordering"] if n.removeprefix("-") in names | set(AUDIT)
        ]
    if "search" in model:
        model["search"] = [n for n in model["search"] if _search_ok(n, fields, models)]
    if "indexes" in model:
        model["indexes"] = [
            index for index in model["indexes"] if all(n in names or n in AUDIT for n in index)
        ]
    if "constraints" in model:
        model["constraints"] = [c for c in model["constraints"] if _constraint_ok(c, names)]
    if "display" in model:
        display = model["display"]
        shown = [display] if isinstance(display, str) else display
        if not shown or not all(n in names for n in shown):
            del model["display"]
    if "admin" in model:
        admin = model["admin"]
        for key in list(admin):
            keep = [n for n in admin[key] if n in readable or _search_ok(n, fields, models)]
            if keep:
                admin[key] = keep
            else:
                del admin[key]
    for key in (*LIST_KEYS, "transitions", "admin"):
        if key in model and not model[key]:
            del model[key]
    if not model.get("write"):
        model.pop("write", None)
    return True


def _target_exists(to: str, models: dict[str, Any], domains: dict[str, set[str]]) -> bool:
    if to == "user" or to in models:
        return True
    app, _, name = to.partition(".")
    return name in domains.get(app, set())


def _search_ok(name: str, fields: dict[str, Any], models: dict[str, Any]) -> bool:
    base, _, nested = name.partition("__")
    if base not in fields:
        return False
    if not nested:
        return True
    target = models.get(fields[base].get("to", ""))
    return target is not None and nested in target["fields"]


def _constraint_ok(constraint: dict[str, Any], names: set[str]) -> bool:
    if "unique" in constraint:
        constraint["unique"] = [n for n in constraint["unique"] if n in names]
        return bool(constraint["unique"])
    check = parse_check(constraint["check"])
    return check.left in names and (check.right_field is None or check.right_field in names)
