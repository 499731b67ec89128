"""``status``: per part, its template version, whether a newer one exists, spec drift, conflicts.

Status is what people run when something looks wrong, so it reports every problem in the row
it belongs to (a template that cannot be reached, a missing or unreadable answers file, an
invalid spec) and goes on with the other rows: it never stops with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from scaffold import _git
from scaffold._answers import read_answers
from scaffold._conflicts import files_with_markers
from scaffold._project import Project, find_project
from scaffold._spec import read_spec
from scaffold._template import template_for
from scaffold._versions import Versions
from scaffold.errors import SpecError, UserError

# What reading a hand-edited or half-merged file can raise, besides scaffold's own errors.
_UNREADABLE = (UserError, OSError, UnicodeError, yaml.YAMLError)


@dataclass(frozen=True)
class SubprojectStatus:
    name: str  # "project" or a domain
    version: str  # the recorded template version
    available: str | None  # the version an update would bring
    outdated: bool | None  # None: could not be told (see ``problem``)
    spec_path: str | None
    drift: str | None  # None: the spec matches what was generated
    problem: str | None = None  # why the version could not be compared
    conflicts: list[str] = field(default_factory=list)  # files with unresolved markers


def status(project_dir: Path, template: str | None = None) -> list[SubprojectStatus]:
    project = find_project(project_dir)
    domains = project.domains()
    reader = _VersionReader(template)
    rows = [reader.row("project", project.root / ".copier-answers.yml", None, project.root)]
    for name in domains:
        rows.append(reader.row(name, project.answers_file(name), name, project.root))
    conflicts: dict[str, list[str]] = {}
    for path in _conflicts(project):
        top = path.split("/", 1)[0]
        conflicts.setdefault(top if "/" in path and top in domains else "project", []).append(path)
    return [replace(row, conflicts=conflicts.get(row.name, [])) for row in rows]


class _VersionReader:
    """Rows of one status run; each template's refs are read once."""

    def __init__(self, template: str | None) -> None:
        self.template = template
        self.read: dict[str, Versions | UserError] = {}

    def row(
        self, name: str, answers_file: Path, domain: str | None, root: Path
    ) -> SubprojectStatus:
        try:
            answers = read_answers(answers_file)
        except _UNREADABLE as error:
            problem = f"answers file unreadable: {_reason(error)}"
            return SubprojectStatus(name, "unknown", None, None, None, None, problem)
        recorded = str(answers.get("_commit", "unknown"))
        spec_path = str(answers.get("spec_path") or f"specs/{domain}.yaml") if domain else None
        drift = _drift(root, answers, spec_path) if spec_path else None
        try:
            versions = self._versions(answers.get("_src_path"), name)
        except UserError as error:
            return SubprojectStatus(name, recorded, None, None, spec_path, drift, error.message)
        target = versions.default_target()
        same = versions.same(recorded, target)
        return SubprojectStatus(
            name=name,
            version=recorded,
            available=versions.name(target),
            outdated=None if same is None else not same,
            spec_path=spec_path,
            drift=drift,
            problem=None if same is not None else f"{recorded} is not in the template's history",
        )

    def _versions(self, recorded_url: object, who: str) -> Versions:
        url = recorded_url if isinstance(recorded_url, str) else None
        source = template_for(url, self.template, None)
        known = self.read.get(source.location)
        if known is None:
            try:
                known = Versions.read(source, who=who)
            except UserError as error:
                known = error
            self.read[source.location] = known
        if isinstance(known, UserError):
            raise known
        return known


def _drift(root: Path, answers: dict[str, object], spec_path: str) -> str | None:
    spec_file = root / spec_path
    if not spec_file.is_file():
        return f"{spec_path} is missing"
    try:
        _, raw = read_spec(spec_file)
    except SpecError as error:
        return f"{spec_path} is invalid: {error.problems[0].message}"
    except Exception as error:  # status reports, it never stops: the row says what is wrong
        return f"{spec_path} is unreadable: {_reason(error)}"
    if raw != answers.get("spec"):
        return f"{spec_path} changed since the last generation"
    return None


def _conflicts(project: Project) -> list[str]:
    if not _git.is_repository(project.root):
        return []
    try:
        return files_with_markers(project.root, untracked=True)
    except UserError:
        return []


def _reason(error: BaseException) -> str:
    text = error.message if isinstance(error, UserError) else str(error)
    return text.splitlines()[0] if text else type(error).__name__
