"""The one mechanism behind every command's rollback: signals, shielded restores, children."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scaffold._interrupts import Interrupted, all_or_nothing, signals_interrupt


def signal_self(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(1)  # the handler runs (and raises) at the next bytecode; never waits this long


@pytest.mark.parametrize(
    ("signum", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_each_signal_raises_interrupted_with_its_shell_exit_code(
    signum: int, exit_code: int
) -> None:
    before = signal.getsignal(signum)

    with pytest.raises(Interrupted) as interrupted, signals_interrupt():
        signal_self(signum)

    assert interrupted.value.exit_code == exit_code
    assert signal.getsignal(signum) == before  # the handlers are put back afterwards


def test_a_signal_during_the_restore_waits_for_it_to_finish() -> None:
    steps: list[str] = []

    def restore() -> None:
        steps.append("settings restored")
        signal_self(signal.SIGINT)  # a second Ctrl-C, half-way through putting things back
        steps.append("domain removed")

    with pytest.raises(Interrupted) as interrupted, signals_interrupt(), all_or_nothing(restore):
        signal_self(signal.SIGTERM)

    assert steps == ["settings restored", "domain removed"]
    assert interrupted.value.signum == signal.SIGTERM  # the first signal is the one reported


def test_a_failure_is_restored_and_reraised_as_it_was() -> None:
    restored = []

    with pytest.raises(ValueError, match="boom"), all_or_nothing(lambda: restored.append(1)):
        raise ValueError("boom")

    assert restored == [1]


def test_a_plain_keyboard_interrupt_becomes_interrupted_after_the_restore() -> None:
    restored = []

    with pytest.raises(Interrupted) as interrupted, all_or_nothing(lambda: restored.append(1)):
        raise KeyboardInterrupt

    assert restored == [1]
    assert interrupted.value.exit_code == 130


def test_kept_exceptions_leave_the_tree_alone() -> None:
    restored = []

    kept = all_or_nothing(lambda: restored.append(1), keep=(LookupError,))
    with pytest.raises(LookupError), kept:
        raise LookupError

    assert restored == []


def test_a_signal_after_the_block_says_the_changes_were_kept() -> None:
    with pytest.raises(Interrupted) as interrupted, signals_interrupt():
        with all_or_nothing(lambda: None):
            pass
        signal_self(signal.SIGTERM)

    assert interrupted.value.after_changes


STOPPER = """
import subprocess, sys, time
from scaffold._interrupts import stop_children
shell = subprocess.Popen(["sh", "-c", "sleep 60; echo never"])
time.sleep(0.3)
found = subprocess.run(
    ["ps", "-o", "pid=", "--ppid", str(shell.pid)], capture_output=True, text=True
)
print(found.stdout.strip(), flush=True)
stop_children()
print(shell.wait(timeout=5), flush=True)
"""


def test_stop_children_reaches_grandchildren_too() -> None:
    # `sh -c` runs sleep as its child: killing only the shell would orphan the sleep.
    # In a process of its own: stop_children stops every child of the process that calls it.
    result = subprocess.run([sys.executable, "-c", STOPPER], capture_output=True, text=True)
    grandchild, shell_status = result.stdout.split()

    assert int(shell_status) != 0
    deadline = time.monotonic() + 5
    while Path(f"/proc/{grandchild}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # reparented to init once the shell died, and reaped there
    assert not Path(f"/proc/{grandchild}").exists() or "Z" in state_of(grandchild)


def state_of(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "gone"
