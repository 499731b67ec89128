"""``update``: pull template releases and spec changes into a project, keeping every user edit.

Each domain is its own copier subproject, updated with a 3-way merge between the version it
was generated from and the new one (new template and/or new spec), then its next migration is
made. Parts whose spec and template version are unchanged are left alone. A failure part way,
or an interrupt, restores the tree exactly; a merge conflict is left for a person.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from scaffold import _environment, _git, _progress
from scaffold._answers import read_answers
from scaffold._conflicts import (
    files_with_markers,
    park_unmerged,
    refuse_committed_markers,
    restore_unmerged,
)
from scaffold._context.build import build_domain
from scaffold._interrupts import all_or_nothing, pause_point, shielded
from scaffold._migration_stage import DomainChange, after_merge, removals, tree_diff
from scaffold._plan import PlanOptions
from scaffold._plan.policy import leftover_keys
from scaffold._project import Project, find_project
from scaffold._project_imports import missing_project_imports
from scaffold._render import domain_data, update_subproject
from scaffold._rollback import GitUndo
from scaffold._spec import read_spec, spec_error
from scaffold._spec.installed import (
    check_across_domains,
    check_foreign_domains,
    installed_models,
    recorded_specs,
)
from scaffold._update_targets import (
    Part,
    Target,
    mark_migration_pending,
    recorded_at_new_location,
    resolve_targets,
)
from scaffold.errors import MergeConflictError, ProjectError, UserError


@dataclass
class UpdateReport:
    updated: list[str] = field(default_factory=list)  # "project" and domain names
    unchanged: list[str] = field(default_factory=list)  # same spec and version: not rendered
    migrations: list[Path] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)
    plan: str = ""  # the migration plan, as shown
    notices: list[str] = field(default_factory=list)
    diff: str = ""  # a dry run's diff of everything it would change
    refusal: UserError | None = None  # why a dry run's real run would stop


def update(
    project_dir: Path,
    domains: list[str],
    *,
    everything: bool = False,
    to: str | None = None,
    template: str | None = None,
    allow_destructive: bool = False,
    dry_run: bool = False,
) -> UpdateReport:
    """Update the chosen domains (all, and the project itself, when none is named).

    Destructive migrations need ``allow_destructive``; ``dry_run`` shows the plan and the
    diff, then puts the tree back as it was.
    """
    project = find_project(project_dir)
    _check_can_start(project)
    everything = everything or not domains
    names = project.domains() if everything else _known(project, domains)
    _progress.step(f"Reading the specs of {', '.join(names) or 'no domain yet'}")
    changes = [_plan(project, name) for name in names]  # every spec is checked before any write
    parts = [Part(c.name, project.domain_dir(c.name), c.answers, c.data) for c in changes]
    if everything:
        answers = read_answers(project.root / ".copier-answers.yml")
        parts.insert(0, Part("project", project.root, answers, None))
    targets = resolve_targets(parts, to, template)  # reachable, known, not a downgrade

    report = UpdateReport(unchanged=[target.part.name for target in targets if target.current])
    for change in changes:
        if change.name in report.unchanged:
            report.notices += leftover_keys(change.spec, change.spec_path)
    todo = [target for target in targets if not target.current]
    if not todo:
        return report
    moving = {target.part.name for target in todo}
    changes = [change for change in changes if change.name in moving]
    removed = removals(project, changes, template)
    options = PlanOptions(allow_destructive=allow_destructive, dry_run=dry_run)
    undo = GitUndo(project.root)
    # A merge conflict keeps the tree as it is: the markers are the user's to resolve.
    with all_or_nothing(undo.rollback, keep=(MergeConflictError,)):
        try:
            _merge(project, todo)
            _check_project_provides(project, [t.part.name for t in todo if t.part.data])
            report.updated += [target.part.name for target in todo]
            if not dry_run:  # the project's .venv follows changed dependencies before Django runs
                _environment.refresh(project.root, _changed_files(project))
            if changes:
                _progress.step("Planning the next migrations (Django's autodetector)")
            stage = after_merge(project, changes, removed, options)
            report.migrations, report.plan = stage.migrations, stage.plan
            report.notices += stage.notices
            if stage.migration_result is not None:
                report.refusal = stage.migration_result.refusal
        except MergeConflictError as error:
            if not dry_run:
                raise
            report.refusal = error
        report.changed_files = _changed_files(project)
        if dry_run:
            report.diff = tree_diff(project)
            with shielded():
                undo.rollback()
    return report


def _check_project_provides(project: Project, domains: list[str]) -> None:
    """The merged domains import only what the project's own packages define: a domain
    updated past the project may use a helper its core gained since."""
    missing = [
        name
        for domain in domains
        for name in missing_project_imports(project.root, project.domain_dir(domain))
    ]
    if missing:
        raise ProjectError(
            f"the updated {', '.join(domains)} would import {', '.join(sorted(set(missing)))}, "
            "which this project lacks: its core, accounts and tenancy are at an older template",
            hint="update the project with them: `scaffold update` with no domain named (or "
            "--all) merges the project too; nothing was changed",
        )


def _check_can_start(project: Project) -> None:
    if not _git.is_repository(project.root):
        raise ProjectError(
            f"{project.root} is not a git repository; updates need git",
            hint="run `git init && git add -A && git commit -m 'Generated'` in the project",
        )
    _git.ensure_clean(project.root)
    refuse_committed_markers(project.root)


def _merge(project: Project, targets: list[Target]) -> None:
    """3-way merge each part; stop with the list of conflicts when any are left."""
    parked: list[str] = []
    for target in targets:
        if target.part.data is None:
            _progress.step("Merging the template into the project")
        else:
            _progress.step(
                f"Merging {target.part.name}'s spec and template, and tidying it with ruff"
            )
        with recorded_at_new_location(target) if target.relocated else nullcontext():
            update_subproject(target.part.directory, target.source, target.part.data)
        parked += park_unmerged(project.root)  # or copier cannot merge the next part
        pause_point(f"merged:{target.part.name}")
    restore_unmerged(project.root, parked)
    conflicts = files_with_markers(project.root, untracked=True)
    if conflicts:
        for target in targets:
            if target.part.data is not None:
                mark_migration_pending(target.part.directory / ".copier-answers.yml")
        raise MergeConflictError(conflicts)


def _known(project: Project, domains: list[str]) -> list[str]:
    available = project.domains()
    unknown = [name for name in domains if name not in available]
    if unknown:
        raise UserError(
            f"no domain named {', '.join(unknown)} in {project.root}",
            hint=f"domains here: {', '.join(available) or 'none yet'}",
        )
    return list(dict.fromkeys(domains))


def _plan(project: Project, name: str) -> DomainChange:
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
    domains = project.domains()
    problems = check_foreign_domains(spec, installed_models(project.root, domains, pending=True))
    others = recorded_specs(project.root, domains)
    problems += check_across_domains(spec, others)
    if problems:
        raise spec_error(spec_file, problems)
    data = domain_data(build_domain(spec, others), raw, spec_path)
    return DomainChange(name, spec, spec_file, spec_path, answers, data)


def _changed_files(project: Project) -> list[str]:
    status = _git.git(project.root, "status", "--porcelain", "--untracked-files=all")
    return [line[3:] for line in status.splitlines() if line.strip()]
