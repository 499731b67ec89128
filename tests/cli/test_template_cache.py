"""Each installation of scaffold keeps its own copier mirror cache."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from scaffold import _cache_lock, _template
from scaffold._cache_lock import copier_cache_lock
from scaffold._render import _own_copier_cache


def test_copier_cache_is_this_installations_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPIER_CACHE_DIR", "/somewhere/shared")

    with _own_copier_cache():
        inside = os.environ["COPIER_CACHE_DIR"]

    assert inside == str(_template.installation_cache_dir() / "copier")
    assert os.environ["COPIER_CACHE_DIR"] == "/somewhere/shared"


def test_two_installations_get_two_caches(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    first = _template.installation_cache_dir()
    monkeypatch.setattr(_template, "PACKAGE_DIR", tmp_path / "other" / "scaffold")

    assert _template.installation_cache_dir() != first


HOLD_THE_LOCK = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_second_run_of_one_installation_waits_for_the_copier_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(_cache_lock, "_interactive", lambda: True)  # at a terminal
    lock = _template.installation_cache_dir() / "copier.lock"
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "held\n"
    acquired = threading.Event()

    def second_run() -> None:
        with copier_cache_lock():
            acquired.set()

    thread = threading.Thread(target=second_run)
    thread.start()
    assert not acquired.wait(0.5)
    holder.stdin.close()  # the first run ends
    holder.wait(timeout=10)
    assert acquired.wait(10)
    thread.join(timeout=10)
    assert "waiting for another scaffold run to finish" in capsys.readouterr().err
