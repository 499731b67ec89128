"""Running Django in the target project: manage.py, and scaffold's own worker process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scaffold._environment import missing_dependencies_hint, sync_command
from scaffold._project import Project
from scaffold._project_imports import TEMPLATE_PACKAGES
from scaffold._spec.checks.python_names import PROJECT_PACKAGES
from scaffold.errors import CommandFailedError

# A folder holding only the worker package: what the project's interpreter may import of
# scaffold (scaffold itself may not be installed there).
WORKER_PATH = Path(__file__).resolve().parent / "_worker"
_SETTINGS = re.compile(r"""setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")
# What each kind of worker failure means for the user.
_WORKER_HINTS = {
    "setup": "Django could not start with the project's settings and models",
    "checks": "Django's system checks failed",
    "conflicts": "the migrations have several leaves; merge them (manage.py makemigrations "
    "--merge) and commit",
}


def manage(project: Project, *args: str) -> str:
    """Run ``manage.py ARGS`` with the project's interpreter; return its output."""
    command = [project.python(), "manage.py", *args]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise CommandFailedError(
            f"`manage.py {' '.join(args)}` failed in {project.root}:\n{_tail(output)}",
            hint=_hint(command[0], output, project.root),
        )
    return result.stdout


def settings_module(project: Project) -> str:
    """The settings manage.py uses by default."""
    manage_py = project.root / "manage.py"
    found = _SETTINGS.search(manage_py.read_text(encoding="utf-8")) if manage_py.is_file() else None
    return found.group(1) if found else "config.settings.base"


def run_worker(project: Project, request: dict[str, Any]) -> dict[str, Any]:
    """One Django start in the project: plan (and give the text of) the next migrations."""
    python = project.python()
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(WORKER_PATH), os.environ.get("PYTHONPATH")])
        ),
    }
    request = {"settings": settings_module(project), **request}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        result = subprocess.run(
            [python, "-m", "scaffold_worker"],
            cwd=project.root,
            input=json.dumps(request),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=environment,
            check=False,
        )
        errors.seek(0)
        stderr = errors.read()
    try:
        reply = json.loads(result.stdout)
    except json.JSONDecodeError:
        output = (stderr or result.stdout).strip()
        raise CommandFailedError(
            f"Django could not run in {project.root} ({python}):\n{_tail(output)}",
            hint=_hint(python, output, project.root),
        ) from None
    if "error" in reply:
        kind, message = reply["error"]["kind"], reply["error"]["message"]
        if kind == "crash":
            raise RuntimeError(f"scaffold's Django worker failed:\n{message}")
        what = _WORKER_HINTS.get(kind, "Django failed")
        raise CommandFailedError(
            f"{what} in {project.root}:\n{_tail(message)}",
            hint=_hint(python, message, project.root),
        )
    return reply


_FIX_ONLY = ("check", "--fix-only", "--quiet", "--select")


def tidy(project: Project, files: list[Path]) -> None:
    """Sort imports and format, as the project's own `ruff check` and `ruff format` expect."""
    paths = [str(path.relative_to(project.root)) for path in files]
    # UP017: Django writes `datetime.timezone.utc` into the defaults of aware datetimes.
    for args in ((*_FIX_ONLY, "I,UP017"), ("format", "--quiet")):
        subprocess.run(
            [sys.executable, "-m", "ruff", *args, *paths],
            cwd=project.root,
            capture_output=True,
            check=False,
        )


_MISSING_MODULE = re.compile(r"No module named '([A-Za-z_][\w.]*)'")


def _hint(python: str, output: str, root: Path | None = None) -> str:
    missing = _MISSING_MODULE.findall(output)
    if missing and root is not None:
        module, top = missing[-1], missing[-1].split(".")[0]
        if top in TEMPLATE_PACKAGES and (root / top).is_dir():
            # The project's own packages from an older template: a new domain needs theirs.
            return (
                f"the generated code imports '{module}', which this project's {top}/ predates: "
                "run `scaffold update` to bring the project to the template's version, then "
                "add the domain again; nothing was changed in the project"
            )
        if (root / top).is_dir():
            # A module of the project (a domain's selectors, factories, ...), not a package.
            return (
                f"the generated code imports '{module}', which the project does not have: "
                "check the spec's foreign keys to other domains (to: <domain>.<Model>); "
                "nothing was changed in the project"
            )
        if top not in PROJECT_PACKAGES:
            return (
                f"'{top}' is neither a package the project installs nor one of its domains: "
                f"a dependency you added needs `{sync_command()}`; a domain a foreign key "
                "points to (to: <domain>.<Model>) needs `scaffold new-domain` first; "
                "nothing was changed in the project"
            )
    if missing or "ModuleNotFoundError" in output:
        return missing_dependencies_hint(python)
    return "fix the error above; nothing was changed in the project"


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])
