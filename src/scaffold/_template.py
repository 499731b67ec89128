"""Where scaffold's copier template is, and which version of it to render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import scaffold

PACKAGE_DIR = Path(scaffold.__file__).resolve().parent


@dataclass(frozen=True)
class TemplateSource:
    """A copier template: a path or git URL, and the ref to render (None: copier's choice)."""

    path: str
    ref: str | None


def bundled_template() -> TemplateSource:
    """The template this installation of scaffold ships with.

    In a source checkout the repository itself is the template (it is a git repository, so
    copier records the commit); an installed wheel carries a copy under ``_template``.
    """
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "copier.yml").is_file() and (checkout / "template").is_dir():
        return TemplateSource(str(checkout), "HEAD" if (checkout / ".git").exists() else None)
    return TemplateSource(str(PACKAGE_DIR / "_template"), None)
