"""`scaffold new-project`: a committed repository, or an error and nothing written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scaffold import _git
from scaffold._environment import sync_command
from scaffold._newproject import project_name_for
from scaffold.errors import CommandFailedError, UserError
from tests.cli.conftest import Outcome, scaffold, tree


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True)
    return result.stdout


def test_new_project_is_a_git_repository_with_one_commit(pristine_project: Path) -> None:
    assert git(pristine_project, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(pristine_project, "log", "--format=%s").strip() == "Initial project from scaffold"


def test_new_project_commits_every_file_it_writes(pristine_project: Path) -> None:
    assert git(pristine_project, "status", "--porcelain", "--untracked-files=all") == ""
    committed = set(git(pristine_project, "ls-files").splitlines())
    assert {".copier-answers.yml", "manage.py", "config/settings/base.py"} <= committed


def test_new_project_records_its_answers(pristine_project: Path) -> None:
    answers = yaml.safe_load((pristine_project / ".copier-answers.yml").read_text())

    assert answers["template_kind"] == "project"
    assert answers["project_name"] == "acme"


def test_new_project_writes_a_django_manage_py(pristine_project: Path) -> None:
    manage = pristine_project / "manage.py"

    assert manage.is_file()
    assert "DJANGO_SETTINGS_MODULE" in manage.read_text()


def test_new_project_says_what_it_created_and_the_exact_next_commands(
    new_project_run: tuple[Path, Outcome],
) -> None:
    project, outcome = new_project_run

    assert outcome.stdout == (
        f"Created project 'acme' in {project}, no environment yet. Next:\n"
        f"  cd {project}\n"
        f"  {sync_command():<37}   # its .venv, from uv.lock\n"
        "  scaffold new-domain --example billing   # or your own spec: specs/<domain>.yaml\n"
        "  source .venv/bin/activate               # scaffold stays on PATH\n"
        "  pytest\n"
        "  python manage.py migrate\n"
        "  python manage.py runserver\n"
    )


def test_new_project_says_what_each_slow_step_does_on_stderr(
    new_project_run: tuple[Path, Outcome],
) -> None:
    _, outcome = new_project_run

    assert outcome.stderr == "Rendering the project 'acme' from the template...\n"


def test_new_project_quiet_prints_only_the_result(tmp_path: Path) -> None:
    outcome = scaffold("new-project", str(tmp_path / "shop"), "--no-install", "-q")

    assert (outcome.exit_code, outcome.stderr) == (0, "")
    assert outcome.stdout.startswith("Created project 'shop' in ")


def test_new_project_no_install_makes_no_environment(pristine_project: Path) -> None:
    assert not (pristine_project / ".venv").exists()


def test_new_project_writes_a_development_env_outside_git(pristine_project: Path) -> None:
    env = pristine_project / ".env"
    values = dict(
        line.split("=", 1) for line in env.read_text().splitlines() if not line.startswith("#")
    )

    assert values["DJANGO_DEBUG"] == "1"
    assert len(values["DJANGO_SECRET_KEY"]) >= 50
    assert env.stat().st_mode & 0o777 == 0o600
    assert ".env" not in git(pristine_project, "ls-files").splitlines()
    assert git(pristine_project, "check-ignore", ".env").strip() == ".env"


def test_every_new_project_gets_its_own_secret_key(pristine_project: Path, tmp_path: Path) -> None:
    assert scaffold("new-project", str(tmp_path / "other"), "--no-install", "-q").exit_code == 0

    keys = {
        next(line for line in (project / ".env").read_text().splitlines() if "SECRET" in line)
        for project in (pristine_project, tmp_path / "other")
    }

    assert len(keys) == 2


def test_a_failed_install_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No index and an empty cache: uv cannot get a single package.
    monkeypatch.setenv("UV_OFFLINE", "1")
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "empty-cache"))
    dest = tmp_path / "shop"

    outcome = scaffold("new-project", str(dest), "-q")

    assert outcome.exit_code == 1
    assert re.fullmatch(
        re.escape(f"error: installing the project's dependencies into {dest / '.venv'} failed ")
        + r"\(`uv sync` exited \d+; its messages are above\)\n"
        + re.escape(
            "tip: check the network or the package index settings (UV_INDEX_URL), then retry; "
            "`--no-install` creates the project without its environment, to make later with "
            f"`{sync_command()}` in it\n"
        ),
        outcome.stderr,
    )
    assert not dest.exists()


def test_new_project_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n")
    before = tree(dest)

    outcome = scaffold("new-project", str(dest))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: {dest} exists and is not empty\n"
        "tip: choose a new folder; scaffold never writes over existing files\n"
    )
    assert tree(dest) == before


def test_new_project_refuses_a_name_that_is_not_a_python_name(tmp_path: Path) -> None:
    dest = tmp_path / "shop"

    outcome = scaffold("new-project", str(dest), "--name", "My-Shop")

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        "error: 'My-Shop' cannot name a project\n"
        "tip: use lowercase letters, digits and underscores, starting with a letter "
        "(not a Python keyword nor one of accounts, config, core, django, scaffold, tenancy, "
        "test, tests); pass --name to choose one\n"
    )
    assert not dest.exists()


def test_new_project_refuses_a_folder_name_that_makes_no_project_name(tmp_path: Path) -> None:
    dest = tmp_path / "2024"

    outcome = scaffold("new-project", str(dest))

    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("error: '2024' cannot name a project\ntip: ")
    assert "pass --name to choose one" in outcome.stderr
    assert not dest.exists()


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        pytest.param("acme", "acme", id="plain"),
        pytest.param("my-shop", "my_shop", id="dashes become underscores"),
        pytest.param("My Shop", "my_shop", id="spaces and capitals"),
        pytest.param("-shop-", "shop", id="leading and trailing separators dropped"),
    ],
)
def test_project_name_is_derived_from_the_folder(folder: str, expected: str) -> None:
    assert project_name_for(Path("/somewhere") / folder, None) == expected


@pytest.mark.parametrize("name", ["core", "tenancy", "django", "class", "9lives", "Shop", "a-b"])
def test_project_name_refuses_reserved_keyword_and_malformed_names(name: str) -> None:
    with pytest.raises(UserError, match=f"^'{name}' cannot name a project$"):
        project_name_for(Path("/somewhere/fine"), name)


def test_python_dash_m_scaffold_exits_1_with_the_message_on_stderr(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "new-project", str(tmp_path / "x"), "--name", "core"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: 'core' cannot name a project\ntip: ")


@pytest.mark.parametrize("error", [CommandFailedError("git failed"), KeyboardInterrupt()])
def test_a_failed_new_project_leaves_no_folder_it_created_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def fails(root: Path, message: str) -> None:
        assert (root / "manage.py").is_file()  # rendered, then the commit fails
        raise error

    monkeypatch.setattr(_git, "init_and_commit", fails)

    outcome = scaffold("new-project", str(tmp_path / "clients" / "acme" / "api"))

    assert outcome.exit_code == (1 if isinstance(error, CommandFailedError) else 130)
    assert list(tmp_path.iterdir()) == []
