"""Versions are release tags; `--to` goes forward only; a template without tags still works."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.update.conftest import (
    CRM,
    Workspace,
    assert_untouched,
    commit_all,
    git,
    make_project,
    mark_docstring,
    ok,
    release,
    scaffold,
    snapshot,
    status_rows,
    without_progress,
)

pytestmark = pytest.mark.e2e


def recorded_version(answers: Path) -> str:
    return str(yaml.safe_load(answers.read_text(encoding="utf-8"))["_commit"])


def test_an_older_version_is_refused_before_anything_is_touched(workspace: Workspace) -> None:
    mark_docstring(workspace.template / "template/domain/services.py.jinja", "(template v2)")
    release(workspace.template, "v2")
    ok(workspace.update())
    commit_all(workspace.project, "Template v2")
    before = snapshot(workspace)

    result = workspace.update("--to", "v1")

    assert result.returncode == 1
    assert without_progress(result.stderr) == (
        "error: --to v1 is older than what 3 part(s) of the project record:\n"
        "  project records v2\n  billing records v2\n  crm records v2\n"
        "tip: updates only go forward (merging backwards would undo template changes as if "
        "they were yours); to go back, revert the commit that brought the newer version "
        "(`git revert`)\n"
    )
    assert_untouched(workspace, before)


def test_an_unknown_version_is_refused_with_the_releases_there_are(workspace: Workspace) -> None:
    mark_docstring(workspace.template / "template/domain/services.py.jinja", "(template v2)")
    release(workspace.template, "v2")
    before = snapshot(workspace)

    result = workspace.update("--to", "v9")

    assert result.returncode == 1
    assert f"error: the template {workspace.recorded} has no version 'v9'\n" in result.stderr
    assert "tip: its releases, newest first: v2, v1\n" in result.stderr
    assert_untouched(workspace, before)


def test_a_template_without_tags_speaks_in_commit_ids(workspace: Workspace) -> None:
    template = workspace.template
    git(template, "tag", "--delete", "v1")
    root = workspace.root / "untagged"
    root.mkdir()
    project = make_project(root, template, CRM)
    first = git(template, "rev-parse", "--short", "HEAD").strip()
    assert recorded_version(project / "crm/.copier-answers.yml") == first
    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert rows["crm"].split()[1] == first and "up to date" in rows["crm"]

    mark_docstring(template / "template/domain/services.py.jinja", "(next commit)")
    commit_all(template, "Next")
    second = git(template, "rev-parse", "--short", "HEAD").strip()
    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert f"update available: {second}" in rows["crm"], rows

    ok(scaffold("update", cwd=project))
    commit_all(project, "Next template commit")

    assert recorded_version(project / "crm/.copier-answers.yml") == second
    before = git(project, "rev-parse", "HEAD")
    backwards = scaffold("update", "--to", first, cwd=project)
    assert backwards.returncode == 1
    assert f"error: --to {first} is older than what 2 part(s)" in backwards.stderr
    assert git(project, "rev-parse", "HEAD") == before
