"""The reverse direction: valid specs mutated into invalid ones each get a located error with a
tip (never a traceback, never a written file), or are accepted and then build (issue 8)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scaffold._context.build import build_domain
from scaffold._spec import read_spec
from scaffold.errors import SpecError
from tests.spec.mutations import Mutant, mutants

SEED = 20261201
COUNT = 600
# Problems about the whole file have no line to point at.
_WHOLE_FILE = ("the spec is ", "the file ", "the YAML ", "nothing more arrived")


def verdict(mutant: Mutant, folder: Path) -> str | None:
    """None when the mutant is a clear error or a spec that builds; else what went wrong."""
    path = folder / "spec.yaml"
    path.write_bytes(mutant.text.encode("utf-8", "surrogatepass"))
    before = sorted(folder.iterdir())
    try:
        spec, _ = read_spec(path)
    except SpecError as error:
        rendered = error.render()
        if sorted(folder.iterdir()) != before:
            return "the loader wrote a file"
        if not error.problems or not rendered.startswith("error: invalid spec "):
            return f"no located error: {rendered!r}"
        for problem in error.problems:
            if not problem.hint:
                return f"no tip: {problem.dotted_path}: {problem.message}"
            if problem.line is None and not problem.message.startswith(_WHOLE_FILE):
                return f"no line: {problem.dotted_path}: {problem.message}"
        if "Traceback" in rendered:
            return "a traceback in the message"
        rendered.encode("utf-8")  # printable as it is
        return None
    except Exception as exc:  # the bug this test exists to find
        return f"{type(exc).__name__}: {exc}"
    try:
        build_domain(spec)
    except Exception as exc:
        return f"accepted, then building the domain failed: {type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="module")
def seeded() -> list[Mutant]:
    return list(mutants(COUNT, SEED))


def test_every_mutant_is_a_located_error_or_a_spec_that_builds(
    seeded: list[Mutant], tmp_path: Path
) -> None:
    failures = [
        f"{mutant.source}: {mutant.what}: {problem}"
        for mutant in seeded
        if (problem := verdict(mutant, tmp_path))
    ]

    assert failures == []


def test_the_seeded_set_covers_every_kind_of_mutation(seeded: list[Mutant]) -> None:
    kinds = Counter(mutant.what.split(" ")[0] for mutant in seeded)

    assert set(kinds) >= {
        *("wrong", "unknown", "hostile", "clashing", "removed", "truncated", "line"),
    }, kinds
    assert len(seeded) >= COUNT * 0.95
