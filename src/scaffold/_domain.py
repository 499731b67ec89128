"""``new-domain``: validate a spec, render the domain, wire it in, create its migration."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scaffold import _progress
from scaffold._answers import read_answers
from scaffold._context.build import build_domain
from scaffold._context.security import short_summary
from scaffold._interrupts import all_or_nothing, pause_point, shielded
from scaffold._plan import DomainSpecRef, PlanOptions, make_migrations
from scaffold._project import Project, find_project
from scaffold._project_imports import missing_project_imports
from scaffold._render import domain_data, render_domain
from scaffold._rollback import Undo
from scaffold._spec import read_spec_text, spec_error
from scaffold._spec.installed import (
    check_across_domains,
    check_foreign_domains,
    installed_models,
    recorded_specs,
)
from scaffold._spec.locate import located
from scaffold._template import TemplateSource, template_for_new_domain
from scaffold._versions import Versions
from scaffold._wiring import wire_domain
from scaffold.errors import CommandFailedError, DomainExistsError, ProjectError, UserError


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
    security: list[str] = field(default_factory=list)  # a line per model (SECURITY.md's gist)


def new_domain(
    spec_file: Path,
    project_dir: Path,
    template: str | None = None,
    to: str | None = None,
    *,
    dry_run: bool = False,
) -> NewDomainResult:
    """Generate the domain described by ``spec_file`` into the project at ``project_dir``.

    The template is ``template`` (a URL or path) if given, else the one the project records
    (the bundled one, or the team's fork it was generated from). Either everything is written
    (domain folder, settings, URLs, migration) or nothing is, Ctrl-C and SIGTERM included;
    ``dry_run`` lists what would be written, and writes nothing.
    """
    project = find_project(project_dir)
    spec, raw, text = read_spec_text(spec_file)
    domain = spec.domain
    if project.domain_dir(domain).exists():
        raise DomainExistsError(
            f"{project.domain_dir(domain)} already exists; scaffold never overwrites a domain",
            hint=f"to apply a changed spec, run `scaffold update {domain}`",
        )
    # Before anything is rendered: a wrong `to: app.Model` would only fail in makemigrations.
    domains = project.domains()
    problems = check_foreign_domains(spec, installed_models(project.root, domains))
    others = recorded_specs(project.root, domains)
    problems += check_across_domains(spec, others)
    if problems:
        raise spec_error(spec_file, problems, text)
    context = build_domain(spec, others)
    source = _project_template(project, template, to)
    undo = Undo(project.root, edits=(project.settings, project.urls))
    with all_or_nothing(undo.rollback):
        undo.created(project.domain_dir(domain))
        spec_path = _keep_spec_in_project(project, spec_file, text, domain, undo)
        models = f"{len(spec.models)} model{'s' if len(spec.models) > 1 else ''}"
        _progress.step(f"Rendering the {domain} domain ({models}) and tidying it with ruff")
        render_domain(project.domain_dir(domain), source, domain_data(context, raw, spec_path))
        pause_point("rendered")
        _check_project_provides(project, domain)
        wire_domain(project, domain)
        _progress.step("Making its first migration (Django's autodetector)")
        ref = DomainSpecRef(domain, spec, spec_file, spec_path, new=True)
        try:
            made = make_migrations(project, [ref], PlanOptions())
        except CommandFailedError as error:
            raise located(error, [(spec, spec_file, text)]) from None
        files = undo.written()
        if dry_run:
            with shielded():
                undo.rollback()
    return NewDomainResult(
        domain,
        project.domain_dir(domain),
        spec_path,
        list(spec.models),
        plan=made.text,
        files=files,
        migrations=[str(path.relative_to(project.root)) for path in made.written],
        dry_run=dry_run,
        security=[short_summary(model) for model in context["models"]],
    )


def _check_project_provides(project: Project, domain: str) -> None:
    """The rendered domain imports only what the project's own packages define."""
    missing = missing_project_imports(project.root, project.domain_dir(domain))
    if missing:
        raise ProjectError(
            f"the {domain} domain imports {', '.join(missing)}, which this project lacks: its "
            "core, accounts and tenancy come from an older template than the new domain",
            hint="run `scaffold update` to bring the project to the template's version (your "
            "edits are kept), then add the domain again; nothing was changed in the project",
        )


def _project_template(project: Project, template: str | None, to: str | None) -> TemplateSource:
    """The template for a new domain, checked reachable before anything is written."""
    answers = project.root / ".copier-answers.yml"
    recorded = read_answers(answers).get("_src_path") if answers.is_file() else None
    source = template_for_new_domain(recorded, template, to)
    Versions.read(source, who="this project")  # a moved fork is a clear error, not a traceback
    return source


def _keep_spec_in_project(
    project: Project, spec_file: Path, text: str, domain: str, record: Undo
) -> str:
    """The spec lives in the project (``specs/``), so updates find it on any machine.

    What is kept is the text that was read and checked: a pipe (/dev/stdin, <(...)) cannot be
    read twice, and a file changed meanwhile must not slip in unchecked.
    """
    source = spec_file.resolve()
    if spec_file.is_file():
        try:
            return str(source.relative_to(project.root))
        except ValueError:
            pass
    target = project.root / "specs" / f"{domain}.yaml"
    content = text.encode("utf-8")
    if target.exists() and target.read_bytes() != content:
        raise UserError(
            f"{target} exists and differs from {spec_file}",
            hint=f"pass {target.relative_to(project.root)} itself, or move the old file away",
        )
    record.created(target.parent)
    record.created(target)
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(content)
    return str(target.relative_to(project.root))
