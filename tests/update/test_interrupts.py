"""Ctrl-C, SIGTERM and SIGHUP at any point of a command leave the tree exactly as it was.

Each scenario pauses the command at a named point (see ``pausing.py``), sends the signal the
way it arrives in life — to scaffold alone (``kill``, ``timeout``, a cancelled CI job) or to
its whole job (Ctrl-C, a closed terminal) — and, for the second-signal cases, pauses the
rollback itself half-way and signals again. Exit codes are 128 + the first signal's number.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.update.conftest import (
    CRM,
    Workspace,
    assert_untouched,
    commit_all,
    give_contacts_a_city,
    release_v2_of_project_and_domains,
    snapshot,
)
from tests.update.pausing import PausedRun

pytestmark = pytest.mark.e2e

SIGINT, SIGTERM, SIGHUP = signal.SIGINT, signal.SIGTERM, signal.SIGHUP
ALONE, JOB = False, True  # the signal reaches scaffold alone, or its whole process group


def interrupt(run: PausedRun, steps: list[tuple[str, int, bool]]) -> None:
    for point, signum, to_group in steps:
        run.wait_for(point)
        run.send(signum, to_group=to_group)


def assert_interrupted(run: PausedRun, first_signal: int) -> None:
    done = run.finish()
    assert done.returncode == 128 + first_signal, done.stderr
    assert done.stderr.rstrip().endswith("Interrupted; nothing was kept."), done.stderr
    assert "Traceback" not in done.stderr
    assert done.survivors == [], "processes scaffold started outlived it"


# --- update -----------------------------------------------------------------------------------


def prepare_update(workspace: Workspace) -> None:
    """A release for the project and the domains, and a spec change that needs a migration."""
    project = workspace.project
    give_contacts_a_city(project)
    commit_all(project, "Contacts have a city")
    release_v2_of_project_and_domains(workspace)


@pytest.mark.parametrize(
    "steps",
    [
        pytest.param([("git-apply", SIGTERM, ALONE)], id="sigterm-while-git-merges-the-project"),
        pytest.param([("ruff-task", SIGTERM, ALONE)], id="sigterm-during-the-templates-task"),
        pytest.param([("makemigrations", SIGHUP, JOB)], id="sighup-during-makemigrations"),
        pytest.param(
            [("makemigrations", SIGINT, JOB), ("restoring", SIGINT, JOB)],
            id="second-ctrl-c-during-the-rollback",
        ),
        pytest.param(
            [("merged:billing", SIGTERM, ALONE), ("restoring", SIGHUP, JOB)],
            id="sighup-during-the-rollback-of-a-sigterm",
        ),
    ],
)
def test_an_interrupted_update_leaves_the_tree_byte_identical(
    workspace: Workspace, tmp_path: Path, steps: list[tuple[str, int, bool]]
) -> None:
    prepare_update(workspace)
    before = snapshot(workspace)
    points = [point for point, _, _ in steps]
    args = ["update", "--template", str(workspace.template)]
    run = PausedRun(args, workspace.project, points, tmp_path / "run")

    interrupt(run, steps)

    assert_interrupted(run, steps[0][1])
    assert_untouched(workspace, before)
    assert not (workspace.project / ".git/index.lock").exists()


# --- new-domain -------------------------------------------------------------------------------


def sales_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "sales.yaml"
    spec.write_text(CRM.read_text(encoding="utf-8").replace("domain: crm", "domain: sales"))
    return spec


@pytest.mark.parametrize(
    "steps",
    [
        pytest.param([("ruff-task", SIGTERM, ALONE)], id="sigterm-during-the-templates-task"),
        pytest.param([("rendered", SIGHUP, JOB)], id="sighup-after-rendering"),
        pytest.param(
            [("makemigrations-with-database", SIGTERM, ALONE)],
            id="sigterm-during-makemigrations",
        ),
        pytest.param(
            [("makemigrations", SIGINT, JOB), ("restoring", SIGINT, JOB)],
            id="second-ctrl-c-during-the-rollback",
        ),
    ],
)
def test_an_interrupted_new_domain_leaves_the_tree_byte_identical(
    workspace: Workspace, tmp_path: Path, steps: list[tuple[str, int, bool]]
) -> None:
    project = workspace.project
    (project / "db.sqlite3").unlink(missing_ok=True)  # makemigrations creates it on SQLite
    before = snapshot(workspace)
    points = [point for point, _, _ in steps]
    run = PausedRun(["new-domain", str(sales_spec(tmp_path))], project, points, tmp_path / "run")

    interrupt(run, steps)

    assert_interrupted(run, steps[0][1])
    assert_untouched(workspace, before)
    assert not (project / "sales").exists()
    assert not (project / "db.sqlite3").exists()
    assert "sales" not in (project / "config/settings/base.py").read_text(encoding="utf-8")


# --- new-project ------------------------------------------------------------------------------


@pytest.mark.parametrize("existing_empty_folder", [False, True], ids=["new", "empty"])
@pytest.mark.parametrize(
    "steps",
    [
        pytest.param([("rendered", SIGTERM, ALONE)], id="sigterm-after-rendering"),
        pytest.param(
            [("rendered", SIGINT, JOB), ("restoring", SIGHUP, JOB)],
            id="sighup-during-the-rollback-of-ctrl-c",
        ),
    ],
)
def test_an_interrupted_new_project_leaves_nothing(
    tmp_path: Path, steps: list[tuple[str, int, bool]], existing_empty_folder: bool
) -> None:
    dest = tmp_path / "acme"
    if existing_empty_folder:
        dest.mkdir()
    points = [point for point, _, _ in steps]
    run = PausedRun(["new-project", str(dest), "--no-install"], tmp_path, points, tmp_path / "run")

    interrupt(run, steps)

    assert_interrupted(run, steps[0][1])
    if existing_empty_folder:
        assert list(dest.iterdir()) == []
    else:
        assert not dest.exists()
