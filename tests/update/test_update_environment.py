"""`scaffold update` says what it is doing, and keeps the project's .venv in step."""

from __future__ import annotations

import subprocess

import pytest

from scaffold._environment import uv_executable
from tests.update.conftest import Workspace, commit_all, ok, release, replace

pytestmark = pytest.mark.e2e


def change_spec(workspace: Workspace) -> None:
    replace(
        workspace.project / "specs/billing.yaml",
        r"^      name: \{type: string, max_length: 200\}\n",
        "      name: {type: string, max_length: 200}\n"
        "      nickname: {type: string, max_length: 40, required: false}\n",
    )
    commit_all(workspace.project, "Customers get a nickname")


def test_update_says_what_each_slow_step_does_on_stderr(workspace: Workspace) -> None:
    change_spec(workspace)

    result = ok(workspace.update("billing"))

    assert result.stderr == (
        "Reading the specs of billing...\n"
        "Merging billing's spec and template, and tidying it with ruff...\n"
        "Planning the next migrations (Django's autodetector)...\n"
    )


def test_update_quiet_prints_only_the_result(workspace: Workspace) -> None:
    change_spec(workspace)

    result = ok(workspace.update("billing", "-q"))

    assert result.stderr == ""
    assert "\nUpdated: billing\n" in result.stdout  # after the plan, which is a result too


def test_a_release_that_adds_a_dependency_installs_it_into_the_projects_venv(
    workspace: Workspace,
) -> None:
    project = workspace.project
    subprocess.run([uv_executable(), "sync", "--locked", "--quiet"], cwd=project, check=True)
    replace(
        workspace.template / "template/project/pyproject.toml.jinja",
        r'^    "whitenoise>=6.8",\n',
        '    "whitenoise>=6.8",\n    "six>=1.16",\n',
    )
    release(workspace.template, "v2")

    result = ok(workspace.update())

    assert "to the changed dependencies (uv sync)...\n" in result.stderr
    assert 'name = "six"' in (project / "uv.lock").read_text()
    imported = subprocess.run([str(project / ".venv/bin/python"), "-c", "import six"], check=False)
    assert imported.returncode == 0
