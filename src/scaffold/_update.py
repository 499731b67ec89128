"""``update``: pull template releases and spec changes into a project, keeping every user edit.

Each domain is its own copier subproject, updated with a 3-way merge between the version it
was generated from and the new one (new template and/or new spec), then its next migration is
made. A failure part way restores the tree exactly; a merge conflict is left for a person.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import _django, _environment, _git, _progress
from scaffold._answers import read_answers
from scaffold._context.build import build_domain
from scaffold._project import Project, find_project
from scaffold._render import domain_data, update_subproject
from scaffold._spec import read_spec
from scaffold._template import template_for
from scaffold._wiring import wire_domain
from scaffold.errors import MergeConflictError, ProjectError, UserError

_CONFLICT = re.compile(r"^<{7} ", re.MULTILINE)


@dataclass
class UpdateReport:
    updated: list[str] = field(default_factory=list)  # "project" and domain names
    migrations: list[Path] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _DomainPlan:
    name: str
    answers: dict[str, Any]  # as recorded at the last generation
    data: dict[str, Any]  # what to render now


def update(
    project_dir: Path,
    domains: list[str],
    *,
    everything: bool = False,
    to: str | None = None,
    template: str | None = None,
) -> UpdateReport:
    """Update the chosen domains (all, and the project itself, when none is named)."""
    project = find_project(project_dir)
    if not _git.is_repository(project.root):
        raise ProjectError(f"{project.root} is not a git repository; updates need git")
    _git.ensure_clean(project.root)
    everything = everything or not domains
    names = project.domains() if everything else _known(project, domains)
    _progress.step(f"Reading the specs of {', '.join(names) or 'no domain yet'}")
    plans = [_plan(project, name) for name in names]  # every spec is checked before any write

    report = UpdateReport()
    try:
        if everything:
            answers = read_answers(project.root / ".copier-answers.yml")
            _progress.step("Merging the template into the project")
            _update_one(project.root, answers, None, to, template)
            report.updated.append("project")
        for plan in plans:
            _progress.step(f"Merging {plan.name}'s spec and template, and tidying it with ruff")
            _update_one(project.domain_dir(plan.name), plan.answers, plan.data, to, template)
            report.updated.append(plan.name)
        conflicts = _conflicted_files(project)
        if conflicts:
            raise MergeConflictError(conflicts)
        _environment.refresh(project.root, _changed_files(project))
        for plan in plans:
            wire_domain(project, plan.name)
            _progress.step(f"Running manage.py makemigrations {plan.name}")
            report.migrations += _django.makemigrations(project, plan.name)
    except MergeConflictError:
        raise  # the markers are the user's to resolve; nothing else is undone
    except BaseException:
        _restore(project)
        raise
    report.changed_files = _changed_files(project)
    return report


def _known(project: Project, domains: list[str]) -> list[str]:
    available = project.domains()
    unknown = [name for name in domains if name not in available]
    if unknown:
        raise UserError(
            f"no domain named {', '.join(unknown)} in {project.root}",
            hint=f"domains here: {', '.join(available) or 'none yet'}",
        )
    return list(dict.fromkeys(domains))


def _plan(project: Project, name: str) -> _DomainPlan:
    """Re-read the domain's spec (it may have changed) and derive the data to render."""
    answers = read_answers(project.answers_file(name))
    spec_path = answers.get("spec_path") or f"specs/{name}.yaml"
    spec_file = project.root / spec_path
    spec, raw = read_spec(spec_file)
    if spec.domain != name:
        raise UserError(
            f"{spec_path} now names the domain '{spec.domain}', but it generated '{name}'",
            hint="renaming a domain is not supported; restore `domain: " + name + "`",
        )
    return _DomainPlan(name, answers, domain_data(build_domain(spec), raw, spec_path))


def _update_one(
    subproject: Path,
    answers: dict[str, Any],
    data: dict[str, Any] | None,
    to: str | None,
    template: str | None,
) -> None:
    source = template_for(answers.get("_src_path"), template, to)
    update_subproject(subproject, source, data)


def _changed_files(project: Project) -> list[str]:
    status = _git.git(project.root, "status", "--porcelain", "--untracked-files=all")
    return [line[3:] for line in status.splitlines() if line.strip()]


def _conflicted_files(project: Project) -> list[str]:
    conflicted = []
    for name in _changed_files(project):
        path = project.root / name
        if path.is_file() and path.suffix not in (".rej", ".orig"):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            if _CONFLICT.search(text):
                conflicted.append(name)
    return conflicted


def _restore(project: Project) -> None:
    """Put the tree back exactly as it was (it was clean when the update started)."""
    subprocess.run(["git", "reset", "--quiet", "--hard", "HEAD"], cwd=project.root, check=False)
    subprocess.run(["git", "clean", "--quiet", "-fd"], cwd=project.root, check=False)
