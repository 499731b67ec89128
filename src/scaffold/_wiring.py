"""Register a domain in the project's settings and URLs: one line each, above a marker."""

from __future__ import annotations

from pathlib import Path

from scaffold._project import APPS_MARKER, URLS_MARKER, Project


def wire_domain(project: Project, domain: str) -> None:
    """Add ``domain`` to DOMAIN_APPS and its routes to the URLconf (idempotent)."""
    _insert_before(project.settings, APPS_MARKER, f'"{domain}",')
    _insert_before(project.urls, URLS_MARKER, f'path("api/", include("{domain}.urls")),')


def _insert_before(path: Path, marker: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    if line in text:
        return
    lines = text.splitlines(keepends=True)
    for index, current in enumerate(lines):
        if current.strip() == marker:
            indent = current[: len(current) - len(current.lstrip())]
            lines.insert(index, f"{indent}{line}\n")
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{marker} vanished from {path}")  # find_project checked it
