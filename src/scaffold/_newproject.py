"""``new-project``: a Django + DRF repository with secure defaults, committed to git."""

from __future__ import annotations

import keyword
import os
import re
import secrets
import shlex
from pathlib import Path

from scaffold import _environment, _git, _progress
from scaffold._interrupts import all_or_nothing, pause_point
from scaffold._render import render_project
from scaffold._rollback import Undo
from scaffold._template import TemplateSource, bundled_template
from scaffold.errors import UserError

_NAME = re.compile(r"\A[a-z][a-z0-9_]*\Z")
_TAKEN = {"core", "accounts", "tenancy", "config", "django", "test", "tests", "scaffold"}


def project_name_for(dest: Path, name: str | None) -> str:
    """The package-style name: given, or derived from the folder (``my-shop`` -> ``my_shop``)."""
    candidate = name or re.sub(r"[^a-z0-9_]", "_", dest.name.lower()).strip("_")
    if not _NAME.fullmatch(candidate) or keyword.iskeyword(candidate) or candidate in _TAKEN:
        raise UserError(
            f"'{candidate}' cannot name a project",
            hint="use lowercase letters, digits and underscores, starting with a letter "
            f"(not a Python keyword nor one of {', '.join(sorted(_TAKEN))}); "
            "pass --name to choose one",
        )
    return candidate


def new_project(
    dest: Path,
    name: str | None = None,
    template: TemplateSource | None = None,
    *,
    install: bool = True,
) -> str:
    """Create the project at ``dest``, with its ``.env`` and (``install``) its ``.venv``.

    Nothing is left behind when any step fails.
    """
    if dest.exists() and any(dest.iterdir()):
        raise UserError(
            f"{dest} exists and is not empty",
            hint="choose a new folder; scaffold never writes over existing files",
        )
    project_name = project_name_for(dest, name)
    with all_or_nothing(Undo(dest).rollback):
        _progress.step(f"Rendering the project '{project_name}' from the template")
        render_project(dest, project_name, template or bundled_template())
        pause_point("rendered")
        _git.init_and_commit(dest, "Initial project from scaffold")
        write_development_env(dest, project_name)
        if install:
            _progress.step(f"Installing its locked dependencies into {dest / '.venv'} (uv sync)")
            _environment.create(dest)
    return project_name


def next_steps(dest: Path, *, installed: bool) -> list[str]:
    """The commands that take a new project from here to a running API, in order."""
    steps = [(f"cd {shlex.quote(str(dest))}", "")]
    if not installed:
        steps.append((_environment.sync_command(), "its .venv, from uv.lock"))
    steps += [
        ("scaffold new-domain --example billing", "or your own spec: specs/<domain>.yaml"),
        ("source .venv/bin/activate", "scaffold stays on PATH"),
        ("pytest", ""),
        ("python manage.py migrate", ""),
        ("python manage.py runserver", ""),
    ]
    width = max(len(command) for command, note in steps if note)
    return [f"{command:<{width}}   # {note}" if note else command for command, note in steps]


# The project's settings read these names (see its .env.example); manage.py reads the file.
_DEVELOPMENT_ENV = """\
# Development settings of this checkout, read by manage.py; .gitignore keeps it out of git.
# Variables set in the environment win. Production sets real variables (see .env.example).
DJANGO_DEBUG=1
DJANGO_SECRET_KEY={secret_key}
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/{project_name}
"""


def write_development_env(root: Path, project_name: str) -> None:
    """A ``.env`` with debug mode on and a secret key of its own (outside git and the answers)."""
    text = _DEVELOPMENT_ENV.format(secret_key=secrets.token_urlsafe(50), project_name=project_name)
    descriptor = os.open(root / ".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as env:
        env.write(text)
