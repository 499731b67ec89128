"""What a case exercises: the spec features the CI set must cover at least once each.

python -m tests.specfuzz.features --pick 20 --from 0 --to 2000   # a covering seed set
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from scaffold._spec.expressions import parse_check
from scaffold._spec.naming import snake_case
from scaffold._spec.schema import CRUD_ACTIONS, FIELD_TYPES
from tests.specfuzz import words
from tests.specfuzz.generate import NAME_LIMITS, Case, generate_case

HOSTILE = {
    "quote": lambda t: '"' in t or "'" in t,
    "backslash": lambda t: "\\" in t,
    "percent": lambda t: "%" in t,
    "braces": lambda t: "{" in t,
    "non_ascii": lambda t: any(ord(c) > 127 for c in t),
    "newline": lambda t: "\n" in t,
}
FEATURES = frozenset(
    {
        *(f"type:{kind}" for kind in FIELD_TYPES),
        *(f"option:{option}" for option in ("null", "default", "unique", "min", "max")),
        *(f"option:{option}" for option in ("max_length", "max_digits", "decimal_places")),
        *("option:optional", "option:help_text", "option:verbose_name", "option:related_name"),
        *(f"on_delete:{kind}" for kind in ("protect", "cascade", "restrict", "set_null")),
        *("choices:list", "choices:labels"),
        *(f"text:{kind}" for kind in HOSTILE),
        *("scope:tenant", "scope:owner", "scope:none"),
        *(f"scope:parent_depth_{depth}" for depth in (1, 2, 3)),
        *("fk:user", "fk:other_domain", "fk:self", "fk:same_target_twice", "fk:nullable"),
        *("unique:single", "unique:together", "unique:named", "unique:field_option"),
        "unique:global",
        *("check:fields", "check:number", "check:text", "check:named", "check:message"),
        *("indexes", "filters", "filters:foreign_key", "search", "search:across_relation"),
        *("ordering", "default_ordering", "default_ordering:descending"),
        *("admin:list_display", "admin:search", "admin:list_filter"),
        *("transitions", "transitions:several_sources", "roles:action_left_out"),
        *("roles:public", "list", "read:nested", "write:one_list", "write:create_update"),
        *("display:one", "display:several", "model:verbose_name", "domain:description"),
        *("name:risky_field", "name:risky_model", "name:long_field", "name:long_model"),
        *("name:long_domain", "name:long_constraint"),
    }
)


def features(case: Case) -> set[str]:
    found: set[str] = set()
    domains = {spec["domain"] for spec in case.specs}
    for spec in case.specs:
        if spec.get("description"):
            found.add("domain:description")
        if len(spec["domain"]) >= NAME_LIMITS["domain"] - 2:
            found.add("name:long_domain")
        for name, model in spec["models"].items():
            found |= _model_features(name, model, spec["models"], domains)
    return found


def _model_features(
    name: str, model: dict[str, Any], models: dict[str, Any], domains: set[str]
) -> set[str]:
    found: set[str] = set()
    scope = model["scope"]
    if isinstance(scope, dict):
        found.add(f"scope:parent_depth_{_depth(name, models)}")
    else:
        found.add(f"scope:{scope}")
    if name in words.RISKY_MODELS:
        found.add("name:risky_model")
    if len(snake_case(name)) >= NAME_LIMITS["model"] - 2:
        found.add("name:long_model")
    if "verbose_name" in model:
        found.add("model:verbose_name")
    texts = [model.get("verbose_name", ""), model.get("verbose_name_plural", "")]
    targets: list[str] = []
    for field_name, field in model["fields"].items():
        found.add(f"type:{field['type']}")
        if field_name in words.RISKY_FIELDS:
            found.add("name:risky_field")
        if len(field_name) >= NAME_LIMITS["field"] - 2:
            found.add("name:long_field")
        for option in ("null", "default", "unique", "min", "max", "max_length", "max_digits"):
            if option in field:
                found.add(f"option:{option}")
        for option in ("decimal_places", "help_text", "verbose_name", "related_name"):
            if option in field:
                found.add(f"option:{option}")
        if field.get("required") is False:
            found.add("option:optional")
        if field.get("unique"):
            found.add("unique:field_option")
        if "choices" in field:
            found.add("choices:labels" if isinstance(field["choices"], dict) else "choices:list")
            if isinstance(field["choices"], dict):
                texts += list(field["choices"].values())
        texts += [field.get("help_text", ""), field.get("verbose_name", "")]
        if field["type"] == "foreign_key":
            to = field["to"]
            targets.append(to)
            found.add(f"on_delete:{field.get('on_delete', 'protect')}")
            if to == "user":
                found.add("fk:user")
            elif to == name:
                found.add("fk:self")
            elif to.partition(".")[0] in domains:
                found.add("fk:other_domain")
            if field.get("null"):
                found.add("fk:nullable")
    if len(targets) != len(set(targets)):
        found.add("fk:same_target_twice")
    for constraint in model.get("constraints", []):
        if "unique" in constraint:
            found.add("unique:single" if len(constraint["unique"]) == 1 else "unique:together")
            if "name" in constraint:
                found.add("unique:named")
            if constraint.get("within") == "global":
                found.add("unique:global")
            if len(constraint.get("name", "")) >= 55:
                found.add("name:long_constraint")
            continue
        check = parse_check(constraint["check"])
        if check.right_field:
            found.add("check:fields")
        elif isinstance(check.right_value, str):
            found.add("check:text")
        else:
            found.add("check:number")
        if "name" in constraint:
            found.add("check:named")
            if len(constraint["name"]) >= 55:
                found.add("name:long_constraint")
        if "message" in constraint:
            found.add("check:message")
            texts.append(constraint["message"])
    fields = model["fields"]
    found |= _flags(
        {
            "indexes": bool(model.get("indexes")),
            "filters": bool(model.get("filters")),
            "filters:foreign_key": any(
                fields.get(n, {}).get("type") == "foreign_key" for n in model.get("filters", [])
            ),
            "search": bool(model.get("search")),
            "search:across_relation": any("__" in n for n in model.get("search", [])),
            "ordering": bool(model.get("ordering")),
            "default_ordering": bool(model.get("default_ordering")),
            "default_ordering:descending": any(
                n.startswith("-") for n in model.get("default_ordering", [])
            ),
            "admin:list_display": "list_display" in model.get("admin", {}),
            "admin:search": "search" in model.get("admin", {}),
            "admin:list_filter": "list_filter" in model.get("admin", {}),
            "transitions": bool(model.get("transitions")),
            "transitions:several_sources": any(
                len(t["from"]) > 1 for t in model.get("transitions", {}).values()
            ),
            "roles:action_left_out": bool(
                set(CRUD_ACTIONS) | set(model.get("transitions", {})) - set(model.get("roles", {}))
            ),
            "roles:public": "public" in model.get("roles", {}).values(),
            "list": "list" in model,
            "read:nested": any(isinstance(item, dict) for item in model["read"]),
            "write:one_list": isinstance(model.get("write"), list),
            "write:create_update": isinstance(model.get("write"), dict),
            "display:one": isinstance(model.get("display"), str)
            or len(model.get("display") or []) == 1,
            "display:several": isinstance(model.get("display"), list) and len(model["display"]) > 1,
        }
    )
    for kind, test in HOSTILE.items():
        if any(test(t) for t in texts if t):
            found.add(f"text:{kind}")
    return found


def _flags(flags: dict[str, bool]) -> set[str]:
    return {name for name, on in flags.items() if on}


def _depth(name: str, models: dict[str, Any]) -> int:
    depth = 0
    while isinstance(scope := models[name]["scope"], dict):
        name = models[name]["fields"][scope["parent"]]["to"]
        depth += 1
    return depth


def covering_seeds(candidates: Iterable[int], size: int) -> list[int]:
    """``size`` seeds covering every feature: greedily the seed adding the most features not
    yet covered, then ones with the most features per model (a model is what costs time)."""
    pool = {seed: features(generate_case(seed)) for seed in candidates}
    sizes = {seed: _size(seed) for seed in pool}
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < size and pool and not covered >= FEATURES:
        seed = max(pool, key=lambda s: (len(pool[s] - covered), -sizes[s]))
        chosen.append(seed)
        covered |= pool.pop(seed)
    rest = sorted(pool, key=lambda s: -len(pool[s]) / sizes[s])
    return sorted(chosen + rest[: size - len(chosen)])


def _size(seed: int) -> int:
    return sum(len(spec["models"]) for spec in generate_case(seed).specs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pick", type=int, default=20)
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--to", dest="stop", type=int, default=2000)
    args = parser.parse_args()
    seeds = covering_seeds(range(args.start, args.stop), args.pick)
    covered = set().union(*(features(generate_case(seed)) for seed in seeds))
    print(seeds)
    print("missing:", sorted(FEATURES - covered))


if __name__ == "__main__":
    main()
