"""`scripts/release VERSION`: the package version, a commit, and an annotated tag vVERSION."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=_env()
    ).stdout


def _env() -> dict[str, str]:
    return {**os.environ, **IDENTITY}


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/release"), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose pyproject says 0.1.0, with nothing tagged yet."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "scaffold"\nversion = "0.1.0"\n')
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "Start")
    return tmp_path


def tags(repo: Path) -> list[str]:
    return git(repo, "tag", "--list").split()


def test_the_first_release_tags_the_version_pyproject_already_has(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")

    result = release(repo, "0.1.0")

    assert result.returncode == 0, result.stderr
    assert tags(repo) == ["v0.1.0"]
    assert git(repo, "rev-parse", "HEAD") == head  # nothing to bump, so no commit
    assert git(repo, "cat-file", "-t", "v0.1.0").strip() == "tag"  # annotated


def test_a_release_bumps_pyproject_commits_and_tags(repo: Path) -> None:
    assert release(repo, "0.1.0").returncode == 0

    result = release(repo, "v0.2.0")  # a leading v is accepted

    assert result.returncode == 0, result.stderr
    assert 'version = "0.2.0"' in (repo / "pyproject.toml").read_text()
    assert git(repo, "log", "-1", "--format=%s").strip() == "Release 0.2.0"
    assert git(repo, "rev-parse", "v0.2.0^{commit}") == git(repo, "rev-parse", "HEAD")
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("prepare", "version", "message"),
    [
        (None, "0.2", "usage: scripts/release MAJOR.MINOR.PATCH (e.g. 0.2.0)"),
        (None, "0.0.9", "pyproject.toml says 0.1.0 already, newer than 0.0.9"),
        ("tag", "0.1.0", "v0.1.0 exists already"),
        ("tag", "0.0.5", "v0.0.5 is not newer than v0.1.0"),
        ("dirty", "0.2.0", "the working tree has uncommitted changes"),
    ],
    ids=["not-a-version", "older-than-pyproject", "tag-exists", "older-than-a-tag", "dirty"],
)
def test_a_release_is_refused_and_changes_nothing(
    repo: Path, prepare: str | None, version: str, message: str
) -> None:
    if prepare == "tag":
        assert release(repo, "0.1.0").returncode == 0
    if prepare == "dirty":
        (repo / "notes.txt").write_text("not committed\n")
    head, before = git(repo, "rev-parse", "HEAD"), tags(repo)

    result = release(repo, version)

    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert tags(repo) == before
