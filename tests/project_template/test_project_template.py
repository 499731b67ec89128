"""The project template renders a complete, lint-clean Django project that passes its own tests."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]

# Rendering from the working tree is the point: uncommitted template edits are what we test.
pytestmark = pytest.mark.filterwarnings("ignore::copier.errors.DirtyLocalWarning")

EXPECTED_FILES = {
    ".copier-answers.yml",
    ".env.example",
    ".github/workflows/ci.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "uv.lock",
    "README.md",
    "conftest.py",
    "manage.py",
    "pyproject.toml",
    "specs/.gitkeep",
    "config/__init__.py",
    "config/asgi.py",
    "config/settings/__init__.py",
    "config/settings/base.py",
    "config/settings/openapi.py",
    "config/settings/test.py",
    "config/urls.py",
    "config/wsgi.py",
    "accounts/__init__.py",
    "accounts/admin.py",
    "accounts/apps.py",
    "accounts/authentication.py",
    "accounts/migrations/0001_initial.py",
    "accounts/migrations/__init__.py",
    "accounts/management/__init__.py",
    "accounts/management/commands/__init__.py",
    "accounts/management/commands/create_token.py",
    "accounts/management/commands/create_user.py",
    "accounts/models.py",
    "accounts/permissions.py",
    "accounts/selectors.py",
    "accounts/serializers.py",
    "accounts/services.py",
    "accounts/urls.py",
    "accounts/views.py",
    "accounts/tests/__init__.py",
    "accounts/tests/test_commands.py",
    "accounts/tests/test_me.py",
    "accounts/tests/test_tokens.py",
    "accounts/tests/test_users.py",
    "core/__init__.py",
    "core/admin.py",
    "core/apps.py",
    "core/checks.py",
    "core/exception_handler.py",
    "core/exceptions.py",
    "core/filters.py",
    "core/openapi.py",
    "core/pagination.py",
    "core/parsers.py",
    "core/permissions.py",
    "core/scoping.py",
    "core/serializers.py",
    "core/services.py",
    "core/templates/admin/403.html",
    "core/testing.py",
    "core/validation.py",
    "core/validators.py",
    "core/views.py",
    "core/viewsets.py",
    "core/tests/__init__.py",
    "core/tests/test_admin.py",
    "core/tests/test_error_responses.py",
    "core/tests/test_exception_handler.py",
    "core/tests/test_filters.py",
    "core/tests/test_openapi.py",
    "core/tests/test_pagination.py",
    "core/tests/test_parsers.py",
    "core/tests/test_permissions.py",
    "core/tests/test_scoping.py",
    "core/tests/test_serializers.py",
    "core/tests/test_services.py",
    "core/tests/test_settings.py",
    "core/tests/test_testing.py",
    "core/tests/test_validation.py",
    "core/tests/test_validators.py",
    "core/tests/test_viewsets.py",
    "core/tests/urls.py",
    "tenancy/__init__.py",
    "tenancy/admin.py",
    "tenancy/apps.py",
    "tenancy/filters.py",
    "tenancy/management/__init__.py",
    "tenancy/management/commands/__init__.py",
    "tenancy/management/commands/add_member.py",
    "tenancy/management/commands/create_organization.py",
    "tenancy/migrations/0001_initial.py",
    "tenancy/migrations/__init__.py",
    "tenancy/models.py",
    "tenancy/permissions.py",
    "tenancy/roles.py",
    "tenancy/selectors.py",
    "tenancy/serializers.py",
    "tenancy/services.py",
    "tenancy/urls.py",
    "tenancy/views.py",
    "tenancy/tests/__init__.py",
    "tenancy/tests/factories.py",
    "tenancy/tests/test_admin.py",
    "tenancy/tests/test_commands.py",
    "tenancy/tests/test_member_contention.py",
    "tenancy/tests/test_members_api.py",
    "tenancy/tests/test_organizations_api.py",
    "tenancy/tests/test_selectors.py",
    "tenancy/tests/test_services.py",
}


@pytest.fixture
def project(copie) -> Path:
    """The template rendered as project "acme" (from the working tree, uncommitted edits too)."""
    result = copie.copy(extra_answers={"project_name": "acme"}, template_dir=REPO)
    assert result.exit_code == 0, result.exception
    return result.project_dir


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run this interpreter with args in cwd, without settings leaking in from outside."""
    environ = {**os.environ, **(env or {})}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environ, capture_output=True, text=True
    )


def test_project_has_exactly_the_expected_files(project: Path) -> None:
    files = (path for path in project.rglob("*") if path.is_file())
    rendered = {path.relative_to(project).as_posix() for path in files}

    assert rendered == EXPECTED_FILES


def test_answers_file_records_the_answers(project: Path) -> None:
    text = (project / ".copier-answers.yml").read_text()
    answers = yaml.safe_load(text)

    assert text.startswith("# Changes here will be overwritten by Copier; do not edit manually.\n")
    assert answers["template_kind"] == "project"
    assert answers["project_name"] == "acme"
    assert answers["project_title"] == "Acme"


def test_pyproject_names_the_project_and_pins_the_dependencies(project: Path) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())

    assert pyproject["project"]["name"] == "acme"
    assert pyproject["project"]["dependencies"] == [
        "Django>=5.2,<5.3",
        "djangorestframework>=3.16,<4",
        "django-filter>=25.1",
        "dj-database-url>=2.2",
        "drf-spectacular>=0.28,<0.31",
        "drf-spectacular-sidecar>=2024.1",
        "django-rest-knox>=5.0,<6",
        "python-dotenv>=1.0",
        "gunicorn>=23",
        "whitenoise>=6.8",
    ]
    assert pyproject["tool"]["pytest"]["ini_options"]["DJANGO_SETTINGS_MODULE"] == (
        "config.settings.test"
    )


def test_settings_keep_the_domain_apps_marker(project: Path) -> None:
    settings = (project / "config" / "settings" / "base.py").read_text()

    assert (
        "# Domain apps added by `scaffold new-domain` (one per line; keep the markers).\n"
        "DOMAIN_APPS: list[str] = [\n"
        "    # scaffold:domain-apps\n"
        "]\n"
        "INSTALLED_APPS = [*DJANGO_APPS, *THIRD_PARTY_APPS, *LOCAL_APPS, *DOMAIN_APPS]\n"
    ) in settings


def test_urls_keep_the_domain_urls_marker_inside_urlpatterns(project: Path) -> None:
    urls = (project / "config" / "urls.py").read_text()

    assert ('    path("api/", include("tenancy.urls")),\n    # scaffold:domain-urls\n]\n') in urls


def test_title_with_quotes_stays_inside_its_string(copie) -> None:
    title = 'Acme "Quoted" \\ <Co>'

    result = copie.copy(
        extra_answers={"project_name": "acme", "project_title": title}, template_dir=REPO
    )

    assert result.exit_code == 0, result.exception
    pyproject = tomllib.loads((result.project_dir / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == title


@pytest.mark.parametrize("name", ["Acme", "acme-api", "1acme", "acme;rm"])
def test_project_name_must_be_an_identifier(copie, name: str) -> None:
    result = copie.copy(extra_answers={"project_name": name}, template_dir=REPO)

    assert result.exit_code != 0


def test_rendered_code_passes_ruff(project: Path) -> None:
    result = run("-m", "ruff", "check", "--no-cache", ".", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr


def test_rendered_code_is_already_formatted(project: Path) -> None:
    result = run("-m", "ruff", "format", "--no-cache", "--check", ".", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.e2e
def test_rendered_project_passes_its_checks_and_tests(project: Path) -> None:
    production = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "api.example.com",
        "DJANGO_DEBUG": "0",
    }
    steps = [
        (["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production),
        (["manage.py", "makemigrations", "--check", "--dry-run"], {}),
        # DATABASE_URL, when set, is passed on: the suite then runs on that server.
        (["-m", "pytest", "-q", "-p", "no:cacheprovider"], {}),
    ]
    for args, env in steps:
        result = run(*args, cwd=project, env=env)
        assert result.returncode == 0, f"{args}:\n{result.stdout[-4000:]}{result.stderr[-4000:]}"
