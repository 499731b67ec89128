"""Import blocks for generated modules, sorted the way ruff's isort (force-single-line) sorts."""

from __future__ import annotations

import re

_STDLIB = {
    "__future__",
    "collections",
    "datetime",
    "decimal",
    "threading",
    "typing",
    "uuid",
}
_THIRD_PARTY = {"django", "django_filters", "factory", "pytest", "rest_framework"}


class Imports:
    """Collects ``from module import name`` and ``import module`` lines for one file."""

    def __init__(self) -> None:
        self._lines: set[tuple[str, str | None]] = set()

    def add(self, module: str, *names: str) -> Imports:
        if not names:
            self._lines.add((module, None))
        for name in names:
            self._lines.add((module, name))
        return self

    def render(self) -> str:
        sections: dict[int, list[tuple[str, str | None]]] = {0: [], 1: [], 2: [], 3: []}
        for module, name in self._lines:
            sections[_section(module)].append((module, name))
        blocks = []
        for section in sorted(sections):
            entries = sections[section]
            if not entries:
                continue
            plain = sorted(module for module, name in entries if name is None)
            froms = sorted(
                ((module, name) for module, name in entries if name is not None),
                key=lambda entry: (entry[0], _member_rank(entry[1]), entry[1]),
            )
            lines = [f"import {module}" for module in plain]
            lines += [f"from {module} import {name}" for module, name in froms]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


def _section(module: str) -> int:
    top = module.split(".")[0]
    if top == "__future__":
        return 0
    if top in _STDLIB:
        return 1
    if top in _THIRD_PARTY:
        return 2
    return 3


def _member_rank(name: str | None) -> int:
    """ruff's order-by-type: CONSTANTS, then Classes, then functions and modules."""
    assert name is not None
    if re.fullmatch(r"[A-Z0-9_]+", name) and len(name) > 1:
        return 0
    if name[0].isupper():
        return 1
    return 2
