"""A generated project shared by the end-to-end tests, and the databases to run it on."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_spec, write_spec
from tests.conftest import announce

REPO = Path(__file__).resolve().parents[2]
# clinic: a spec written as a new user would (issue 8): a parent chain three deep, a user
# foreign key, short and optional unique strings, ranges, hostile help texts.
SPECS = [
    REPO / "examples" / "billing.yaml",
    Path(__file__).parent / "specs" / "library.yaml",
    Path(__file__).parent / "specs" / "clinic.yaml",
]
# One database name per checkout and pytest-xdist worker (the test database is "test_" + it):
# two checkouts, or two workers, testing at once on one server never drop each other's test
# database. The name need not exist.
_CHECKOUT = hashlib.sha256(str(REPO).encode()).hexdigest()[:8]
DATABASE_NAME = f"scaffold_{_CHECKOUT}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
DATABASES = {
    "sqlite": None,
    "postgres": ("127.0.0.1", 5432, f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"),
    "mariadb": ("127.0.0.1", 3306, f"mysql://root@127.0.0.1:3306/{DATABASE_NAME}"),
}


def scaffold(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args], cwd=cwd, capture_output=True, text=True
    )


def project_python(project: Path) -> str:
    """The project's own interpreter (its .venv, from uv.lock), else this one."""
    python = project / ".venv" / "bin" / "python"
    return str(python) if python.exists() else sys.executable


def run(
    *args: str, cwd: Path, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command; ``python``, ``ruff`` and ``mypy`` are the project's (see project_python).

    A None value in ``env`` unsets that variable.
    """
    python = project_python(cwd)
    command = [python if arg == "python" else arg for arg in args]
    if command[0] in ("ruff", "mypy"):
        command = [python, "-m", *command]
    merged = {**os.environ}
    for key, value in (env or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=merged)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def database_params() -> list[pytest.ParameterSet]:
    """SCAFFOLD_E2E_DATABASES picks them (default all); unreachable ones skip, never pass."""
    names = os.environ.get("SCAFFOLD_E2E_DATABASES", "sqlite,postgres,mariadb").split(",")
    require_all = os.environ.get("SCAFFOLD_E2E_REQUIRE_ALL") == "1"
    params = []
    for name in (n.strip() for n in names if n.strip()):
        server = DATABASES[name]
        marks = []
        if server and not require_all and not _reachable(server[0], server[1]):
            marks.append(
                pytest.mark.skip(reason=f"{name} is not running on {server[0]}:{server[1]}")
            )
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def database_url(name: str) -> str | None:
    server = DATABASES[name]
    return server[2] if server else None


def uv(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The uv that comes with scaffold (a dependency)."""
    from scaffold._environment import uv_executable

    return run(uv_executable(), *args, cwd=cwd, env={"VIRTUAL_ENV": None})


def share_environment(project: Path, copy: Path) -> None:
    """Let a copy of a project (made without its .venv) run in the project's environment."""
    (copy / ".venv").symlink_to(project / ".venv", target_is_directory=True)


@pytest.fixture(scope="session")
def generated_project(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Path:
    """``new-project`` then ``new-domain`` for each e2e spec, committed like a user would.

    The project's environment is real: ``new-project`` installs uv.lock into .venv, and the
    database drivers (the postgres and mysql extras) are added to it.
    """
    announce(pytestconfig, "e2e: generating the shared project (new-project, its .venv, 4 domains)")
    root = tmp_path_factory.mktemp("e2e")
    project = root / "acme"
    result = scaffold("new-project", str(project), cwd=root)
    assert result.returncode == 0, result.stderr
    result = uv("sync", "--locked", "--all-extras", cwd=project)
    assert result.returncode == 0, result.stderr
    # A third, machine-written spec: parent chains, foreign keys into them, many models.
    synthetic = write_spec(root / "synth10.yaml", synthetic_spec(10))
    for spec in [*SPECS, synthetic]:
        result = scaffold("new-domain", str(spec), cwd=project)
        assert result.returncode == 0, result.stderr
    run("git", "add", "--all", cwd=project)
    run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "domains", cwd=project)
    yield project
    shutil.rmtree(root, ignore_errors=True)
