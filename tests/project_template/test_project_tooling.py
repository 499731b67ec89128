"""The project template's tooling: a lock that matches, .env for development only, static files.

The end-to-end tests (tests/e2e/test_project_tooling.py) run the CI workflow, pre-commit and
gunicorn for real; these check what needs no install.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scaffold._environment import uv_executable

REPO = Path(__file__).resolve().parents[2]
SETTINGS = 'from django.conf import settings; print(",".join(settings.ALLOWED_HOSTS))'
SHELL = ("manage.py", "shell", "--no-imports", "-c", SETTINGS)

pytestmark = pytest.mark.filterwarnings("ignore::copier.errors.DirtyLocalWarning")


def render(copie, name: str) -> Path:
    result = copie.copy(extra_answers={"project_name": name}, template_dir=REPO)
    assert result.exit_code == 0, result.exception
    return result.project_dir


@pytest.fixture
def project(copie) -> Path:
    return render(copie, "acme")


def python(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    environ = {**os.environ, **(env or {})}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOWED_HOSTS", "DJANGO_DEBUG"):
        environ.pop(name, None)
    environ.update(env or {})
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environ, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def locked_versions(project: Path) -> dict[str, str]:
    lock = tomllib.loads((project / "uv.lock").read_text(encoding="utf-8"))
    return {package["name"]: package.get("version", "") for package in lock["package"]}


def requirement_name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@pytest.mark.parametrize("name", ["acme", "my_shop"])
def test_uv_lock_matches_the_rendered_pyproject(copie, name: str) -> None:
    # After changing the template's dependencies: scripts/lock, then review the diff.
    project = render(copie, name)
    result = subprocess.run(
        [uv_executable(), "lock", "--check", "--offline"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
        check=False,
    )

    assert result.returncode == 0, f"run scripts/lock: the lock is stale\n{result.stderr}"


def test_scaffold_tidies_with_the_ruff_the_project_locks(project: Path) -> None:
    # Generated code must pass the project's own `ruff format --check`: same minor version.
    scaffold_ruff = next(
        requirement
        for requirement in tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
        if requirement_name(requirement) == "ruff"
    )
    major, minor, *_ = locked_versions(project)["ruff"].split(".")

    assert scaffold_ruff == f"ruff>={major}.{minor},<{major}.{int(minor) + 1}"


def test_the_shared_test_environment_has_every_runtime_dependency(project: Path) -> None:
    # Projects made with --no-install in this repository's tests run in scaffold[generated].
    template = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    needed = {
        requirement_name(requirement)
        for requirement in [
            *template["dependencies"],
            *template["optional-dependencies"]["postgres"],
            *template["optional-dependencies"]["mysql"],
        ]
    }
    generated = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["generated"]

    assert needed <= {requirement_name(requirement) for requirement in generated}


def test_manage_py_reads_dot_env_and_the_environment_wins(project: Path) -> None:
    (project / ".env").write_text("DJANGO_ALLOWED_HOSTS=from-dotenv.example\n")

    from_file = python(*SHELL, cwd=project)
    from_environment = python(
        *SHELL,
        cwd=project,
        env={"DJANGO_ALLOWED_HOSTS": "from-environment.example"},
    )

    assert (from_file, from_environment) == ("from-dotenv.example", "from-environment.example")


def test_servers_never_read_dot_env(project: Path) -> None:
    (project / ".env").write_text("DJANGO_DEBUG=1\nDJANGO_ALLOWED_HOSTS=from-dotenv.example\n")

    hosts = python("-c", f"import config.wsgi; {SETTINGS}", cwd=project)

    assert hosts == ""


def test_dot_env_is_git_ignored(project: Path) -> None:
    assert ".env" in (project / ".gitignore").read_text().splitlines()


def test_whitenoise_serves_static_files_right_after_the_security_middleware(
    project: Path,
) -> None:
    middleware = python(
        "-c",
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.base'; "
        "django.setup(); from django.conf import settings; "
        "print(settings.MIDDLEWARE[1], settings.STORAGES['staticfiles']['BACKEND'])",
        cwd=project,
    )

    assert middleware == (
        "whitenoise.middleware.WhiteNoiseMiddleware "
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
