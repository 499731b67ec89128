"""Conflicts: reported with their files wherever they are, never buried under the next update."""

from __future__ import annotations

import pytest
import yaml

from tests.update.conftest import (
    Workspace,
    assert_untouched,
    commit_all,
    git,
    give_contacts_a_city,
    mark_docstring,
    ok,
    release,
    replace,
    snapshot,
)

pytestmark = pytest.mark.e2e

V2 = "(template v2)"
MARKERS = ("<<<<<<< before updating", "=======", ">>>>>>> after updating")


def conflict_in_the_project_template(workspace: Workspace) -> None:
    """The owners reword core/pagination.py's docstring; template v2 rewords it too."""
    project = workspace.project
    replace(project / "core/pagination.py", r"\A.*$", '"""Pagination, in the owners\' words."""')
    commit_all(project, "Our pagination docstring")
    mark_docstring(workspace.template / "template/project/core/pagination.py", V2)
    mark_docstring(workspace.template / "template/domain/services.py.jinja", V2)
    release(workspace.template, "v2")


def test_a_project_conflict_with_domains_present_is_listed_and_the_domains_still_merge(
    workspace: Workspace,
) -> None:
    project = workspace.project
    conflict_in_the_project_template(workspace)

    result = workspace.update()

    assert result.returncode == 1, result.stderr
    assert "this is a bug" not in result.stderr
    assert "the update left conflicts in 1 file(s):\n  core/pagination.py\n" in result.stderr
    pagination = (project / "core/pagination.py").read_text(encoding="utf-8")
    assert all(marker in pagination for marker in MARKERS)
    # The domains after the conflicted project were merged all the same.
    for domain in ("billing", "crm"):
        first = (project / domain / "services.py").read_text(encoding="utf-8").splitlines()[0]
        assert V2 in first, domain
    # git sees the conflict as it would after `git merge`.
    assert "UU core/pagination.py" in git(project, "status", "--porcelain").splitlines()


def test_status_shows_unresolved_conflicts_until_they_are_resolved(workspace: Workspace) -> None:
    project = workspace.project
    conflict_in_the_project_template(workspace)
    assert workspace.update().returncode == 1

    rows = workspace.status()

    assert "1 unresolved conflict(s): core/pagination.py" in rows["project"]
    assert "unresolved" not in rows["billing"]
    pagination = project / "core/pagination.py"
    pagination.write_text(
        '"""Pagination, in the owners\' words (template v2)."""\n'
        + pagination.read_text(encoding="utf-8").split(MARKERS[2] + "\n", 1)[1],
        encoding="utf-8",
    )
    rows = workspace.status()
    assert "unresolved" not in rows["project"], rows["project"]


def test_the_migration_a_conflicted_update_could_not_make_comes_with_the_next_update(
    workspace: Workspace,
) -> None:
    project = workspace.project
    give_contacts_a_city(project)
    commit_all(project, "Contacts have a city")
    conflict_in_the_project_template(workspace)
    assert workspace.update().returncode == 1
    assert not list((project / "crm/migrations").glob("0002_*.py"))
    pagination = project / "core/pagination.py"
    text = pagination.read_text(encoding="utf-8")
    pagination.write_text(
        '"""Pagination (template v2)."""\n' + text.split(MARKERS[2] + "\n", 1)[1],
        encoding="utf-8",
    )
    commit_all(project, "Resolve the pagination conflict")

    result = ok(workspace.update())

    assert "New migration: crm/migrations/0002_" in result.stdout
    answers = yaml.safe_load((project / "crm/.copier-answers.yml").read_text(encoding="utf-8"))
    assert "_scaffold_migration_pending" not in answers
    assert answers["_commit"] == "v2"


def test_committed_conflict_markers_are_refused_before_anything_is_touched(
    workspace: Workspace,
) -> None:
    project = workspace.project
    test_file = project / "billing/tests/test_customer_api.py"
    text = test_file.read_text(encoding="utf-8")
    test_file.write_text(
        text + "\n<<<<<<< before updating\nOURS = 1\n=======\nTHEIRS = 2\n>>>>>>> after updating\n",
        encoding="utf-8",
    )
    commit_all(project, "Markers committed by mistake, in a file Django never imports")
    mark_docstring(workspace.template / "template/domain/services.py.jinja", V2)
    release(workspace.template, "v2")
    before = snapshot(workspace)

    result = workspace.update()

    assert result.returncode == 1
    assert result.stderr.startswith(
        "error: 1 tracked file(s) still hold conflict markers:\n"
        "  billing/tests/test_customer_api.py\n"
        "tip: resolve the <<<<<<< / ======= / >>>>>>> blocks, commit, and run the update again"
    ), result.stderr
    assert_untouched(workspace, before)
    assert (
        "1 unresolved conflict(s): billing/tests/test_customer_api.py"
        in (workspace.status()["billing"])
    )


def test_one_marker_line_alone_is_ordinary_text(workspace: Workspace) -> None:
    project = workspace.project
    (project / "NOTES.md").write_text("Git marks conflicts with lines like\n\n=======\n")
    commit_all(project, "Notes")
    mark_docstring(workspace.template / "template/domain/services.py.jinja", V2)
    release(workspace.template, "v2")

    ok(workspace.update())
