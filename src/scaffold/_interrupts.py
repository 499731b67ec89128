"""Ctrl-C, SIGTERM and SIGHUP stop a command the same way, and never half-way through undoing it.

While a command runs (``cli.main``), the three signals raise ``Interrupted`` in the main thread,
so each command's ``all_or_nothing`` rollback runs for a cancelled CI job, ``timeout`` or a
closed terminal exactly as it does for Ctrl-C. The first signal is the one that counts: any later
one is only noted, and a rollback runs shielded, so a second Ctrl-C cannot leave a half-deleted
domain still wired into settings. Before restoring, whatever the command started (git, ruff,
``manage.py``) is stopped, so nothing writes into the tree after it was put back.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_STOP_GRACE = 3.0  # seconds a stopped child gets to exit (git removes its locks) before SIGKILL
_PROC = Path("/proc")


class Interrupted(BaseException):
    """A signal asked the command to stop (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int, *, after_changes: bool = False) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.after_changes = after_changes  # the command's changes were complete and kept

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as shells report a process a signal ended (Ctrl-C: 130)."""
        return 128 + self.signum


class _State:
    interrupted: Interrupted | None = None  # the first signal, once it arrived
    shields = 0  # how many shielded blocks are running
    noted = 0  # signals received, all told
    told_to_wait = False
    kept = False  # a command's all-or-nothing block finished: a signal now undoes nothing


_state = _State()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _state.noted += 1
    if _state.interrupted is None and not _state.shields:
        _state.interrupted = Interrupted(signum, after_changes=_state.kept)
        # Now, while the process tree is whole: once the exception unwinds, subprocess kills
        # only its direct child, and a grandchild (a task's command under `sh -c`) would be
        # orphaned, out of reach, and go on writing into the tree after it was restored.
        with suppress(OSError):  # the rollback stops them again; the interrupt must go on
            stop_children()
        raise _state.interrupted
    if not _state.told_to_wait:
        _state.told_to_wait = True
        with suppress(OSError):  # a closed terminal (SIGHUP) cannot be written to
            print("scaffold: putting the tree back; please wait", file=sys.stderr, flush=True)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _handlers(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    if not _in_main_thread():  # Python delivers signals to the main thread only
        yield
        return
    previous = {signum: signal.signal(signum, handler) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP raise ``Interrupted``."""
    with _handlers(_on_signal):
        try:
            yield
        finally:
            _state.interrupted = None
            _state.told_to_wait = False
            _state.kept = False


@contextmanager
def shielded() -> Iterator[None]:
    """Signals that arrive while the block runs are noted, not raised."""
    _state.shields += 1
    try:
        with _handlers(_on_signal):
            yield
    finally:
        _state.shields -= 1


@contextmanager
def all_or_nothing(
    restore: Callable[[], None], *, keep: tuple[type[BaseException], ...] = ()
) -> Iterator[None]:
    """Run the block; when anything in it fails or a signal stops it, ``restore`` (shielded).

    ``restore`` must be idempotent: when a signal slips in before the shield is up, it starts
    over. The exception that stopped the block is re-raised once the tree is back (a plain
    KeyboardInterrupt as ``Interrupted``); those in ``keep`` leave the tree as it is.
    """
    try:
        yield
        _state.kept = True
    except keep:
        raise
    except BaseException as error:
        interrupted = isinstance(error, Interrupted | KeyboardInterrupt)
        while True:
            try:
                with shielded():
                    if interrupted:
                        stop_children()
                    restore()
                break
            except (Interrupted, KeyboardInterrupt):
                interrupted = True  # arrived before the shield went up: restore all the same
        if isinstance(error, KeyboardInterrupt):
            raise Interrupted(signal.SIGINT) from error
        raise


def stop_children() -> None:
    """Stop every process this one started, and theirs (a signal may have reached only us)."""
    pids = _descendants(os.getpid())
    for pid in pids:
        with suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + _STOP_GRACE
    while (alive := [pid for pid in pids if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.01)
    for pid in alive:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 1.0
    while any(_alive(pid) for pid in alive) and time.monotonic() < deadline:
        time.sleep(0.01)


def _parents() -> dict[int, int]:
    """Every process's parent: from /proc on Linux, else from ps."""
    parents = {}
    if _has_proc():
        for entry in _PROC.iterdir():
            if entry.name.isdigit():
                with suppress(OSError, ValueError, IndexError):
                    stat = (entry / "stat").read_text()
                    # "pid (comm) state ppid ...": comm may hold spaces and parentheses
                    parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        return parents
    import subprocess

    listing = subprocess.run(
        ["ps", "-A", "-o", "pid=", "-o", "ppid="], capture_output=True, text=True, check=False
    ).stdout
    for line in listing.splitlines():
        with suppress(ValueError):
            pid, ppid = map(int, line.split())
            parents[pid] = ppid
    return parents


def _has_proc() -> bool:
    return (_PROC / "self" / "stat").is_file()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting to be reaped has finished)."""
    if _has_proc():
        try:
            return (_PROC / str(pid) / "stat").read_text().rpartition(")")[2].split()[0] != "Z"
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


PAUSE_VARIABLE = "SCAFFOLD_TEST_PAUSE"  # comma-separated names of points to pause at
PAUSE_DIR_VARIABLE = "SCAFFOLD_TEST_PAUSE_DIR"  # where a file named after the point appears


def pause_point(name: str) -> None:
    """A test hook: with ``SCAFFOLD_TEST_PAUSE`` naming this point, wait here for a signal.

    The file ``$SCAFFOLD_TEST_PAUSE_DIR/<name>`` (holding this process's id) tells the test
    that the command reached the point, so signals are sent at a known place, not after a
    sleep. Unset (always, outside tests), this costs one dictionary lookup.
    """
    wanted = os.environ.get(PAUSE_VARIABLE)
    if not wanted or name not in wanted.split(","):
        return
    directory = Path(os.environ.get(PAUSE_DIR_VARIABLE, "."))
    seen = _state.noted
    (directory / name).write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + 60
    while _state.noted == seen and time.monotonic() < deadline:
        time.sleep(0.005)  # a signal raises out of here, or (shielded) is noted and we go on
