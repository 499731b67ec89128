"""When a spec drops (or renames) a model: keep the generated files a person edited, and find
the project's own modules that still import it.

Copier deletes every file the new render no longer has, edited or not. A file that differs
from what the template generated (rendered again, pristine, from the recorded version) is
restored after the merge, with a notice: it is the user's to adapt or delete.
"""

from __future__ import annotations

import ast
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from scaffold._project import Project
from scaffold._render import render_domain
from scaffold._template import template_for

SKIPPED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "migrations"}


@dataclass(frozen=True)
class Removal:
    """What a domain's update takes away: generated files, and models (old name -> new)."""

    domain: str
    files: list[str]  # relative to the domain folder, present in the last commit
    models: dict[str, str | None]  # removed model -> its new name when renamed, else None
    edited: frozenset[str] = frozenset()  # of ``files``, those a person changed


def removal(
    project: Project,
    domain: str,
    answers: dict[str, Any],
    data: dict[str, Any],
    renamed: dict[str, str],
    template: str | None,
) -> Removal:
    """Compare the recorded render with the new one; render the old one again if needed."""
    before = answers.get("domain", {})
    after = data.get("domain", {})
    gone = [
        f for f in before.get("generated_files", []) if f not in after.get("generated_files", [])
    ]
    tracked = set(_tracked(project, domain))
    files = [f for f in gone if f"{domain}/{f}" in tracked]
    new_names = {m["name"] for m in after.get("models", [])}
    back = {old: new for new, old in renamed.items()}
    models = {
        m["name"]: back.get(m["name"])
        for m in before.get("models", [])
        if m["name"] not in new_names
    }
    edited = frozenset(_edited(project, domain, answers, files, template)) if files else frozenset()
    return Removal(domain, files, models, edited)


def keep_edited(project: Project, found: Removal) -> list[str]:
    """Put back the edited files the merge deleted; the notices to show."""
    lines = []
    for name in sorted(found.edited):
        path = f"{found.domain}/{name}"
        subprocess.run(
            ["git", "checkout", "HEAD", "--", path],
            cwd=project.root,
            capture_output=True,
            check=False,
        )
        lines.append(
            f"kept {path}: the spec no longer generates it, but it was edited; adapt it or "
            "delete it"
        )
    return lines


def importers(project: Project, found: Removal) -> list[str]:
    """Notices for each of the project's modules that still refers to a removed model."""
    lines = []
    for old, new in found.models.items():
        uses = list(_references(project, found.domain, old))
        if not uses:
            continue
        what = f"renamed to {new}" if new else "removed"
        listing = ", ".join(uses[:10]) + (f" and {len(uses) - 10} more" if len(uses) > 10 else "")
        lines.append(f"{found.domain}.{old} is {what}, but these still refer to it: {listing}")
    return lines


def _tracked(project: Project, domain: str) -> list[str]:
    result = subprocess.run(
        ["git", "ls-files", "--", domain],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.splitlines()


def _edited(
    project: Project, domain: str, answers: dict[str, Any], files: list[str], template: str | None
) -> list[str]:
    """Of ``files``, those whose committed text is not what the template generated."""
    source = template_for(answers.get("_src_path"), template, answers.get("_commit"))
    data = {key: value for key, value in answers.items() if not key.startswith("_")}
    with TemporaryDirectory(prefix="scaffold-pristine-") as scratch:
        pristine = Path(scratch) / domain
        render_domain(pristine, source, data)
        edited = []
        for name in files:
            committed = subprocess.run(
                ["git", "show", f"HEAD:{domain}/{name}"],
                cwd=project.root,
                capture_output=True,
                check=False,
            ).stdout
            generated = pristine / name
            if not generated.is_file() or generated.read_bytes() != committed:
                edited.append(name)
        return edited


def _references(project: Project, domain: str, model: str) -> Iterator[str]:
    for path in sorted(_python_files(project.root)):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        relative = path.relative_to(project.root)
        package = relative.parent.parts
        for node in ast.walk(tree):
            if _refers(node, domain, model, package):
                yield f"{relative}:{node.lineno}"
                break


def _refers(node: ast.AST, domain: str, model: str, package: tuple[str, ...]) -> bool:
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if node.level:  # relative: resolve against the file's package
            base = package[: len(package) - node.level + 1] if node.level > 1 else package
            module = ".".join([*base, *([module] if module else [])])
        return module == f"{domain}.models" and any(alias.name == model for alias in node.names)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value in (f"{domain}.{model}", f"{domain}.models.{model}")
    if isinstance(node, ast.Attribute) and node.attr == model:
        value = node.value
        return (
            isinstance(value, ast.Attribute)
            and value.attr == "models"
            and _name(value.value) == domain
        )
    return False


def _name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _python_files(root: Path) -> Iterator[Path]:
    for path in root.iterdir():
        if path.name in SKIPPED_DIRS or path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _python_files(path)
        elif path.suffix == ".py":
            yield path
