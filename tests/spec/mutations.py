"""Seeded mutations of valid specs into (mostly) invalid ones, for the loader's reverse direction.

Each mutation changes one thing: a value of the wrong type, a reference to nothing, a name that
clashes, a removed or unknown key, a hostile string, broken YAML, a truncated or duplicated
line. Run more than the test does with
    .venv/bin/python -m tests.spec.mutations --count 5000 --seed 7
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parents[2]
SOURCES = sorted(
    {
        *ROOT.glob("tests/spec/valid/*.yaml"),
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("tests/e2e/specs/*.yaml"),
        *ROOT.glob("tests/golden/data/*.yaml"),
    }
)
HOSTILE = [
    "x\n",
    "\nx",
    "x; rm -rf /",
    "$(touch pwned)",
    "`id`",
    "x\x00y",
    "\udc80",
    "'\"\\",
    "%s %(name)s 100%",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "naïve",
    "Ω",
    "a" * 70,
    "",
    " ",
    "__init__",
    "-x",
    "x.y",
    "2024-02-30",
]
CLASHING = {
    "model": ["Response", "Request", "Q", "F", "Status", "Meta", "Model", "User", "Any"],
    "field": [
        "clean_fields",
        "objects",
        "pk",
        "save",
        "delete",
        "id",
        "models",
        "serializers",
        "factory",
        "empty_values",
        "get_status_display",
        "check",
    ],
    "transition": [
        "get",
        "post",
        "dispatch",
        "get_queryset",
        "update",
        "list",
        "action",
        "line_create",
        "get_object",
    ],
    "domain": ["calendar", "secrets", "factory", "conftest", "core", "django", "json", "test"],
}
WRONG_VALUES: list[Any] = [1, -1, 2.5, True, None, "x", [], ["x"], {}, {"x": 1}, [[1]]]


@dataclass(frozen=True)
class Mutant:
    """One mutated spec: what was done, and the text to load."""

    source: str
    what: str
    text: str


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _wrong_type(rng: random.Random, data: dict[str, Any]) -> str:
    path = rng.choice([p for p in _paths(data) if p])
    _get(data, path[:-1])[path[-1]] = copy.deepcopy(rng.choice(WRONG_VALUES))
    return f"wrong type at {'.'.join(map(str, path))}"


def _unknown_reference(rng: random.Random, data: dict[str, Any]) -> str:
    strings = [p for p in _paths(data) if p and isinstance(_get(data, p), str)]
    path = rng.choice(strings)
    _get(data, path[:-1])[path[-1]] = rng.choice(["nope", "Nope", "app.Nope", "nope__x"])
    return f"unknown reference at {'.'.join(map(str, path))}"


def _hostile_string(rng: random.Random, data: dict[str, Any]) -> str:
    keyed = [p for p in _paths(data) if p and isinstance(p[-1], str)]
    path = rng.choice(keyed)
    parent = _get(data, path[:-1])
    hostile = rng.choice(HOSTILE)
    if rng.random() < 0.5 and isinstance(parent, dict):  # rename the key itself
        value = parent.pop(path[-1])
        parent[hostile] = value
        return f"hostile key {hostile!r} at {'.'.join(map(str, path))}"
    parent[path[-1]] = hostile
    return f"hostile value {hostile!r} at {'.'.join(map(str, path))}"


def _clashing_name(rng: random.Random, data: dict[str, Any]) -> str:
    models = data.get("models")
    kind = rng.choice(list(CLASHING))
    name = rng.choice(CLASHING[kind])
    if kind == "domain" or not isinstance(models, dict) or not models:
        data["domain"] = name
        return f"domain {name}"
    model_name = rng.choice(list(models))
    model = models[model_name]
    if kind == "model":
        models[name] = copy.deepcopy(model)
    elif kind == "field" and isinstance(model.get("fields"), dict):
        model["fields"][name] = {"type": "json", "null": True}
    elif isinstance(model, dict):
        transitions = model.get("transitions") or {}
        if transitions:
            old = rng.choice(list(transitions))
            transitions[name] = transitions.pop(old)
        else:
            model["transitions"] = {name: {"field": "x", "from": ["a"], "to": "b", "role": "admin"}}
    return f"clashing {kind} {name} in {model_name}"


def _remove_key(rng: random.Random, data: dict[str, Any]) -> str:
    keyed = [p for p in _paths(data) if p and isinstance(p[-1], str)]
    path = rng.choice(keyed)
    del _get(data, path[:-1])[path[-1]]
    return f"removed {'.'.join(map(str, path))}"


def _unknown_key(rng: random.Random, data: dict[str, Any]) -> str:
    mappings = [p for p in _paths(data) if isinstance(_get(data, p), dict)]
    path = rng.choice(mappings)
    _get(data, path)[rng.choice(["colour", "minimum", "requird", "Type", "on-delete"])] = 1
    return f"unknown key in {'.'.join(map(str, path)) or '(top level)'}"


DATA_MUTATIONS: list[Callable[[random.Random, dict[str, Any]], str]] = [
    _wrong_type,
    _unknown_reference,
    _hostile_string,
    _clashing_name,
    _remove_key,
    _unknown_key,
]


def _truncate(rng: random.Random, text: str) -> tuple[str, str]:
    cut = rng.randrange(len(text))
    return f"truncated at {cut}", text[:cut]


def _duplicate_line(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    index = rng.randrange(len(lines))
    return f"line {index + 1} repeated", "".join([*lines[: index + 1], *lines[index:]])


def _break_yaml(rng: random.Random, text: str) -> tuple[str, str]:
    at = rng.randrange(len(text))
    junk = rng.choice(
        [
            "\t",
            "[",
            "{",
            "}",
            ": ",
            "- ",
            "&a",
            "*b",
            "!!python/object:os.system",
            '"',
            "'",
            "\x00",
            "\x1b",
        ]
    )
    return f"{junk!r} inserted at {at}", text[:at] + junk + text[at:]


TEXT_MUTATIONS = [_truncate, _duplicate_line, _break_yaml]


def mutants(count: int, seed: int) -> Iterator[Mutant]:
    """``count`` mutants, the same ones for the same seed."""
    rng = random.Random(seed)
    texts = {path: path.read_text() for path in SOURCES}
    for _ in range(count):
        path = rng.choice(SOURCES)
        text = texts[path]
        if rng.random() < 0.3:
            what, mutated = rng.choice(TEXT_MUTATIONS)(rng, text)
        else:
            data = yaml.load(text, Loader=yaml.SafeLoader)
            what = rng.choice(DATA_MUTATIONS)(rng, data)
            try:
                mutated = _dump(data)
            except yaml.YAMLError:
                continue
        yield Mutant(path.name, what, mutated)


def main(argv: list[str]) -> int:
    """Load every mutant; print the ones that are not a clear error or a loadable spec."""
    import tempfile

    from tests.spec.test_mutations import verdict

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for mutant in mutants(args.count, args.seed):
            if problem := verdict(mutant, Path(folder)):
                failures += 1
                print(f"{mutant.source}: {mutant.what}: {problem}")
    print(f"{args.count} mutants (seed {args.seed}): {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
