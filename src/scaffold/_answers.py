"""Reading the answers copier recorded for a project or a domain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scaffold.errors import ProjectError


def read_answers(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ProjectError(
            f"{path} is missing",
            hint="it is written by scaffold when the project or domain is generated; "
            "restore it from git",
        )
    # libyaml when available: a domain's answers hold its whole derived model (100s of KB).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ProjectError(
            f"{path} cannot be read: {problem}",
            hint="restore it from git (`git checkout -- <file>`); it is written by scaffold",
        ) from error
    if not isinstance(data, dict):
        raise ProjectError(
            f"{path} is not a copier answers file",
            hint="restore it from git (`git checkout -- <file>`); it is written by scaffold",
        )
    return data
