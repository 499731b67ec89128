"""`scaffold status`, and what the answers files record: the spec in order, the template source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.update.conftest import (
    CRM,
    Workspace,
    commit_all,
    make_checkout,
    mark_docstring,
    ok,
    ordered,
    release,
    replace,
    scaffold,
    status_rows,
)

pytestmark = pytest.mark.e2e


def answers(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_status_tells_versions_newer_releases_and_spec_drift(workspace: Workspace) -> None:
    project = workspace.project
    rows = status_rows(ok(scaffold("status", cwd=project)).stdout)
    assert sorted(rows) == ["billing", "crm", "project"]
    for row in rows.values():
        assert row.split()[1] == "v1", row
        assert "up to date" in row, row
    assert "spec unchanged" in rows["billing"]
    assert "spec unchanged" in rows["crm"]

    mark_docstring(workspace.template / "template/domain/services.py.jinja", "(template v2)")
    release(workspace.template, "v2")
    rows = workspace.status()
    for row in rows.values():
        assert "update available: v2" in row, row

    replace(project / "specs/billing.yaml", r"max_length: 200", "max_length: 250")
    (project / "specs/crm.yaml").write_text("domain: crm\nmodels: {}\nbogus: 1\n")
    rows = workspace.status()
    assert "spec specs/billing.yaml changed since the last generation" in rows["billing"]
    assert "spec specs/crm.yaml is invalid" in rows["crm"]


def test_answers_keep_the_spec_order_and_the_template_path_given(workspace: Workspace) -> None:
    project = workspace.project
    for domain in ("billing", "crm"):
        recorded = answers(project / domain / ".copier-answers.yml")
        spec = yaml.safe_load((project / "specs" / f"{domain}.yaml").read_text(encoding="utf-8"))
        assert ordered(recorded["spec"]) == ordered(spec)
        assert recorded["spec_path"] == f"specs/{domain}.yaml"
        assert recorded["_src_path"] == str(workspace.recorded)
        assert recorded["_commit"] == "v1"
    assert answers(project / ".copier-answers.yml")["_src_path"] == str(workspace.recorded)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return make_checkout(tmp_path / "checkout")


def test_the_bundled_template_is_recorded_by_url_and_updates_from_anywhere(
    checkout: Path, tmp_path: Path
) -> None:
    env = {"PYTHONPATH": str(checkout / "src")}
    ok(scaffold("new-project", "acme", "--no-install", cwd=tmp_path, env=env))
    project = tmp_path / "acme"
    ok(scaffold("new-domain", str(CRM), cwd=project, env=env))
    commit_all(project, "crm")
    for file in (project / ".copier-answers.yml", project / "crm/.copier-answers.yml"):
        assert answers(file)["_src_path"] == "git+scaffold://template", file

    mark_docstring(checkout / "template/domain/services.py.jinja", "(template v2)")
    release(checkout, "v2")
    result = ok(scaffold("update", "--project", "acme", cwd=tmp_path, env=env))

    assert "Updated: project, crm" in result.stdout
    first = (project / "crm/services.py").read_text(encoding="utf-8").splitlines()[0]
    assert "(template v2)" in first
    assert answers(project / "crm/.copier-answers.yml")["_src_path"] == "git+scaffold://template"


def test_a_relative_template_path_still_reaches_the_template_from_any_directory(
    workspace: Workspace,
) -> None:
    root = workspace.root
    ok(scaffold("new-project", "fresh", "--no-install", "--template", "template", cwd=root))
    project = root / "fresh"
    ok(scaffold("new-domain", str(CRM), "--template", "../template", cwd=project))
    commit_all(project, "crm")
    mark_docstring(workspace.template / "template/domain/services.py.jinja", "(template v2)")
    release(workspace.template, "v2")

    result = scaffold("update", cwd=project)

    assert result.returncode == 0, result.stderr
    first = (project / "crm/services.py").read_text(encoding="utf-8").splitlines()[0]
    assert "(template v2)" in first
    status = ok(scaffold("status", "--project", "fresh", cwd=root)).stdout
    assert status.count("up to date") == 2, status
