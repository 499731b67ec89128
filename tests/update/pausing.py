"""Run scaffold so that it stops at a named point and waits there for the test's signal.

Points inside scaffold are ``_interrupts.pause_point`` calls ("rendered", "merged:<part>",
"restoring"). Points inside the processes scaffold starts are shims this module writes:

- ``makemigrations``: the Django process that plans and writes the migrations (scaffold's
  worker, or ``manage.py makemigrations``; a ``sitecustomize`` on PYTHONPATH pauses it as it
  starts); ``makemigrations-with-database`` first opens ``db.sqlite3``, as Django does on
  SQLite, before it pauses;
- ``ruff-task``: the template's ruff task that copier runs after rendering a domain;
- ``git-apply``: the ``git apply`` with which copier merges an update into the tree (a ``git``
  wrapper first on PATH).

Each point pauses once (the first time it is reached) and leaves a file named after it,
holding the pausing process's id, so signals are sent at a known place instead of after a sleep.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

SITECUSTOMIZE = '''"""Test shim: pause a process scaffold started, at the point the test names."""
import os
import sys
import time
from pathlib import Path

def _points():
    argv = sys.orig_argv
    worker = argv[1:3] == ["-m", "scaffold_worker"]  # plans and writes the migrations
    if worker or ("makemigrations" in argv and any(arg.endswith("manage.py") for arg in argv)):
        return ["makemigrations", "makemigrations-with-database"]
    if argv[1:3] == ["-m", "ruff"] and "--isolated" in argv:
        return ["ruff-task"]
    return []

_wanted = os.environ.get("SCAFFOLD_TEST_PAUSE", "").split(",")
for _name in [point for point in _points() if point in _wanted][:1]:
    _marker = Path(os.environ["SCAFFOLD_TEST_PAUSE_DIR"]) / _name
    try:
        _fd = os.open(_marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        break  # paused once already
    if _name == "makemigrations-with-database":
        import sqlite3  # what makemigrations does first on SQLite: open (so create) the database

        sqlite3.connect("db.sqlite3").close()
    os.write(_fd, str(os.getpid()).encode())
    os.close(_fd)
    time.sleep(3600)  # until a signal ends it: the test gives up long before
'''

GIT_WRAPPER = """#!/bin/sh
# Test shim: pause copier's `git apply` at the point the test names, then behave as git.
case ",$SCAFFOLD_TEST_PAUSE," in
  *,git-apply,*)
    for arg in "$@"; do
      if [ "$arg" = apply ] && [ ! -e "$SCAFFOLD_TEST_PAUSE_DIR/git-apply" ]; then
        echo $$ > "$SCAFFOLD_TEST_PAUSE_DIR/git-apply"
        exec sleep 3600
      fi
    done
    ;;
esac
exec {git} "$@"
"""


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    survivors: list[str]  # points whose paused process was still running after scaffold exited


class PausedRun:
    """One ``python -m scaffold ...`` in a session of its own (like a job at a terminal)."""

    def __init__(self, args: list[str], cwd: Path, points: list[str], scratch: Path) -> None:
        self.markers = scratch / "pauses"
        self.markers.mkdir(parents=True)
        shims = _write_shims(scratch / "shims")
        env = {
            **os.environ,
            "PATH": f"{shims / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": os.pathsep.join(
                [str(shims / "python"), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            "SCAFFOLD_TEST_PAUSE": ",".join(points),
            "SCAFFOLD_TEST_PAUSE_DIR": str(self.markers),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scaffold", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a terminal gives a job
        )
        self.paused: dict[str, int] = {}

    def wait_for(self, point: str, timeout: float = 300) -> int:
        """Block until the run pauses at ``point``; return the id of the process pausing."""
        marker = self.markers / point
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.is_file() and (text := marker.read_text().strip()):
                self.paused[point] = int(text)
                return self.paused[point]
            if self.process.poll() is not None:
                _, err = self.process.communicate()
                raise AssertionError(f"exited {self.process.returncode} before {point}:\n{err}")
            time.sleep(0.02)
        self.process.kill()
        raise AssertionError(f"never reached {point}")

    def send(self, signum: int, *, to_group: bool) -> None:
        """The signal to scaffold alone (``kill``, ``timeout``) or to its whole job (Ctrl-C)."""
        if to_group:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)

    def finish(self, timeout: float = 300) -> Finished:
        """Wait for scaffold to exit; note paused processes that outlived it (then end them)."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            _, err = self.process.communicate()
            raise AssertionError(f"still running after {timeout} s:\n{err}") from None
        survivors = [point for point, pid in self.paused.items() if alive(pid)]
        if survivors:  # they hold the output pipes open
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        out, err = self.process.communicate(timeout=60)
        return Finished(self.process.returncode, out, err, survivors)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.is_file() and stat.read_text().rpartition(")")[2].split()[0] == "Z")


def _write_shims(root: Path) -> Path:
    (root / "python").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "python" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    git = root / "bin" / "git"
    real_git = shutil.which("git")
    assert real_git, "git is needed"
    git.write_text(GIT_WRAPPER.format(git=real_git), encoding="utf-8")
    git.chmod(0o755)
    return root
