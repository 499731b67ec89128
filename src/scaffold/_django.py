"""Running manage.py in the target project."""

from __future__ import annotations

import subprocess

from scaffold._project import Project
from scaffold.errors import CommandFailedError


def manage(project: Project, *args: str) -> str:
    """Run ``manage.py ARGS`` with the project's interpreter; return its output."""
    command = [project.python(), "manage.py", *args]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise CommandFailedError(
            f"`manage.py {' '.join(args)}` failed in {project.root}:\n{_tail(output)}",
            hint="fix the error above; nothing was changed in the project",
        )
    return result.stdout


def makemigrations(project: Project, app: str) -> str:
    return manage(project, "makemigrations", app, "--no-input")


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])
