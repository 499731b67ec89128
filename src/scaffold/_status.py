"""``status``: per domain, its template version, whether a newer one exists, and spec drift."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold._answers import read_answers
from scaffold._project import find_project
from scaffold._spec import read_spec
from scaffold._template import describe, resolve_commit, target_ref, template_for
from scaffold.errors import SpecError


@dataclass(frozen=True)
class SubprojectStatus:
    name: str  # "project" or a domain
    version: str  # the recorded template version
    available: str | None  # the version an update would bring
    outdated: bool | None  # None: the template could not be reached to tell
    spec_path: str | None
    drift: str | None  # None: the spec matches what was generated


def status(project_dir: Path, template: str | None = None) -> list[SubprojectStatus]:
    project = find_project(project_dir)
    rows = [_row(project.root, "project", template, spec_path=None)]
    for name in project.domains():
        answers = read_answers(project.answers_file(name))
        rows.append(_row(project.domain_dir(name), name, template, answers.get("spec_path")))
    return rows


def _row(
    subproject: Path, name: str, template: str | None, spec_path: str | None
) -> SubprojectStatus:
    answers = read_answers(subproject / ".copier-answers.yml")
    recorded = str(answers.get("_commit", "unknown"))
    source = template_for(answers.get("_src_path"), template, None)
    target = target_ref(source)
    now, then = resolve_commit(source, target), resolve_commit(source, recorded)
    outdated = None if now is None or then is None else now != then
    return SubprojectStatus(
        name=name,
        version=recorded,
        available=describe(source, target) if now else None,
        outdated=outdated,
        spec_path=spec_path,
        drift=_drift(subproject.parent if name != "project" else subproject, answers, spec_path)
        if spec_path
        else None,
    )


def _drift(project_root: Path, answers: dict[str, object], spec_path: str) -> str | None:
    spec_file = project_root / spec_path
    if not spec_file.is_file():
        return f"{spec_path} is missing"
    try:
        _, raw = read_spec(spec_file)
    except SpecError as error:
        return f"{spec_path} is invalid: {error.problems[0].message}"
    if raw != answers.get("spec"):
        return f"{spec_path} changed since the last generation"
    return None
