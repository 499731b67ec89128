"""Which Python runs the project's Django commands, and the errors when there is none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scaffold._environment import interpreter, sync_command
from tests.cli.conftest import BILLING, scaffold, tree


def test_the_projects_own_venv_comes_first(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv/bin/python").symlink_to(sys.executable)
    monkeypatch.setenv("VIRTUAL_ENV", str(tmp_path / "elsewhere"))

    assert interpreter(project) == str(project / ".venv/bin/python")


def test_without_a_venv_the_activated_virtualenv_is_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)

    assert interpreter(project) == str(Path(sys.prefix) / "bin" / "python")


def test_new_domain_without_any_environment_says_how_to_make_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VIRTUAL_ENV")
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "-q")

    root = project.resolve()
    assert (outcome.exit_code, outcome.stderr) == (
        1,
        f"error: {root} has no environment to run manage.py in (no .venv)\n"
        f"tip: make it with `{sync_command()}` in {root} (what `scaffold new-project` does "
        "unless --no-install), or activate a virtualenv that has the project's dependencies\n",
    )
    assert tree(project) == before


def test_new_domain_in_a_broken_venv_says_how_to_remake_it(project: Path) -> None:
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv/bin/python").symlink_to(project / "python-that-was-uninstalled")
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "-q")

    venv = project.resolve() / ".venv"
    assert (outcome.exit_code, outcome.stderr) == (
        1,
        f"error: the project's environment {venv} is broken: {venv}/bin/python is missing or "
        "points at a Python that is gone\n"
        f"tip: make it again: rm -rf {venv} && {sync_command()}\n",
    )
    assert tree(project) == before


def test_new_domain_in_a_venv_without_django_says_how_to_install_it(
    project: Path,
) -> None:
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(project / ".venv")], check=True
    )
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "-q")

    assert outcome.exit_code == 1
    assert "ModuleNotFoundError: No module named 'django'" in outcome.stderr
    assert outcome.stderr.endswith(
        f"tip: {project.resolve()}/.venv/bin/python lacks the project's dependencies: run "
        f"`{sync_command()}` in the project and retry; nothing was changed in the project\n"
    )
    assert tree(project) == before
