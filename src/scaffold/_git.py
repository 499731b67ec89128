"""The few git operations scaffold needs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaffold.errors import CommandFailedError, DirtyTreeError

# Used only when the user has no git identity, so the first commit never fails.
FALLBACK_IDENTITY = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandFailedError(
            f"`git {' '.join(args)}` failed: {result.stderr.strip()}",
            hint="fix what git says above (run `git status` in the project), then retry",
        )
    return result.stdout


def has_identity(root: Path) -> bool:
    result = subprocess.run(
        ["git", "config", "user.email"], cwd=root, capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


def init_and_commit(root: Path, message: str) -> None:
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    identity = () if has_identity(root) else FALLBACK_IDENTITY
    git(root, *identity, "commit", "--quiet", "--no-verify", "-m", message)


def is_repository(root: Path) -> bool:
    result = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, check=False
    )
    return result.returncode == 0


def ensure_clean(root: Path) -> None:
    """Refuse to touch a tree whose uncommitted edits could not be told apart from ours."""
    status = git(root, "status", "--porcelain")
    if status.strip():
        files = "\n".join(f"  {line}" for line in status.splitlines()[:10])
        raise DirtyTreeError(
            f"{root} has uncommitted changes:\n{files}",
            hint="commit or stash them first, so the update can be reviewed and undone",
        )
