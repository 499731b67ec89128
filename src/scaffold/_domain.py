"""``new-domain``: validate a spec, render the domain, wire it in, create its migration."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scaffold._context.build import build_domain
from scaffold._plan import DomainSpecRef, PlanOptions, make_migrations
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
    plan: str = ""  # the migration plan, as shown
    files: list[str] = field(default_factory=list)  # written (or, on a dry run, that would be)
    migrations: list[str] = field(default_factory=list)
    dry_run: bool = False


def new_domain(
    spec_file: Path,
    project_dir: Path,
    template: TemplateSource | None = None,
    *,
    dry_run: bool = False,
) -> NewDomainResult:
    """Generate the domain described by ``spec_file`` into the project at ``project_dir``.

    Either everything is written (domain folder, settings, URLs, migration) or nothing is;
    ``dry_run`` lists what would be written, and writes nothing.
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
        render_domain(
            project.domain_dir(domain),
            template or bundled_template(),
            domain_data(context, raw, spec_path),
        )
        wire_domain(project, domain)
        ref = DomainSpecRef(domain, spec, spec_file, spec_path, new=True)
        made = make_migrations(project, [ref], PlanOptions())
        files = record.written()
        if dry_run:
            record.rollback()
    return NewDomainResult(
        domain,
        project.domain_dir(domain),
        spec_path,
        list(spec.models),
        plan=made.text,
        files=files,
        migrations=[str(path.relative_to(project.root)) for path in made.written],
        dry_run=dry_run,
    )


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
        self.root = project.root
        self.paths_created = [project.domain_dir(domain)]
        self.saved = {path: path.read_bytes() for path in (project.settings, project.urls)}

    def created(self, path: Path) -> None:
        if not path.exists():
            self.paths_created.append(path)

    def written(self) -> list[str]:
        """Every file created or changed so far, relative to the project."""
        files = []
        for path in self.paths_created:
            found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            files += [str(p.relative_to(self.root)) for p in found if "__pycache__" not in p.parts]
        for path, content in self.saved.items():
            if path.read_bytes() != content:
                files.append(str(path.relative_to(self.root)))
        return sorted(dict.fromkeys(files))

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
