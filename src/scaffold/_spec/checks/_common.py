"""What every check shares: the spec with its scope roots, and helpers to word problems."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator

from scaffold._spec.schema import DomainSpec, FieldSpec, ModelSpec, ParentScope
from scaffold.errors import SpecProblem

KeyPath = tuple[str | int, ...]
# A name check: None when the name is fine, else (message, hint).
Verdict = tuple[str, str | None] | None
SNAKE_CASE_TIP = "use lowercase letters, digits and underscores, starting with a letter"


class Domain:
    """The spec plus what several checks need: scope roots and domain-wide name registries."""

    def __init__(self, spec: DomainSpec) -> None:
        self.spec = spec
        self.roots = {name: scope_root_of(spec, name) for name in spec.models}
        self.related_names: dict[tuple[str, str], str] = {}
        self.constraint_names: dict[str, str] = {}

    def target(self, field: FieldSpec) -> ModelSpec | None:
        """The model of this domain a foreign key points to, if it does."""
        return self.spec.models.get(field.to or "") if field.type == "foreign_key" else None


def scope_root_of(spec: DomainSpec, name: str) -> str | None:
    """tenant, owner or none at the end of the parent chain; None when the chain is broken."""
    chain = [name]
    while isinstance(scope := spec.models[chain[-1]].scope, ParentScope):
        target = parent_target(spec.models[chain[-1]])
        if target not in spec.models or target in chain:
            return None
        chain.append(target)
    return scope


def parent_target(model: ModelSpec) -> str | None:
    if not isinstance(model.scope, ParentScope):
        return None
    field = model.fields.get(model.scope.parent)
    return field.to if field is not None and field.type == "foreign_key" else None


def spec_problem(path: KeyPath, message: str, hint: str | None = None) -> SpecProblem:
    return SpecProblem(path=path, message=message, hint=hint)


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else None


def unknown_name(
    what: str, name: str, options: Iterable[str], of: str = ""
) -> tuple[str, str | None]:
    options = list(options)
    listing = ", ".join(options) if options else "(none)"
    where = f" of {of}" if of else ""
    message = f"unknown {what} '{name}'{where}; expected one of: {listing}"
    hint = did_you_mean(name, options)
    if hint is None:
        hint = f"use one of the {what}s listed" if options else f"define the {what} first"
    return message, hint


def article(words: str) -> str:
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def check_names(
    path: KeyPath, names: list[str], verdict: Callable[[str], Verdict]
) -> Iterator[SpecProblem]:
    """Each name of a whitelist: no repeats, and each one allowed by `verdict`."""
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            yield spec_problem((*path, index), f"'{name}' is listed twice", "remove the repeat")
            continue
        seen.add(name)
        if found := verdict(name):
            yield spec_problem((*path, index), *found)


def choice_values(field: FieldSpec) -> list[str]:
    return list(field.choices or [])  # a list of names, or the names of a {name: label} mapping
