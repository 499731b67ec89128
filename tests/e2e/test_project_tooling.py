"""The generated project's own tooling works as shipped: its CI workflow, pre-commit, gunicorn."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._environment import uv_executable
from tests.e2e.conftest import DATABASE_NAME, database_params, run, share_environment

pytestmark = pytest.mark.e2e

WORKFLOW = Path(".github/workflows/ci.yml")
# The suite's database on the local server, per checkout (see conftest.py); CI's own is "app".
LOCAL_DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}_ci"
HOST = "api.example.com"


def clone(project: Path, dest: Path) -> Path:
    """What actions/checkout gives: the committed tree, without .venv, .env or caches."""
    subprocess.run(["git", "clone", "--quiet", str(project), str(dest)], check=True)
    return dest


def tool_environment(extra: dict[str, str]) -> dict[str, str]:
    """This machine's environment as a CI runner's: uv on PATH, no virtualenv active."""
    env = dict(os.environ)
    for name in ("VIRTUAL_ENV", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env["PATH"] = f"{Path(uv_executable()).parent}{os.pathsep}{env['PATH']}"
    return {**env, **extra}


def workflow_job(project: Path) -> dict[str, Any]:
    workflow = yaml.safe_load((project / WORKFLOW).read_text(encoding="utf-8"))
    return workflow["jobs"]["check"]


def test_ci_workflow_checks_what_the_project_promises(generated_project: Path) -> None:
    job = workflow_job(generated_project)
    commands = [step["run"] for step in job["steps"] if "run" in step]

    assert job["services"]["postgres"]["image"].startswith("postgres:")
    assert job["env"]["DATABASE_URL"].startswith("postgres://")
    assert commands[0] == "uv sync --locked --extra postgres"
    for needed in (
        "ruff check .",
        "ruff format --check .",
        "mypy .",
        "manage.py check --deploy --fail-level WARNING",
        "manage.py makemigrations --check --dry-run",
        "pytest",
    ):
        assert any(needed in command for command in commands), needed


@pytest.mark.parametrize(
    "database", [param for param in database_params() if param.id == "postgres"]
)
def test_ci_workflow_steps_pass_in_order_on_postgres(
    generated_project: Path, tmp_path: Path, database: str
) -> None:
    checkout = clone(generated_project, tmp_path / "checkout")
    job = workflow_job(checkout)
    setup_uv = next(step for step in job["steps"] if step.get("uses", "").startswith("astral-sh/"))
    job_env = {
        **job["env"],
        "DATABASE_URL": LOCAL_DATABASE_URL,
        "UV_PYTHON": setup_uv["with"]["python-version"],  # what setup-uv exports
        "UV_PYTHON_DOWNLOADS": "never",
    }
    ran = []
    for step in job["steps"]:
        if "run" not in step:
            continue  # actions/checkout and setup-uv: this machine has both already
        env = tool_environment({**job_env, **step.get("env", {})})
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        output = (result.stdout + result.stderr)[-4000:]
        assert result.returncode == 0, f"step {step['name']!r} failed:\n{output}"
        ran.append(step["name"])

    assert ran[-1] == "Tests"


def test_pre_commit_hooks_pass_on_the_generated_code(
    generated_project: Path, tmp_path: Path
) -> None:
    checkout = clone(generated_project, tmp_path / "checkout")
    env = tool_environment({"PRE_COMMIT_HOME": str(tmp_path / "pre-commit")})
    uv = uv_executable()
    subprocess.run([uv, "sync", "--locked", "--quiet"], cwd=checkout, env=env, check=True)

    result = subprocess.run(
        [uv, "run", "pre-commit", "run", "--all-files"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Failed" not in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, *, https: bool = True) -> http.client.HTTPResponse:
    """A request as the TLS-terminating proxy in front of production forwards it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def production_server(
    generated_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, Path]]:
    """README's production steps on SQLite: collectstatic, migrate, then gunicorn."""
    project = tmp_path_factory.mktemp("production") / "acme"
    shutil.copytree(generated_project, project, ignore=shutil.ignore_patterns(".venv"))
    share_environment(generated_project, project)
    env: dict[str, str | None] = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": None,
    }
    for command in (("collectstatic", "--noinput"), ("migrate", "--noinput")):
        result = run("python", "manage.py", *command, cwd=project, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    port = free_port()
    server_env = {key: value for key, value in {**os.environ, **env}.items() if value is not None}
    server_env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [str(project / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=project,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "gunicorn did not start within 30 s"
                time.sleep(0.2)
        yield port, project
    finally:
        os.killpg(server.pid, signal.SIGINT)  # gunicorn's quick shutdown
        server.wait(timeout=30)


def test_gunicorn_serves_the_api_and_the_admin_with_its_static_files(
    production_server: tuple[int, Path],
) -> None:
    port, project = production_server
    manifest = json.loads((project / "staticfiles/staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]

    login = get(port, "/admin/login/")
    stylesheet = get(port, f"/static/{hashed}")
    api = get(port, "/api/orgs/")

    assert login.status == 200
    assert stylesheet.status == 200
    assert (stylesheet.getheader("Content-Type") or "").startswith("text/css")
    assert "immutable" in (stylesheet.getheader("Cache-Control") or "")
    assert (api.status, api.getheader("Content-Type")) == (401, "application/json")


def test_gunicorn_behind_no_proxy_redirects_to_https(production_server: tuple[int, Path]) -> None:
    port, _ = production_server

    response = get(port, "/api/orgs/", https=False)

    assert (response.status, response.getheader("Location")) == (
        301,
        f"https://{HOST}/api/orgs/",
    )
