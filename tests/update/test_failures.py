"""An update that fails part way leaves the project exactly as it was, commits included."""

from __future__ import annotations

import pytest

from tests.update.conftest import (
    Workspace,
    assert_untouched,
    commit_all,
    mark_docstring,
    release,
    release_v2_of_project_and_domains,
    replace,
    snapshot,
)

pytestmark = pytest.mark.e2e


def test_a_spec_error_is_reported_and_nothing_is_written(workspace: Workspace) -> None:
    project = workspace.project
    replace(project / "specs/billing.yaml", r"(?<=amount: \{type: )decimal", "money")
    commit_all(project, "A typo in the spec")
    release_v2_of_project_and_domains(workspace)
    before = snapshot(workspace)

    result = workspace.update()

    assert result.returncode == 1
    assert "error: invalid spec" in result.stderr
    assert "specs/billing.yaml" in result.stderr
    assert "unknown type 'money'" in result.stderr
    assert_untouched(workspace, before)


def test_a_required_field_without_a_backfill_is_refused_after_the_merge_and_nothing_is_kept(
    workspace: Workspace,
) -> None:
    project = workspace.project
    spec = project / "specs/billing.yaml"
    # A required field without a default on a model that already has a table: the migration
    # needs a one-off value, which only the plan (after the domain was re-rendered) finds out.
    replace(
        spec,
        r"^( +)notes: \{type: text.*$",
        lambda match: match.group(0) + f"\n{match.group(1)}code: {{type: string, max_length: 10}}",
    )
    replace(spec, r"^( +)write: \[name, email, notes\]$", "    write: [name, email, notes, code]")
    commit_all(project, "Customers get a required code")
    release_v2_of_project_and_domains(workspace)
    (project / "db.sqlite3").unlink(missing_ok=True)  # the update must not create it either
    before = snapshot(workspace)

    result = workspace.update()

    assert result.returncode == 1
    assert "==> At models.Customer.fields.code" in result.stderr
    assert "field 'code' is new and required: existing Customer rows" in result.stderr
    assert "tip: add `backfill: <value>` to it" in result.stderr
    assert_untouched(workspace, before)
    assert not (project / "db.sqlite3").exists()


def test_a_template_error_part_way_restores_the_tree_exactly(workspace: Workspace) -> None:
    template = workspace.template
    # The project renders fine and is updated first; then the domain template fails to parse.
    mark_docstring(template / "template/project/core/pagination.py", "(template v2)")
    views = template / "template/domain/views.py.jinja"
    lines = views.read_text(encoding="utf-8").splitlines(keepends=True)
    views.write_text("".join([lines[0], "{% if %}\n", *lines[1:]]), encoding="utf-8")
    release(template, "v2")
    before = snapshot(workspace)

    result = workspace.update()

    assert result.returncode != 0
    assert "TemplateSyntaxError" in result.stderr or "template" in result.stderr
    assert_untouched(workspace, before)


def test_a_project_django_cannot_start_restores_the_tree_exactly(workspace: Workspace) -> None:
    template = workspace.template
    # The project and the domain render fine; then Django cannot import the new models.
    mark_docstring(template / "template/project/core/pagination.py", "(template v2)")
    models = template / "template/domain/models.py.jinja"
    lines = models.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = 'raise RuntimeError("models of template v2 cannot be imported")\n'
    models.write_text("".join([lines[0], broken, *lines[1:]]), encoding="utf-8")
    release(template, "v2")
    before = snapshot(workspace)

    result = workspace.update()

    assert result.returncode == 1
    assert "Django could not start with the project's settings and models" in result.stderr
    assert "models of template v2 cannot be imported" in result.stderr
    assert_untouched(workspace, before)
