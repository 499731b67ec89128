"""The migration stage of new-domain and update: plan, judge, then write (or only show).

One worker process per command runs Django once: the autodetector with the spec's renames
and backfills, the safe/destructive classification, the read-only data pre-flight, and the
text of each migration. scaffold then decides: refuse (nothing is written), or write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scaffold import _django
from scaffold._plan.model import MigrationPlan
from scaffold._plan.policy import DomainSpecRef, notices, refusals
from scaffold._plan.report import render_plan
from scaffold._plan.request import app_request
from scaffold._project import Project
from scaffold.errors import PlanRefusedError

__all__ = ["DomainSpecRef", "MigrationResult", "PlanOptions", "make_migrations"]


@dataclass(frozen=True)
class PlanOptions:
    allow_destructive: bool = False
    dry_run: bool = False  # write the migrations all the same (for the diff); the caller undoes


@dataclass
class MigrationResult:
    plan: MigrationPlan
    text: str  # the plan as shown to the user
    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refusal: PlanRefusedError | None = None  # set instead of raised on a dry run


def make_migrations(
    project: Project, domains: list[DomainSpecRef], options: PlanOptions = PlanOptions()
) -> MigrationResult:
    """Plan the next migration of each domain; write it unless the plan is refused.

    A refused plan raises PlanRefusedError (nothing written), except on a dry run, where
    the refusal is returned with whatever could be written, to show in the diff.
    """
    # A new domain's renames and backfills have nothing to act on (specs get copied around).
    request = {"apps": {ref.name: {} if ref.new else app_request(ref.spec) for ref in domains}}
    plan = MigrationPlan.from_reply(_django.run_worker(project, request))
    specs = {ref.name: ref for ref in domains}
    text = render_plan(plan)
    reasons = refusals(plan, specs, allow_destructive=options.allow_destructive)
    result = MigrationResult(plan, text)
    if reasons:
        if not options.dry_run:
            raise PlanRefusedError(text, reasons)
        result.refusal = PlanRefusedError("", reasons)  # the caller shows the plan itself
    for migration in plan.migrations:
        if migration.text is None:
            continue
        path = project.root / migration.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(migration.text, encoding="utf-8")
        result.written.append(path)
    if result.written:
        _django.tidy(project, result.written)
    if not reasons:
        result.notices = notices(plan, specs)
    return result
