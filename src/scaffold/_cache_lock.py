"""One copier run at a time per installation: its mirror cache is refreshed and checked out.

Copier keeps a git mirror per template URL and refreshes it (``git remote update --prune``,
``git worktree add/prune``) on every render; two runs doing that at once fail on git's ref
locks ("cannot lock ref", "invalid reference"). Each installation has its own cache already
(``installation_cache_dir``); this lock makes two concurrent runs of one installation take
turns for the few seconds copier works, instead of cloning a private mirror per run (which
costs a full clone of the template's history each time, a network fetch for a remote fork).
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from scaffold._template import installation_cache_dir


@contextmanager
def copier_cache_lock() -> Iterator[None]:
    """Hold this installation's copier cache for the block (waiting, and saying so, if busy)."""
    directory = installation_cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(directory / "copier.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if _interactive():  # logs and captured output stay as they would be unblocked
                with suppress(OSError):
                    print(
                        "scaffold: waiting for another scaffold run to finish with the template",
                        file=sys.stderr,
                        flush=True,
                    )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock, as does the process ending


def _interactive() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
