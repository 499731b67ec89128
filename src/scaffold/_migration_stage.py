"""The data side of ``update``: before the merge, what a spec change removes; after it, the
kept files, the modules still importing removed models, and the migration plan.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import _removed
from scaffold._plan import DomainSpecRef, MigrationResult, PlanOptions, make_migrations
from scaffold._project import Project
from scaffold._spec.locate import located
from scaffold._spec.schema import DomainSpec
from scaffold._wiring import wire_domain
from scaffold.errors import CommandFailedError


@dataclass(frozen=True)
class DomainChange:
    """One domain being updated: its spec now, its answers before, the data rendered now."""

    name: str
    spec: DomainSpec
    spec_file: Path
    spec_path: str
    answers: dict[str, Any]
    data: dict[str, Any]

    def ref(self) -> DomainSpecRef:
        return DomainSpecRef(self.name, self.spec, self.spec_file, self.spec_path)


@dataclass
class StageResult:
    migrations: list[Path] = field(default_factory=list)
    plan: str = ""
    notices: list[str] = field(default_factory=list)
    migration_result: MigrationResult | None = None


def removals(
    project: Project, changes: list[DomainChange], template: str | None
) -> list[_removed.Removal]:
    """Before the merge (it deletes them): generated files and models each change drops."""
    found = []
    for change in changes:
        renamed = {
            name: model.renamed_from
            for name, model in change.spec.models.items()
            if model.renamed_from
        }
        found.append(
            _removed.removal(project, change.name, change.answers, change.data, renamed, template)
        )
    return found


def after_merge(
    project: Project,
    changes: list[DomainChange],
    removed: list[_removed.Removal],
    options: PlanOptions,
) -> StageResult:
    """Wire the domains in, keep edited files, plan and write the next migrations."""
    result = StageResult()
    for change in changes:
        wire_domain(project, change.name)
    for found in removed:
        result.notices += _removed.keep_edited(project, found)
    for found in removed:
        result.notices += _removed.importers(project, found)
    if changes:
        try:
            made = make_migrations(project, [change.ref() for change in changes], options)
        except CommandFailedError as error:
            specs = [(change.spec, change.spec_file, None) for change in changes]
            raise located(error, specs) from None
        result.migrations = made.written
        result.plan = made.text
        result.notices += made.notices
        result.migration_result = made
    return result


def tree_diff(project: Project) -> str:
    """Every change in the tree since the last commit, new files included, as one diff."""
    subprocess.run(
        ["git", "add", "--intent-to-add", "--all"],
        cwd=project.root,
        capture_output=True,
        check=False,
    )
    result = subprocess.run(
        # The answers files record the whole derived domain: their diff is noise to a reader.
        ["git", "diff", "--no-color", "--no-ext-diff", "--", ".", ":(exclude)*.copier-answers.yml"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout
