"""A team's own template (a fork): recorded as a path or a URL, reachable or not, moved or not."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.update.conftest import (
    CRM,
    Workspace,
    assert_untouched,
    commit_all,
    mark_docstring,
    ok,
    release,
    scaffold,
    snapshot,
    status_rows,
    without_progress,
)

pytestmark = pytest.mark.e2e

V2 = "(template v2)"


def answers(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def new_project(root: Path, template: str, *specs: Path) -> Path:
    """``new-project`` from ``template``, then ``new-domain`` per spec (no --template: the
    project's own), committed."""
    ok(scaffold("new-project", "acme", "--no-install", "--template", template, cwd=root))
    project = root / "acme"
    for spec in specs:
        ok(scaffold("new-domain", str(spec), cwd=project))
    commit_all(project, "Domains")
    return project


def test_a_fork_recorded_as_a_file_url_gets_status_and_updates(workspace: Workspace) -> None:
    url = f"git+file://{workspace.template}"
    root = workspace.root / "by-url"
    root.mkdir()
    project = new_project(root, url, CRM)
    for file in (project / ".copier-answers.yml", project / "crm/.copier-answers.yml"):
        assert answers(file)["_src_path"] == url, file

    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert rows["project"].split()[1:4] == ["v1", "up", "to"], rows
    assert "up to date" in rows["crm"]

    mark_docstring(workspace.template / "template/domain/services.py.jinja", V2)
    release(workspace.template, "v2")
    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert "update available: v2" in rows["crm"], rows

    result = ok(scaffold("update", cwd=project))

    assert "Updated: project, crm" in result.stdout
    assert V2 in first_line(project / "crm/services.py")
    assert answers(project / "crm/.copier-answers.yml")["_commit"] == "v2"
    assert answers(project / "crm/.copier-answers.yml")["_src_path"] == url


def test_new_domain_uses_the_fork_the_project_records(workspace: Workspace) -> None:
    template = workspace.template
    mark_docstring(template / "template/domain/services.py.jinja", "(our fork)")
    release(template, "v1.1")
    root = workspace.root / "from-fork"
    root.mkdir()

    project = new_project(root, str(template), CRM)  # new-domain gets no --template

    assert "(our fork)" in first_line(project / "crm/services.py")
    recorded = answers(project / "crm/.copier-answers.yml")
    assert recorded["_src_path"] == str(template)
    assert recorded["_commit"] == "v1.1"


def test_a_fork_folder_that_moved_gets_a_clear_error_and_the_remedy(
    workspace: Workspace,
) -> None:
    root = workspace.root / "moving"
    root.mkdir()
    old = root / "template"
    shutil.copytree(workspace.template, old, symlinks=True)
    project = new_project(root, str(old), CRM)
    new = root / "template-moved"
    old.rename(new)
    before = snapshot(Workspace(root, new, project, old))

    status = scaffold("status", cwd=project)
    update = scaffold("update", cwd=project)
    sales = root / "sales.yaml"
    sales.write_text(CRM.read_text(encoding="utf-8").replace("domain: crm", "domain: sales"))
    domain = scaffold("new-domain", str(sales), cwd=project)

    assert status.returncode == 0, status.stderr
    rows = status_rows(status.stdout)
    assert f"the template recorded for project, {old}, does not exist (moved?)" in rows["project"]
    assert "Traceback" not in status.stderr + update.stderr + domain.stderr
    assert update.returncode == 1
    assert f"error: the template recorded for project, {old}, does not exist (moved?)" in (
        update.stderr
    )
    assert "tip: pass --template NEW_PATH" in update.stderr
    assert domain.returncode == 1
    assert "does not exist (moved?)" in domain.stderr
    assert_untouched(Workspace(root, new, project, old), before)

    mark_docstring(new / "template/domain/services.py.jinja", V2)
    release(new, "v2")
    ok(scaffold("update", "--template", str(new), cwd=project))

    assert V2 in first_line(project / "crm/services.py")
    for file in (project / ".copier-answers.yml", project / "crm/.copier-answers.yml"):
        assert answers(file)["_src_path"] == str(new), file  # no --template needed from now on
    commit_all(project, "Template v2 from its new place")
    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert all("up to date" in row for row in rows.values()), rows


@pytest.mark.parametrize(
    "url",
    [
        "git+file:///nonexistent/scaffold-fork",
        "https://127.0.0.1:9/we/scaffold.git",
        "ssh://git@127.0.0.1:9/we/scaffold.git",
    ],
    ids=["file", "https", "ssh"],
)
def test_an_unreachable_fork_is_reported_by_status_and_refused_by_update(
    workspace: Workspace, url: str
) -> None:
    project = workspace.project
    for file in (project / ".copier-answers.yml", *project.glob("*/.copier-answers.yml")):
        recorded = file.read_text(encoding="utf-8")
        file.write_text(
            recorded.replace(f"_src_path: {workspace.recorded}", f"_src_path: {url}"),
            encoding="utf-8",
        )
    commit_all(project, "The fork moved to a server")
    before = snapshot(workspace)

    status = scaffold("status", cwd=project)
    update = scaffold("update", cwd=project)

    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr + update.stderr
    rows = status_rows(status.stdout)
    for name in ("project", "billing", "crm"):
        assert "version unknown: the template recorded for" in rows[name], rows[name]
        assert "v1" in rows[name]
    assert update.returncode == 1
    assert without_progress(update.stderr).startswith(
        "error: the template recorded for project, "
    ), update.stderr
    assert "\ntip: " in update.stderr
    assert_untouched(workspace, before)
