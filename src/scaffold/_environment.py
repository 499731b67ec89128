"""The project's own environment (``.venv``): made by uv from ``uv.lock``, found to run manage.py.

scaffold lives in an environment of its own (pipx, ``uv tool``), so it never needs the project's
dependencies; it runs Django commands with the project's interpreter instead. uv comes with
scaffold (a dependency), so making the environment needs nothing else on PATH.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from scaffold import _progress
from scaffold.errors import CommandFailedError, ProjectError

VENV_NAMES = (".venv", "venv")
# What a project update may change that the environment has to follow.
DEPENDENCY_FILES = ("pyproject.toml", "uv.lock")


def uv_executable() -> str:
    """The uv that came with scaffold, else the one on PATH."""
    try:
        from uv import find_uv_bin
    except ImportError:  # pragma: no cover - uv is a dependency; a broken installation
        found = shutil.which("uv")
    else:
        try:
            found = find_uv_bin()
        except FileNotFoundError:
            found = shutil.which("uv")
    if not found:
        raise CommandFailedError(
            "uv, which makes the project's environment, is not installed",
            hint="reinstall scaffold (uv is one of its dependencies), or install uv",
        )
    return found


def sync_command() -> str:
    """The command a person types to (re)make the environment: ``uv sync``."""
    uv = "uv" if shutil.which("uv") else shlex.quote(uv_executable())
    return f"{uv} sync"


def create(root: Path, *, update: bool = False) -> None:
    """Make ``root/.venv`` with the project's locked dependencies (``uv sync --locked``).

    uv shows its own progress on stderr. ``update`` follows an updated pyproject.toml instead:
    uv re-locks first if needed, and keeps packages the owner added by hand.
    """
    command = [uv_executable(), "sync"]
    if update:
        command.append("--inexact")  # and the interpreter the environment already has
    else:
        command += ["--python", sys.executable]  # a Python scaffold knows to exist
        if (root / "uv.lock").is_file():  # a team's older template may have none: uv makes it
            command.append("--locked")
    if _progress.is_quiet():
        command.append("--quiet")
    result = subprocess.run(command, cwd=root, env=_uv_environment(), check=False)
    if result.returncode != 0:
        raise CommandFailedError(
            f"installing the project's dependencies into {root / '.venv'} failed "
            f"(`uv sync` exited {result.returncode}; its messages are above)",
            hint="check the network or the package index settings (UV_INDEX_URL), then retry; "
            "`--no-install` creates the project without its environment, to make later "
            f"with `{sync_command()}` in it",
        )


def refresh(root: Path, changed_files: list[str]) -> bool:
    """Bring a uv-made ``.venv`` up to date when an update changed the dependencies."""
    venv = root / ".venv"
    if not set(changed_files) & set(DEPENDENCY_FILES) or not (venv / "pyvenv.cfg").is_file():
        return False
    _progress.step(f"Updating {venv} to the changed dependencies (uv sync)")
    create(root, update=True)
    return True


def interpreter(root: Path) -> str:
    """The Python of the project's environment: its ``.venv``, else the activated virtualenv."""
    for name in VENV_NAMES:
        venv = root / name
        if venv.is_dir() or venv.is_symlink():
            return _python_of(venv, f"the project's environment {venv}")
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        return _python_of(Path(active), f"the activated virtualenv {active}")
    raise ProjectError(
        f"{root} has no environment to run manage.py in (no .venv)",
        hint=f"make it with `{sync_command()}` in {root} (what `scaffold new-project` does "
        "unless --no-install), or activate a virtualenv that has the project's dependencies",
    )


def _python_of(venv: Path, what: str) -> str:
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():  # also a link to a Python that was removed or upgraded away
        raise ProjectError(
            f"{what} is broken: {python} is missing or points at a Python that is gone",
            hint=f"make it again: rm -rf {shlex.quote(str(venv))} && {sync_command()}",
        )
    return str(python)


def missing_dependencies_hint(python: str) -> str:
    return (
        f"{python} lacks the project's dependencies: run `{sync_command()}` in the project "
        "and retry; nothing was changed in the project"
    )


def _uv_environment() -> dict[str, str]:
    # The environment is always the project's .venv (the next commands scaffold prints name
    # it), whichever virtualenv is active or configured for uv elsewhere.
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    for name in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"):
        env.pop(name, None)
    return env
