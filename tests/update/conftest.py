"""A template repository with releases, a project generated from it, and helpers to drive both.

The template repository is a git copy of this checkout's ``copier.yml`` and ``template/``,
tagged ``v1``. The project (billing + a small crm domain) is generated from it once per package;
each test gets its own copy of both, so releasing ``v2`` or editing the project stays local.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.conftest import database_params

if TYPE_CHECKING:
    from tests.update.rows import Rows

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
CRM = Path(__file__).parent / "data" / "crm.yaml"
IDENTITY = ("-c", "user.name=t", "-c", "user.email=t@t")
# Left behind by tools and ignored by the project's .gitignore: not part of what a command wrote.
CACHES = {".git", ".ruff_cache", "__pycache__", ".pytest_cache"}


def scaffold(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m scaffold ARGS`` in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def without_progress(stderr: str) -> str:
    """What a command printed on stderr besides its progress lines ("Reading the specs...")."""
    return "".join(line for line in stderr.splitlines(keepends=True) if not line.endswith("...\n"))


def replace(path: Path, pattern: str, new: str | Callable[[re.Match[str]], str]) -> None:
    """Replace the first match of ``pattern`` (multiline regex) with ``new``, taken literally."""
    text = path.read_text(encoding="utf-8")
    replacement = new if callable(new) else lambda _: new
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{path} no longer matches {pattern!r}; update this test's anchor"
    path.write_text(changed, encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def mark_docstring(path: Path, mark: str) -> str:
    """Append ``mark`` to the one-line module docstring on line 1; return the new line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[0].rstrip("\n")
    assert first.startswith('"""') and first.endswith('."""'), f"{path}: {first!r}"
    lines[0] = first.removesuffix('."""') + f' {mark}."""\n'
    path.write_text("".join(lines), encoding="utf-8")
    return lines[0].rstrip("\n")


def release(template: Path, version: str) -> None:
    """Commit the template repository's working tree and tag it ``version``."""
    commit_all(template, f"Release {version}")
    git(template, "tag", version)


def tree_hash(root: Path) -> str:
    """A digest of every file's path and bytes outside .git and tool caches."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if CACHES.intersection(relative.parts) or not path.is_file():
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def snapshot(workspace: Workspace) -> tuple[str, str, str]:
    """The project's commit, its git status and the digest of every file."""
    project = workspace.project
    status = git(project, "status", "--porcelain", "--untracked-files=all")
    return git(project, "rev-parse", "HEAD"), status, tree_hash(project)


def assert_untouched(workspace: Workspace, before: tuple[str, str, str]) -> None:
    """Same commit, same git status, every file byte for byte (tool caches aside)."""
    assert snapshot(workspace) == before


def give_contacts_a_city(project: Path) -> None:
    """A spec change to crm that needs a migration: an optional ``city`` field."""
    replace(
        project / "specs/crm.yaml",
        r"^( +)phone: .*$",
        lambda match: (
            match.group(0) + f"\n{match.group(1)}city: "
            '{type: string, max_length: 60, required: false, default: ""}'
        ),
    )


def release_v2_of_project_and_domains(workspace: Workspace) -> None:
    """A release that touches the project first, so a later failure has something to undo."""
    mark_docstring(workspace.template / "template/project/core/pagination.py", "(template v2)")
    mark_docstring(workspace.template / "template/domain/services.py.jinja", "(template v2)")
    release(workspace.template, "v2")


def run_suite(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """The generated project's own tests for ``targets``, with this interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def ordered(value: Any) -> Any:
    """The value with every mapping turned into its list of items, so order counts."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [ordered(item) for item in value]
    return value


def status_rows(output: str) -> dict[str, str]:
    """`scaffold status` lines by their first word (project or a domain)."""
    return {line.split()[0]: line for line in output.splitlines() if line.strip()}


@dataclass(frozen=True)
class Workspace:
    """One test's own template repository and project; ``recorded`` is what the answers name."""

    root: Path
    template: Path
    project: Path
    recorded: Path

    def update(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return scaffold("update", *args, "--template", str(self.template), cwd=cwd or self.project)

    def status(self) -> dict[str, str]:
        result = ok(scaffold("status", "--template", str(self.template), cwd=self.project))
        return status_rows(result.stdout)


def make_template_repo(dest: Path) -> Path:
    """A git repository holding this checkout's template, tagged v1."""
    dest.mkdir()
    shutil.copy2(REPO / "copier.yml", dest / "copier.yml")
    shutil.copytree(REPO / "template", dest / "template", ignore=shutil.ignore_patterns(*CACHES))
    git(dest, "init", "--quiet", "--initial-branch=main")
    release(dest, "v1")
    return dest


def make_checkout(dest: Path) -> Path:
    """A committed copy of this scaffold checkout (run it through PYTHONPATH), tagged v1.

    The real checkout may hold other people's uncommitted template edits, and scaffold then
    (by design) records the checkout's path; a clean copy makes the bundled case deterministic.
    Each copy is an installation of its own (its own copier cache).
    """
    ignore = shutil.ignore_patterns(*CACHES)
    shutil.copytree(REPO / "src", dest / "src", ignore=ignore)
    shutil.copytree(REPO / "template", dest / "template", ignore=ignore)
    shutil.copy2(REPO / "copier.yml", dest / "copier.yml")
    git(dest, "init", "--quiet", "--initial-branch=main")
    release(dest, "v1")
    return dest


def make_project(root: Path, template: Path, *specs: Path) -> Path:
    """``new-project acme`` and ``new-domain`` per spec from ``template``, committed."""
    ok(scaffold("new-project", "acme", "--no-install", "--template", str(template), cwd=root))
    project = root / "acme"
    for spec in specs:
        ok(scaffold("new-domain", str(spec), "--template", str(template), cwd=project))
    commit_all(project, "Domains")
    return project


@dataclass(frozen=True)
class Base:
    template: Path
    project: Path


@pytest.fixture(scope="package")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Base]:
    """Generated once for the package: template v1 and a project with billing and crm."""
    root = tmp_path_factory.mktemp("update-base")
    template = make_template_repo(root / "template-repo")
    yield Base(template, make_project(root, template, BILLING, CRM))
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def workspace(base: Base, tmp_path: Path) -> Workspace:
    """This test's copies: still git repositories, independent of every other test."""
    template = tmp_path / "template"
    project = tmp_path / "acme"
    shutil.copytree(base.template, template, symlinks=True)
    shutil.copytree(base.project, project, symlinks=True)
    return Workspace(tmp_path, template, project, base.template)


@pytest.fixture(params=database_params())
def rows(request: pytest.FixtureRequest, workspace: Workspace) -> Iterator[Rows]:
    """The workspace's project with rows, on each database in turn (tests/update/rows.py)."""
    from tests.update.rows import open_rows

    yield from open_rows(workspace, request.param)


@pytest.fixture
def sqlite_rows(workspace: Workspace) -> Iterator[Rows]:
    """The same on SQLite only, the project's own db.sqlite3."""
    from tests.update.rows import open_rows

    yield from open_rows(workspace, "sqlite")
