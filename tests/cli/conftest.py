"""A pristine generated project shared by the CLI tests, and helpers to run and compare."""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from scaffold.cli import main

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
# Left behind by tools, and the environment: ignored by the project's .gitignore, not part of
# what a command "wrote".
CACHES = {".git", ".ruff_cache", "__pycache__", ".venv"}


@dataclass(frozen=True)
class Outcome:
    """What one run of the `scaffold` entry point did: its exit code and its two streams."""

    exit_code: int
    stdout: str
    stderr: str


def scaffold(*args: str) -> Outcome:
    """Run ``scaffold ARGS`` through ``main()``, where errors become messages and exit codes."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "argv", ["scaffold", *args]),
        redirect_stdout(out),
        redirect_stderr(err),
        pytest.raises(SystemExit) as exit_,
    ):
        main()
    code = exit_.value.code
    return Outcome(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


def tree(root: Path) -> dict[str, str]:
    """Every file (by content hash) and folder under ``root``, caches and .git aside."""
    if not root.exists():
        return {}
    snapshot = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if CACHES & set(relative.parts):
            continue
        if path.is_dir():
            snapshot[f"{relative.as_posix()}/"] = "folder"
        else:
            snapshot[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return snapshot


@pytest.fixture(scope="session")
def new_project_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Outcome]]:
    """One `scaffold new-project` for the whole session: the project and what the run said."""
    root = tmp_path_factory.mktemp("pristine")
    project = root / "acme"
    outcome = scaffold("new-project", str(project), "--no-install")
    assert outcome.exit_code == 0, outcome.stderr
    yield project, outcome
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pristine_project(new_project_run: tuple[Path, Outcome]) -> Path:
    """The session's project, never changed; tests that change a project use ``project``."""
    return new_project_run[0]


@pytest.fixture
def project(pristine_project: Path, tmp_path: Path) -> Path:
    """A private copy of the pristine project, free to be changed or broken."""
    copy = tmp_path / "acme"
    shutil.copytree(pristine_project, copy, symlinks=True)
    return copy
