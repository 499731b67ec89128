"""``new-domain``: validate a spec, render the domain, wire it in, create its migration."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scaffold import _django, _progress
from scaffold._context.build import build_domain
from scaffold._project import Project, find_project
from scaffold._render import domain_data, render_domain
from scaffold._spec import read_spec
from scaffold._template import TemplateSource, bundled_template
from scaffold._wiring import wire_domain
from scaffold.errors import DomainExistsError, UserError


@dataclass(frozen=True)
class NewDomainResult:
    domain: str
    directory: Path
    spec_path: str
    models: list[str]


def new_domain(
    spec_file: Path, project_dir: Path, template: TemplateSource | None = None
) -> NewDomainResult:
    """Generate the domain described by ``spec_file`` into the project at ``project_dir``.

    Either everything is written (domain folder, settings, URLs, migration) or nothing is.
    """
    project = find_project(project_dir)
    spec, raw = read_spec(spec_file)
    domain = spec.domain
    if project.domain_dir(domain).exists():
        raise DomainExistsError(
            f"{project.domain_dir(domain)} already exists; scaffold never overwrites a domain",
            hint=f"to apply a changed spec, run `scaffold update {domain}`",
        )
    context = build_domain(spec)
    with _all_or_nothing(project, domain) as record:
        spec_path = _keep_spec_in_project(project, spec_file, domain, record)
        models = f"{len(spec.models)} model{'s' if len(spec.models) > 1 else ''}"
        _progress.step(f"Rendering the {domain} domain ({models}) and tidying it with ruff")
        render_domain(
            project.domain_dir(domain),
            template or bundled_template(),
            domain_data(context, raw, spec_path),
        )
        wire_domain(project, domain)
        _progress.step(f"Making its first migration (manage.py makemigrations {domain})")
        _django.makemigrations(project, domain)
    return NewDomainResult(domain, project.domain_dir(domain), spec_path, list(spec.models))


def _keep_spec_in_project(project: Project, spec_file: Path, domain: str, record: _Undo) -> str:
    """The spec lives in the project (``specs/``), so updates find it on any machine."""
    source = spec_file.resolve()
    try:
        return str(source.relative_to(project.root))
    except ValueError:
        pass
    target = project.root / "specs" / f"{domain}.yaml"
    if target.exists() and target.read_bytes() != source.read_bytes():
        raise UserError(
            f"{target} exists and differs from {spec_file}",
            hint=f"pass {target.relative_to(project.root)} itself, or move the old file away",
        )
    record.created(target.parent)
    record.created(target)
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, target)
    return str(target.relative_to(project.root))


class _Undo:
    """Remembers what a command created and what it is about to edit, to put it back."""

    def __init__(self, project: Project, domain: str) -> None:
        self.paths_created = [project.domain_dir(domain)]
        self.saved = {path: path.read_bytes() for path in (project.settings, project.urls)}

    def created(self, path: Path) -> None:
        if not path.exists():
            self.paths_created.append(path)

    def rollback(self) -> None:
        for path in self.paths_created:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        for path, content in self.saved.items():
            path.write_bytes(content)


@contextmanager
def _all_or_nothing(project: Project, domain: str) -> Iterator[_Undo]:
    """Undo every change when anything inside fails, Ctrl-C included."""
    undo = _Undo(project, domain)
    try:
        yield undo
    except BaseException:
        undo.rollback()
        raise
