"""Putting a project back exactly as a command found it, after a failure or an interrupt.

Used through ``_interrupts.all_or_nothing``, which runs these shielded from signals. Each
rollback restores the files that wire code in (settings, URLs) before it deletes anything, and
removes what tools left at the project's top level during the run (``db.sqlite3``, which
Django's ``makemigrations`` creates on SQLite, is ignored by git, so ``git clean`` keeps it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from scaffold._interrupts import pause_point
from scaffold.errors import RestoreFailedError


class Undo:
    """Files a command is about to edit and paths it creates, for a tree git cannot restore.

    When ``root`` does not exist yet, rolling back removes it (and the folders above it that
    did not exist either); otherwise what appeared at its top level during the run goes, and
    the saved files get their bytes back.
    """

    def __init__(self, root: Path, edits: Iterable[Path] = ()) -> None:
        self.root = root
        self.entries = _entries(root)
        self.saved = {path: path.read_bytes() for path in edits}
        self.paths_created: list[Path] = []
        self.topmost_new = root.absolute()
        while not self.topmost_new.parent.exists():
            self.topmost_new = self.topmost_new.parent

    def created(self, path: Path) -> None:
        """Note that ``path`` is about to be created (nothing is noted when it exists)."""
        if not path.exists() and path not in self.paths_created:
            self.paths_created.append(path)

    def written(self) -> list[str]:
        """Every file created or changed so far, relative to ``root`` (caches aside)."""
        files = []
        for path in self.paths_created:
            found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            files += [str(p.relative_to(self.root)) for p in found if "__pycache__" not in p.parts]
        for path, content in self.saved.items():
            if not path.is_file() or path.read_bytes() != content:
                files.append(str(path.relative_to(self.root)))
        return sorted(dict.fromkeys(files))

    def rollback(self) -> None:
        # Wiring first: settings never name an app whose folder is already gone.
        for path, content in self.saved.items():
            if not path.is_file() or path.read_bytes() != content:
                path.write_bytes(content)
        pause_point("restoring")
        for path in reversed(self.paths_created):
            _remove(path)
        if self.entries is None:
            _remove(self.topmost_new)
        else:
            _remove_new_entries(self.root, self.entries)


class GitUndo:
    """A git work tree that was clean when the command started: reset, clean, and tidy up."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries = _entries(root) or set()
        git_dir = _git(root, "rev-parse", "--absolute-git-dir").stdout.strip()
        self.index_lock = Path(git_dir) / "index.lock" if git_dir else None
        self.lock_existed = bool(self.index_lock and self.index_lock.exists())

    def rollback(self) -> None:
        if self.index_lock and not self.lock_existed:
            # A git process stopped by SIGKILL leaves its lock; every child is gone by now.
            self.index_lock.unlink(missing_ok=True)
        self._run("reset", "--quiet", "--hard", "HEAD")
        pause_point("restoring")
        self._run("clean", "--quiet", "-fd")
        _remove_new_entries(self.root, self.entries)

    def _run(self, *args: str) -> None:
        result = _git(self.root, *args)
        if result.returncode != 0:
            raise RestoreFailedError(
                f"could not restore {self.root}: `git {' '.join(args)}` failed: "
                f"{result.stderr.strip()}",
                hint=f"run `git -C {self.root} reset --hard HEAD && git -C {self.root} clean -fd` "
                "to drop the half-made changes",
            )


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A process group of its own: a second Ctrl-C at the terminal reaches the whole foreground
    # group, and must not stop the git that is putting the tree back.
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False, process_group=0
    )


def _entries(root: Path) -> set[str] | None:
    return set(os.listdir(root)) if root.is_dir() else None


def _remove_new_entries(root: Path, before: set[str]) -> None:
    for name in set(os.listdir(root)) - before:
        _remove(root / name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
