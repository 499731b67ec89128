"""Golden files: the domain rendered from data/notes.yaml, compared with data/notes/.

data/notes/files.txt lists every file of the render; ``<name>.golden`` there is the expected
content of models.py, serializers.py, views.py, services.py, selectors.py, permissions.py and
SECURITY.md (not ``.py``, so that linters and test collectors leave them alone).

After changing the templates or the context on purpose, regenerate them and review the diff
as you would review code (the golden files are what users get):

    SCAFFOLD_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
    git diff tests/golden/data
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from scaffold._context.build import build_domain
from scaffold._spec import read_spec
from tests.golden.rendering import generated_files, render

DATA = Path(__file__).parent / "data"
SPEC = DATA / "notes.yaml"
GOLDEN = DATA / "notes"
LISTING = GOLDEN / "files.txt"
COMPARED = ("models.py", "serializers.py", "views.py", "services.py", "selectors.py")
COMPARED += ("permissions.py", "SECURITY.md")
REGENERATE = os.environ.get("SCAFFOLD_REGENERATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield render(SPEC, tmp_path_factory.mktemp("golden"))


def check_golden(actual: str, golden: Path) -> None:
    """Compare with the golden file, or rewrite it when regenerating."""
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual)
        return
    expected = golden.read_text()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{golden.name}",
            tofile=f"rendered/{golden.name.removesuffix('.golden')}",
        )
        pytest.fail(
            "the render differs from its golden file; if that is intended, regenerate with "
            "SCAFFOLD_REGENERATE_GOLDEN=1 and review the diff:\n" + "".join(diff),
            pytrace=False,
        )


def test_render_writes_exactly_the_golden_list_of_files(rendered: Path) -> None:
    check_golden("".join(f"{name}\n" for name in generated_files(rendered)), LISTING)


@pytest.mark.parametrize("name", COMPARED)
def test_rendered_file_matches_its_golden_copy(rendered: Path, name: str) -> None:
    check_golden((rendered / name).read_text(), GOLDEN / f"{name}.golden")


def test_answers_file_keeps_the_spec_in_its_own_order(rendered: Path) -> None:
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())
    _, raw = read_spec(SPEC)

    assert answers["template_kind"] == "domain"
    assert answers["spec_path"] == "specs/notes.yaml"
    assert answers["spec"] == raw
    assert list(answers["spec"]["models"]) == ["Notebook", "Bookmark"]  # not sorted


def test_answers_file_holds_the_context_the_domain_was_rendered_from(rendered: Path) -> None:
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())
    spec, _ = read_spec(SPEC)

    assert answers["domain"] == build_domain(spec)


def test_answers_file_warns_against_editing_it(rendered: Path) -> None:
    head = (rendered / ".copier-answers.yml").read_text().splitlines()[:2]

    assert head == [
        "# Changes here will be overwritten by Copier; do not edit manually.",
        "# Update this domain with `scaffold update notes` after editing its spec.",
    ]


def test_rendered_python_is_ruff_clean_and_formatted(rendered: Path) -> None:
    # The settings of the template's own ruff tasks (copier.yml), plus pycodestyle.
    common = ["--isolated", "--no-cache", "--line-length=100", "--target-version=py311"]
    lint = subprocess.run(
        [
            *(sys.executable, "-m", "ruff", "check", *common, "--select=E,F,W,I"),
            "--config=lint.isort.force-single-line = true",
            '--config=lint.isort.known-first-party = ["accounts", "core", "notes", "tenancy"]',
            ".",
        ],
        cwd=rendered,
        capture_output=True,
        text=True,
        check=False,
    )
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", *common, "--check", "."],
        cwd=rendered,
        capture_output=True,
        text=True,
        check=False,
    )

    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_model_without_an_update_role_renders_without_update_endpoints(tmp_path: Path) -> None:
    spec = tmp_path / "feed.yaml"
    spec.write_text(
        "domain: feed\n"
        "models:\n"
        "  Post:\n"
        "    scope: tenant\n"
        "    fields: {body: string}\n"
        "    read: [id, body]\n"
        "    write: [body]\n"
        "    roles: {list: member, retrieve: member, create: admin}\n"
    )

    folder = render(spec, tmp_path)

    views = (folder / "views.py").read_text()
    assert "def create(" in views
    assert "def update(" not in views
    assert "def partial_update(" not in views
    assert '"partial_update"' not in (folder / "permissions.py").read_text()


def test_the_ruff_tasks_cover_exactly_the_python_files_the_template_writes(
    rendered: Path,
) -> None:
    """The tasks tidy only generated files; this keeps their list in step with the template."""
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())
    written = [name for name in generated_files(rendered) if name.endswith(".py")]

    assert sorted(answers["domain"]["generated_files"]) == written
