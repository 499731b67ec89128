"""Installations of scaffold on one machine never interfere, and recorded versions stay tags.

Every installation records its bundled template under the same URL (git+scaffold://template),
so each keeps its own copier cache; two runs of one installation take turns with its cache.
An installation here is a committed copy of this checkout run through PYTHONPATH, all of them
sharing one user cache folder, as they would on a developer's machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.update.conftest import CRM, commit_all, make_checkout, mark_docstring, release

pytestmark = pytest.mark.e2e


class Installation:
    def __init__(self, root: Path, cache: Path) -> None:
        self.checkout = make_checkout(root)
        self.env = {**os.environ, "PYTHONPATH": str(root / "src"), "XDG_CACHE_HOME": str(cache)}

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return self.start(*args, cwd=cwd).communicate_all()

    def start(self, *args: str, cwd: Path) -> Running:
        return Running(
            subprocess.Popen(
                [sys.executable, "-m", "scaffold", *args],
                cwd=cwd,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )

    def project(self, root: Path) -> Path:
        root.mkdir()
        ok(self.run("new-project", "acme", "--no-install", cwd=root))
        project = root / "acme"
        ok(self.run("new-domain", str(CRM), cwd=project))
        commit_all(project, "crm")
        return project


class Running:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def communicate_all(self) -> subprocess.CompletedProcess[str]:
        out, err = self.process.communicate(timeout=600)
        return subprocess.CompletedProcess(self.process.args, self.process.returncode, out, err)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def at_once(*runs: Running) -> list[subprocess.CompletedProcess[str]]:
    return [ok(run.communicate_all()) for run in runs]


def recorded(project: Path) -> dict[str, str]:
    return {
        str(file.relative_to(project)): yaml.safe_load(file.read_text(encoding="utf-8"))["_commit"]
        for file in sorted(project.glob("**/.copier-answers.yml"))
    }


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_two_runs_of_one_installation_update_at_once(tmp_path: Path) -> None:
    scaffold = Installation(tmp_path / "scaffold", tmp_path / "cache")
    first, second = scaffold.project(tmp_path / "one"), scaffold.project(tmp_path / "two")
    mark_docstring(scaffold.checkout / "template/domain/services.py.jinja", "(template v2)")
    release(scaffold.checkout, "v2")

    at_once(scaffold.start("update", cwd=first), scaffold.start("update", cwd=second))

    for project in (first, second):
        assert "(template v2)" in first_line(project / "crm/services.py")
        assert recorded(project) == {".copier-answers.yml": "v2", "crm/.copier-answers.yml": "v2"}
        commit_all(project, "Template v2")

    # A no-op update renders nothing and keeps the tags as they are.
    noop = at_once(scaffold.start("update", cwd=first), scaffold.start("update", cwd=second))

    for project, result in zip((first, second), noop, strict=True):
        assert "Already up to date." in result.stdout
        assert "Unchanged (same spec and template version): project, crm" in result.stdout
        assert recorded(project) == {".copier-answers.yml": "v2", "crm/.copier-answers.yml": "v2"}
        assert (
            subprocess.run(
                ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True
            ).stdout
            == ""
        )


def test_two_installations_with_different_histories_update_at_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"  # one user, one cache folder: each installation its own part
    ours, theirs = Installation(tmp_path / "ours", cache), Installation(tmp_path / "theirs", cache)
    ours_project, theirs_project = ours.project(tmp_path / "a"), theirs.project(tmp_path / "b")
    for installation, mark in ((ours, "(our v2)"), (theirs, "(their v2)")):
        mark_docstring(installation.checkout / "template/domain/services.py.jinja", mark)
        release(installation.checkout, "v2")

    at_once(ours.start("update", cwd=ours_project), theirs.start("update", cwd=theirs_project))

    assert "(our v2)" in first_line(ours_project / "crm/services.py")
    assert "(their v2)" in first_line(theirs_project / "crm/services.py")
    for project in (ours_project, theirs_project):
        assert recorded(project) == {".copier-answers.yml": "v2", "crm/.copier-answers.yml": "v2"}
    assert len([path for path in (cache / "scaffold").iterdir() if path.is_dir()]) == 2
