"""End to end on generated specs: each seeded case yields a project whose checks all pass.

The seeds are fixed (tests/specfuzz/ci.py) and together cover every spec feature; every case
of a database runs as one domain of one project (one Django start-up, one pytest run). A
failure names the seeds to isolate and shrink with ``scripts/fuzz --seeds S``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import database_params
from tests.specfuzz.ci import SEEDS
from tests.specfuzz.generate import generate_case
from tests.specfuzz.project import Workspace, describe

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("database", database_params())
def test_generated_specs_yield_projects_whose_checks_pass(tmp_path: Path, database: str) -> None:
    cases = [generate_case(seed) for seed in SEEDS[database]]
    workspace = Workspace(tmp_path / "fuzz", database)
    workspace.prepare()

    outcome = workspace.run_cases(cases)

    failed = [
        c.seed
        for c in cases
        if set(c.domains) & set().union(*(f.domains for f in outcome.failures))
    ]
    option = "" if database == "sqlite" else f" --database {database}"
    commands = "\n".join(f"  scripts/fuzz --seeds {seed}{option}" for seed in failed)
    assert outcome.ok, f"{describe(outcome)}\nisolate and shrink with:\n{commands}"
