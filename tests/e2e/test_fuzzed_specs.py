"""Specs drawn from the whole schema generate green projects, on every database (issue 8).

The fixed, seeded sets of tests/specfuzz/ci.py cover every feature of the generator at least
once (tests/specfuzz/test_coverage.py). Each spec must pass what a user's project checks:
``new-domain``, ``ruff check``, ``ruff format --check``, ``check --deploy``,
``makemigrations --check`` and the generated suite. A failure names its seeds;
``scripts/fuzz --seeds S --database D`` reruns them, shrinks each and writes a reproducer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import announce
from tests.e2e.conftest import database_params
from tests.specfuzz.ci import SEEDS
from tests.specfuzz.generate import generate_case
from tests.specfuzz.project import Workspace, describe

# Specs per project: one Django start-up and one test database for all of a set.
BATCH = 20


@pytest.fixture(scope="session")
def fuzz_base(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """One base project (``new-project`` and its .venv) that every database's copies share."""
    announce(pytestconfig, "e2e: the fuzz sets' base project (new-project, its .venv)")
    root = tmp_path_factory.mktemp("fuzz")
    Workspace(root, "sqlite").prepare()
    return root / "base"


@pytest.mark.e2e
@pytest.mark.parametrize("database", database_params())
def test_each_spec_of_the_ci_fuzz_set_generates_a_green_project(
    database: str, fuzz_base: Path, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    (tmp_path / "base").symlink_to(fuzz_base, target_is_directory=True)
    workspace = Workspace(tmp_path, database)
    seeds = SEEDS[database]
    failed: list[str] = []
    for first in range(0, len(seeds), BATCH):
        batch = [generate_case(seed) for seed in seeds[first : first + BATCH]]
        announce(pytestconfig, f"e2e: fuzz seeds {batch[0].seed}..{batch[-1].seed} on {database}")
        # The base project's own apps (accounts, tenancy) are proven on every database by the
        # e2e project's suite; a server database runs the specs' domains and core.
        outcome = workspace.run_cases(batch, whole_suite=database == "sqlite")
        if not outcome.ok:
            blamed = set().union(*(f.domains for f in outcome.failures))
            named = [c.seed for c in batch if blamed & set(c.domains)] or [c.seed for c in batch]
            failed.append(
                f"seeds {','.join(map(str, named))} fail on {database}:\n{describe(outcome)}\n"
                f"rerun, shrink and write reproducers: scripts/fuzz --seeds "
                f"{','.join(map(str, named))} --database {database}"
            )

    assert not failed, "\n\n".join(failed)
