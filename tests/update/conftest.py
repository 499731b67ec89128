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
from typing import Any

import pytest

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
