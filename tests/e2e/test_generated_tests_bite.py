"""End to end: the generated tests catch real bugs, not just pass.

Each case copies the generated project, plants one bug in its billing domain (see
``tests/e2e/mutations.py``), runs only the generated test files meant to catch it on SQLite, and
checks that those files fail, and fail in the tests that guard what was broken.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import run, share_environment
from tests.e2e.mutations import MUTATIONS, Mutation, MutationTargetMissing, failed_tests

pytestmark = pytest.mark.e2e

ALL_TEST_FILES = sorted({path for mutation in MUTATIONS for path in mutation.test_files})


def copy_project(generated_project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / generated_project.name
    shutil.copytree(
        generated_project,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".venv", ".mypy_cache"),
    )
    share_environment(generated_project, copy)
    return copy


def run_generated_tests(
    project: Path, test_files: list[str] | tuple[str, ...]
) -> subprocess.CompletedProcess[str]:
    return run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-rf",
        "-p",
        "no:cacheprovider",
        *test_files,
        cwd=project,
        env={"DATABASE_URL": None},
    )


def test_unmodified_copy_passes_the_files_the_mutations_run(
    generated_project: Path, tmp_path: Path
) -> None:
    project = copy_project(generated_project, tmp_path)

    result = run_generated_tests(project, ALL_TEST_FILES)

    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, tail + result.stderr[-3000:]
    assert " passed" in result.stdout
    assert not failed_tests(result.stdout)


def test_every_mutation_finds_its_target_in_a_fresh_copy(
    generated_project: Path, tmp_path: Path
) -> None:
    """Template drift shows up here at once, whichever mutation it breaks."""
    project = copy_project(generated_project, tmp_path)
    missing = []
    for mutation in MUTATIONS:
        for edit in mutation.edits:
            if (project / edit.path).read_text().count(edit.old) != 1:
                missing.append(f"{mutation.id}: {edit.path}")

    assert not missing, "mutation targets not found exactly once: " + ", ".join(missing)


@pytest.mark.parametrize("mutation", [pytest.param(m, id=m.id) for m in MUTATIONS])
def test_generated_tests_catch_the_mutation(
    mutation: Mutation, generated_project: Path, tmp_path: Path
) -> None:
    project = copy_project(generated_project, tmp_path)
    try:
        mutation.apply(project)
    except MutationTargetMissing as exc:
        pytest.fail(f"{mutation.id}: {exc}")

    result = run_generated_tests(project, mutation.test_files)

    failed = failed_tests(result.stdout)
    tail = "\n".join(result.stdout.splitlines()[-40:])
    ran = " ".join(mutation.test_files)
    assert result.returncode != 0, f"{mutation.id} survived: {ran} all passed\n{tail}"
    uncaught = [name for name in mutation.caught_by if not any(name in f for f in failed)]
    assert not uncaught, (
        f"{mutation.id}: {ran} failed, but not in {uncaught}\n"
        f"failed: {failed}\n{tail}{result.stderr[-3000:]}"
    )
