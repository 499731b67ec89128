"""Merge conflicts: files holding conflict markers, and the unmerged entries copier records.

An update that leaves conflicts stops and lists them; the next one refuses to start while any
tracked file still holds markers (committed by mistake, they may sit in a file Django never
imports). Copier records each conflict in the index as unmerged stages, the way ``git merge``
does, and then refuses to update the next subproject (its ``git write-tree`` cannot write an
unmerged index): ``park_unmerged`` sets those entries aside until every subproject is merged.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaffold.errors import CommandFailedError, UserError

# A conflict is all three marker lines in one file: one of them alone is ordinary text.
_MARKERS = ("-e", "^<<<<<<< ", "-e", "^=======[[:space:]]*$", "-e", "^>>>>>>> ")
_NO_BLOB = "0" * 40

GIT_TIP = "fix what git says above (run `git status` in the project), then retry"


def files_with_markers(root: Path, *, untracked: bool = False) -> list[str]:
    """Text files under ``root`` holding conflict markers (tracked ones; optionally new ones)."""
    args = ["grep", "-l", "-z", "-I", "--all-match", *_MARKERS]
    if untracked:
        args.append("--untracked")
    result = _git(root, *args)
    if result.returncode == 1:  # no match
        return []
    if result.returncode != 0:
        raise CommandFailedError(
            f"`git grep` failed in {root}: {result.stderr.strip()}", hint=GIT_TIP
        )
    return sorted(name for name in result.stdout.split("\0") if name)


def refuse_committed_markers(root: Path) -> None:
    """Stop before an update when tracked files still hold conflict markers."""
    files = files_with_markers(root)
    if files:
        listing = "\n".join(f"  {name}" for name in files[:20])
        more = f"\n  ... and {len(files) - 20} more" if len(files) > 20 else ""
        raise UserError(
            f"{len(files)} tracked file(s) still hold conflict markers:\n{listing}{more}",
            hint="resolve the <<<<<<< / ======= / >>>>>>> blocks, commit, and run the update "
            "again (an update merged on top of markers would bury them)",
        )


def park_unmerged(root: Path) -> list[str]:
    """Take unmerged entries out of the index (their files keep the markers); return them."""
    root = _top(root)  # index records name paths from the top of the work tree
    records = [entry for entry in _git(root, "ls-files", "-u", "-z").stdout.split("\0") if entry]
    paths = list(dict.fromkeys(record.split("\t", 1)[1] for record in records))
    if paths:
        result = _git(root, "reset", "--quiet", "--", *paths)
        if result.returncode != 0:
            raise CommandFailedError(
                f"`git reset` failed in {root}: {result.stderr.strip()}", hint=GIT_TIP
            )
    return records


def restore_unmerged(root: Path, records: list[str]) -> None:
    """Put parked unmerged entries back, so `git status` shows the conflicts as copier left them."""
    if not records:
        return
    root = _top(root)
    paths = dict.fromkeys(record.split("\t", 1)[1] for record in records)
    lines = [f"0 {_NO_BLOB}\t{path}" for path in paths] + records
    result = subprocess.run(
        ["git", "update-index", "-z", "--index-info"],
        cwd=root,
        input="\0".join(lines) + "\0",
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandFailedError(
            f"`git update-index` failed in {root}: {result.stderr.strip()}", hint=GIT_TIP
        )


def _top(root: Path) -> Path:
    top = _git(root, "rev-parse", "--show-toplevel").stdout.strip()
    return Path(top) if top else root


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
