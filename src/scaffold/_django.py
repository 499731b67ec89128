"""Running manage.py in the target project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scaffold._environment import missing_dependencies_hint
from scaffold._project import Project
from scaffold.errors import CommandFailedError


def manage(project: Project, *args: str) -> str:
    """Run ``manage.py ARGS`` with the project's interpreter; return its output."""
    command = [project.python(), "manage.py", *args]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        hint = "fix the error above; nothing was changed in the project"
        if "ModuleNotFoundError" in output:
            hint = missing_dependencies_hint(command[0])
        raise CommandFailedError(
            f"`manage.py {' '.join(args)}` failed in {project.root}:\n{_tail(output)}", hint=hint
        )
    return result.stdout


def makemigrations(project: Project, app: str) -> list[Path]:
    """Create ``app``'s next migration and tidy it with the project's ruff settings."""
    migrations = project.root / app / "migrations"
    before = set(migrations.glob("0*.py"))
    manage(project, "makemigrations", app, "--no-input")
    created = sorted(set(migrations.glob("0*.py")) - before)
    if created:
        tidy(project, created)
    return created


def tidy(project: Project, files: list[Path]) -> None:
    """Sort imports and format, as the project's own `ruff check` and `ruff format` expect."""
    paths = [str(path.relative_to(project.root)) for path in files]
    for args in (("check", "--fix-only", "--quiet", "--select", "I"), ("format", "--quiet")):
        subprocess.run(
            [sys.executable, "-m", "ruff", *args, *paths],
            cwd=project.root,
            capture_output=True,
            check=False,
        )


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])
