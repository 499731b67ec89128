"""The generated README's "First request" section, run verbatim against a generated project.

The commands name 127.0.0.1:8000, so they run in a network namespace of their own (`unshare
-n`, its loopback only): no other server on this machine can be in the way, and nothing leaves it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import share_environment

pytestmark = pytest.mark.e2e

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def first_request_blocks(readme: str) -> list[str]:
    """The console blocks of the "First request" section, in order."""
    section = readme.split("\n## First request\n", 1)[1].split("\n## ", 1)[0]
    return BLOCK.findall(section)


def namespace_available() -> bool:
    probe = (
        subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False)
        if shutil.which("unshare")
        else None
    )
    return probe is not None and probe.returncode == 0


def test_readme_has_a_server_block_and_a_request_block(generated_project: Path) -> None:
    server, requests = first_request_blocks((generated_project / "README.md").read_text())

    assert "runserver 127.0.0.1:8000" in server
    assert "create_user alice" in requests
    assert "$API/orgs/acme/billing/invoices/" in requests


def test_first_request_commands_work_verbatim(generated_project: Path, tmp_path: Path) -> None:
    if not namespace_available():
        if os.environ.get("SCAFFOLD_E2E_REQUIRE_ALL") == "1":
            pytest.fail("`unshare --net` is needed to run the README's commands on port 8000")
        pytest.skip("`unshare --net` is not available (needs root or user namespaces)")
    project = tmp_path / "acme"
    shutil.copytree(
        generated_project, project, ignore=shutil.ignore_patterns("db.sqlite3", ".venv")
    )
    share_environment(generated_project, project)
    server, requests = first_request_blocks((project / "README.md").read_text())
    migrate, runserver = server.strip().splitlines()
    script = "\n".join(
        [
            "set -euo pipefail",
            "ip link set lo up",
            migrate,
            f"{runserver} > server.log 2>&1 &",
            "for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:8000/ && break;"
            " sleep 0.3; done",
            requests,
        ]
    )
    # The project's environment activated, as its README's Set-up does.
    env = {**os.environ, "PATH": f"{project / '.venv' / 'bin'}:{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("DATABASE_URL", None)  # the README's commands use the embedded SQLite default
    env.pop("DJANGO_SETTINGS_MODULE", None)

    process = subprocess.Popen(
        ["unshare", "--net", "bash", "-c", script],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=300)
    finally:
        # The server the commands started in the background, and anything else left.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    server_log = (project / "server.log").read_text() if (project / "server.log").exists() else ""

    assert process.returncode == 0, f"{out}\n{err}\n{server_log[-3000:]}"
    assert '"slug":"acme"' in out and '"role":"owner"' in out
    assert '"number":"2025-001"' in out and '"status":"draft"' in out
    assert "Traceback" not in server_log
