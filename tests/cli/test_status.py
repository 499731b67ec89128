"""`scaffold status` reports every problem in its row and never stops with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Outcome, scaffold

SPEC = """domain: crm
description: "Contacts \\ud800 with a lone surrogate"
models:
  Contact:
    scope: tenant
    display: name
    fields:
      name: {type: string, max_length: 100}
    read: [id, name]
    write: [name]
    roles: {list: member}
"""


def add_domain_answers(project: Path, name: str = "crm", spec: str = "specs/crm.yaml") -> Path:
    """A domain as status sees one: a folder with an answers file (rendering is not needed)."""
    project_answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    commit = next(line for line in project_answers.splitlines() if line.startswith("_commit:"))
    folder = project / name
    folder.mkdir()
    answers = folder / ".copier-answers.yml"
    answers.write_text(
        f"{commit}\n_src_path: git+scaffold://template\ntemplate_kind: domain\n"
        f"spec_path: {spec}\nspec: {{}}\n",
        encoding="utf-8",
    )
    return answers


def rows(outcome: Outcome) -> dict[str, str]:
    assert outcome.exit_code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr
    return {line.split()[0]: line for line in outcome.stdout.splitlines() if line.strip()}


def test_a_spec_holding_a_lone_surrogate_is_shown_not_crashed_on(project: Path) -> None:
    answers = add_domain_answers(project)
    (project / "specs/crm.yaml").write_text(SPEC, encoding="utf-8")
    # What new-domain records for such a spec: an escape libyaml cannot read back.
    answers.write_text(
        answers.read_text(encoding="utf-8").replace(
            "spec: {}", 'spec:\n  description: "Contacts \\uD800 with a lone surrogate"'
        ),
        encoding="utf-8",
    )

    status = rows(scaffold("status", "--project", str(project)))

    assert "answers file unreadable:" in status["crm"]
    assert "cannot be read" in status["crm"]
    assert "up to date" in status["project"]


def test_a_missing_or_broken_answers_file_is_that_rows_problem(project: Path) -> None:
    add_domain_answers(project, "crm")
    (add_domain_answers(project, "shop")).write_text("_commit: [unclosed\n", encoding="utf-8")
    (project / ".copier-answers.yml").unlink()

    status = rows(scaffold("status", "--project", str(project)))

    assert status["project"].startswith("project              unknown")
    assert "answers file unreadable:" in status["project"]
    assert ".copier-answers.yml is missing" in status["project"]
    assert "answers file unreadable:" in status["shop"]
    assert "spec specs/crm.yaml is missing" in status["crm"]


def test_a_recorded_version_unknown_to_the_template_is_said_so(project: Path) -> None:
    answers = add_domain_answers(project)
    text = answers.read_text(encoding="utf-8").splitlines()
    answers.write_text("\n".join(["_commit: v99.0.0", *text[1:]]) + "\n", encoding="utf-8")

    status = rows(scaffold("status", "--project", str(project)))

    assert "version unknown: v99.0.0 is not in the template's history" in status["crm"]


@pytest.mark.parametrize(
    "url",
    ["git+file:///nonexistent/fork", "https://127.0.0.1:9/fork.git", "git@127.0.0.1:fork.git"],
)
def test_an_unreachable_template_is_reported_in_its_row(project: Path, url: str) -> None:
    answers = project / ".copier-answers.yml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(
        text.replace("_src_path: git+scaffold://template", f"_src_path: {url}"), encoding="utf-8"
    )

    status = rows(scaffold("status", "--project", str(project)))

    assert "version unknown: the template recorded for project" in status["project"], status
