"""Mutated specs given to `scaffold new-domain`: exit 1, an error and a tip on stderr, no
traceback, and the project untouched (the loader-level set is tests/spec/test_mutations.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from scaffold._spec import read_spec
from scaffold.errors import SpecError
from tests.cli.conftest import scaffold, tree
from tests.spec.mutations import Mutant, mutants


def _refused(count: int, seed: int) -> list[Mutant]:
    """The first ``count`` mutants of ``seed`` that the loader refuses."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.yaml"
        for mutant in mutants(count * 4, seed):
            path.write_bytes(mutant.text.encode("utf-8", "surrogatepass"))
            try:
                read_spec(path)
            except SpecError:
                found.append(mutant)
            if len(found) == count:
                break
    return found


REFUSED = _refused(20, seed=8)


@pytest.mark.parametrize("mutant", REFUSED, ids=[f"{m.source}: {m.what}"[:80] for m in REFUSED])
def test_a_mutated_spec_is_an_error_and_a_tip_with_nothing_written(
    mutant: Mutant, pristine_project: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(mutant.text.encode("utf-8", "surrogatepass"))
    before = tree(pristine_project)

    outcome = scaffold("new-domain", str(spec), "--project", str(pristine_project))

    assert outcome.exit_code == 1
    assert outcome.stderr.startswith(f"error: invalid spec {spec}")
    assert "\ntip: " in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert tree(pristine_project) == before
