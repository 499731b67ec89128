"""End to end: a generated project with four domains passes its own checks and tests."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tests.e2e.conftest import database_params, database_url, run

pytestmark = pytest.mark.e2e

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DJANGO_DEBUG": "0",
}


def test_generated_code_passes_ruff(generated_project: Path) -> None:
    result = run("ruff", "check", ".", cwd=generated_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_code_is_formatted(generated_project: Path) -> None:
    result = run("ruff", "format", "--check", ".", cwd=generated_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_code_passes_mypy_as_the_project_configures_it(generated_project: Path) -> None:
    # strict, with django-stubs and djangorestframework-stubs; tests and migrations excluded
    result = run("mypy", ".", cwd=generated_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_pass_the_deploy_check(generated_project: Path) -> None:
    result = run(
        "python",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        cwd=generated_project,
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_match_the_models(generated_project: Path) -> None:
    result = run(
        "python",
        "manage.py",
        "makemigrations",
        "--check",
        "--dry-run",
        cwd=generated_project,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# PostgreSQL runs the suite through the project's CI workflow (test_project_tooling.py).
@pytest.mark.parametrize(
    "database", [param for param in database_params() if param.id != "postgres"]
)
def test_generated_suite_passes(generated_project: Path, database: str) -> None:
    env = {"DATABASE_URL": database_url(database)}
    result = run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-x",
        cwd=generated_project,
        env=env,
    )
    tail = "\n".join(result.stdout.splitlines()[-60:])
    assert result.returncode == 0, tail + result.stderr[-3000:]
    assert " passed" in result.stdout
