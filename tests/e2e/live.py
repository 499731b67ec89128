"""A generated project served on the loopback interface, for tests that call it over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.conftest import project_python, run

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def manage(project: Path, env: dict[str, str | None], *args: str) -> str:
    result = run("python", "manage.py", *args, cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextmanager
def serving(project: Path, env: dict[str, str | None], log: Path) -> Iterator[str]:
    """Run `manage.py runserver` on a free loopback port; yield its base URL; stop it."""
    port = free_port()
    merged = {**os.environ, **{k: v for k, v in env.items() if v is not None}}
    for key in (k for k, v in env.items() if v is None):
        merged.pop(key, None)
    with log.open("w") as out:
        server = subprocess.Popen(
            [project_python(project), "manage.py", "runserver", f"{LOOPBACK}:{port}", "--noreload"],
            cwd=project,
            env=merged,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://{LOOPBACK}:{port}"
    try:
        _wait_until_up(base, server, log)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped:\n{log.read_text()}")
        try:
            urllib.request.urlopen(f"{base}/api/me/", timeout=2)
        except urllib.error.HTTPError:
            return  # it answers (401 without a token)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the server did not start:\n{log.read_text()}")
