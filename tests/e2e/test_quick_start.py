"""README's quick start, run verbatim, as on a fresh machine after README's two commands.

The block is read from README.md, so the test fails as soon as README and the tool disagree.
It runs with a home folder of its own (scaffold is installed there by `scripts/install`, the
project made in it) and without this checkout's .venv on PATH. The installed scaffold is a
wheel, which renders the template as committed: commit template changes before running this.
"""

from __future__ import annotations

import fcntl
import http.client
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
PORT = 8000  # runserver's default, as the quick start runs it
# Two checkouts on one machine take turns: both quick starts serve on port 8000.
PORT_LOCK = Path("/tmp/scaffold-quick-start-port-8000.lock")
TIMEOUT = 900


def quick_start_block() -> str:
    """The first console block under README's "## Quick start" heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"^```console\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert match, "README's Quick start section has no ```console block"
    return match.group(1)


def fresh_machine_environment(home: Path) -> dict[str, str]:
    """This machine's environment less what a fresh shell would not have."""
    venv_bin = str(REPO / ".venv" / "bin")
    path = os.pathsep.join(
        part for part in os.environ["PATH"].split(os.pathsep) if part != venv_bin
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "XDG_", "UV_", "PYTEST", "VIRTUAL_ENV", "SCAFFOLD_"))
        and key not in ("DATABASE_URL", "PYTHONPATH", "COPIER_CACHE_DIR")
    }
    # uv's download cache stays shared (nothing in it is configuration): only faster.
    cache = os.environ.get("UV_CACHE_DIR") or str(Path.home() / ".cache" / "uv")
    return {**env, "HOME": str(home), "PATH": path, "UV_CACHE_DIR": cache}


@pytest.fixture
def port_8000() -> Iterator[None]:
    with PORT_LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", PORT)) == 0:
                pytest.fail(f"port {PORT} is taken; the quick start's runserver needs it")
        yield


def answers(path: str) -> http.client.HTTPResponse | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response
    except OSError:
        return None


def test_readme_quick_start_runs_as_written(tmp_path: Path, port_8000: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "quick-start.log"
    script = "set -euo pipefail\n" + quick_start_block()
    with log.open("w") as output:
        process = subprocess.Popen(
            ["bash", "--noprofile", "--norc", "-c", script],
            cwd=REPO,
            env=fresh_machine_environment(home),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + TIMEOUT
        api = None
        while api is None:
            if process.poll() is not None:
                pytest.fail(f"the quick start stopped (exit {process.returncode}):\n{tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"no server on port {PORT} after {TIMEOUT} s:\n{tail(log)}")
            time.sleep(1)
            api = answers("/api/orgs/")
        admin = answers("/admin/login/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    assert (api.status, api.getheader("Content-Type")) == (401, "application/json")
    assert admin is not None and admin.status == 200
    output = log.read_text()
    assert " passed" in output  # the generated tests ran, and passed (set -e)
    assert (home / "acme" / "specs" / "billing.yaml").is_file()


def tail(log: Path, lines: int = 60) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
