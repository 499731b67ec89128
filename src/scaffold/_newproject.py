"""``new-project``: a Django + DRF repository with secure defaults, committed to git."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

from scaffold import _git
from scaffold._interrupts import all_or_nothing, pause_point
from scaffold._render import render_project
from scaffold._rollback import Undo
from scaffold._template import TemplateSource, bundled_template
from scaffold.errors import UserError

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TAKEN = {"core", "accounts", "tenancy", "config", "django", "test", "tests", "scaffold"}


def project_name_for(dest: Path, name: str | None) -> str:
    """The package-style name: given, or derived from the folder (``my-shop`` -> ``my_shop``)."""
    candidate = name or re.sub(r"[^a-z0-9_]", "_", dest.name.lower()).strip("_")
    if not _NAME.match(candidate) or keyword.iskeyword(candidate) or candidate in _TAKEN:
        raise UserError(
            f"'{candidate}' cannot name a project",
            hint="use lowercase letters, digits and underscores, starting with a letter "
            f"(not a Python keyword nor one of {', '.join(sorted(_TAKEN))}); "
            "pass --name to choose one",
        )
    return candidate


def new_project(dest: Path, name: str | None = None, template: TemplateSource | None = None) -> str:
    """Create the project at ``dest``; nothing is left behind when it fails."""
    if dest.exists() and any(dest.iterdir()):
        raise UserError(
            f"{dest} exists and is not empty",
            hint="choose a new folder; scaffold never writes over existing files",
        )
    project_name = project_name_for(dest, name)
    with all_or_nothing(Undo(dest).rollback):
        render_project(dest, project_name, template or bundled_template())
        pause_point("rendered")
        _git.init_and_commit(dest, "Initial project from scaffold")
    return project_name
