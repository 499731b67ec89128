"""Render one domain from a spec the way `scaffold new-domain` does, without a project.

The domain template needs nothing from the project, so an empty folder will do; this skips
the project, the wiring and makemigrations, and keeps the golden tests fast.
"""

from __future__ import annotations

from pathlib import Path

from scaffold._context.build import build_domain
from scaffold._render import domain_data, render_domain
from scaffold._spec import read_spec
from scaffold._template import bundled_template

# Left by the template's ruff tasks; ignored by a project's .gitignore, not generated code.
CACHES = {".ruff_cache", "__pycache__"}


def render(spec_file: Path, parent: Path) -> Path:
    """Render the domain of ``spec_file`` into ``parent``; return the domain's folder."""
    spec, raw = read_spec(spec_file)
    folder = parent / spec.domain
    data = domain_data(build_domain(spec), raw, f"specs/{spec.domain}.yaml")
    render_domain(folder, bundled_template(), data)
    return folder


def generated_files(folder: Path) -> list[str]:
    """The files under ``folder``, relative and sorted, tool caches aside."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not CACHES & set(path.relative_to(folder).parts)
    )
