"""What the plan may not do without the user: refusals, placed in the spec, and notices.

Three gates, in order: problems with the spec's renames and backfills, rows that a change
would break unless the spec says how to resolve them (the pre-flight counts), and consent
(``--allow-destructive``) for every destructive operation, whatever the counts, since the
database checked here is rarely the production one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold._plan.model import Check, MigrationPlan, Operation
from scaffold._plan.report import type_name
from scaffold._spec import spec_error
from scaffold._spec.schema import DomainSpec
from scaffold.errors import SpecProblem, UserError

SCOPE_NAMES = {"owner": "an owner", "organization": "an organization"}


@dataclass(frozen=True)
class DomainSpecRef:
    """A domain's spec, and the file it was read from (for lines in messages)."""

    name: str
    spec: DomainSpec
    file: Path  # as shown in messages
    shown: str  # the spec's path relative to the project
    new: bool = False  # a new domain: nothing to rename or backfill yet


def refusals(
    plan: MigrationPlan, specs: dict[str, DomainSpecRef], *, allow_destructive: bool
) -> list[UserError]:
    """Everything that stops the plan, most specific first; empty when it may be written."""
    found: dict[str, list[SpecProblem]] = {}
    for label, app in plan.apps.items():
        ref = specs.get(label)
        for problem in app.problems:
            if problem["kind"].startswith("suspected_") and allow_destructive:
                continue
            found.setdefault(label, []).append(_worker_problem(problem, ref))
        for migration in app.migrations:
            for operation in migration.operations:
                for check in operation.checks:
                    if problem := _check_problem(check, operation, ref):
                        found.setdefault(label, []).append(problem)
    reasons: list[UserError] = []
    for label, problems in found.items():
        ref = specs.get(label)
        if ref is None:
            reasons.append(UserError(f"{label}: " + "; ".join(p.message for p in problems)))
        else:
            reasons.append(spec_error(ref.file, problems))
    destructive = plan.destructive
    if destructive and not allow_destructive:
        count = len(destructive)
        reasons.append(
            UserError(
                f"the plan has {count} destructive operation{'s' if count != 1 else ''} "
                "(marked above): they drop or change data, or can fail on existing rows",
                hint="review them, and back up what they touch; to apply them, run again "
                "with --allow-destructive",
            )
        )
    return reasons


def notices(plan: MigrationPlan, specs: dict[str, DomainSpecRef]) -> list[str]:
    """What the user may want to know or tidy after the plan is written."""
    lines = []
    for label, app in plan.apps.items():
        ref = specs.get(label)
        where = ref.shown if ref else label
        for item in app.renames_applied:
            lines.append(
                f"{where}: {_key(item, 'renamed_from')} takes effect in the new migration "
                "and is ignored from then on; you may remove it"
            )
        for item in app.renames_done:
            lines.append(
                f"{where}: {_key(item, 'renamed_from')} took effect in an earlier migration "
                "and is ignored; you may remove it"
            )
        used = {(op.model, op.field) for m in app.migrations for op in m.operations if op.backfill}
        for model, field in sorted(used, key=str):
            key = _backfill_key(ref, model or "", field or "")
            lines.append(
                f"{where}: {key} is used once, by the new migration (it is no default); "
                "remove it after committing"
            )
        for item in app.unused_backfills:
            key = _backfill_key(ref, item["model"], item["field"])
            lines.append(
                f"{where}: {key} is not needed by this update and is ignored; you may remove it"
            )
    return lines


def leftover_keys(spec: DomainSpec, where: str) -> list[str]:
    """Notices for a domain an update skips (same spec as last time): its one-off keys did their
    work in an earlier update, or were ignored when the domain was new."""
    lines = []
    for name, model in spec.models.items():
        if model.renamed_from is not None:
            key = _key({"model": name}, "renamed_from")
            lines.append(
                f"{where}: {key} took effect in an earlier migration and is ignored; "
                "you may remove it"
            )
        for field_name, field in model.fields.items():
            item = {"model": name, "field": field_name}
            if field.renamed_from is not None:
                lines.append(
                    f"{where}: {_key(item, 'renamed_from')} took effect in an earlier "
                    "migration and is ignored; you may remove it"
                )
            if field.has_backfill:
                lines.append(
                    f"{where}: {_key(item, 'backfill')} was used by an earlier "
                    "migration, if at all, and is ignored; you may remove it"
                )
    return lines


def _key(item: dict[str, str], key: str) -> str:
    if "field" in item:
        return f"models.{item['model']}.fields.{item['field']}.{key}"
    return f"models.{item['model']}.{key}"


def _backfill_key(ref: DomainSpecRef | None, model: str, field: str) -> str:
    if _is_scope_field(ref, model, field):
        return f"models.{model}.backfill.{field}"
    return f"models.{model}.fields.{field}.backfill"


def _is_scope_field(ref: DomainSpecRef | None, model: str, field: str | None) -> bool:
    if ref is None or field is None or field not in SCOPE_NAMES:
        return False
    spec = ref.spec.models.get(model)
    return spec is None or field not in spec.fields


def _path(ref: DomainSpecRef | None, model: str, field: str | None, key: str | None) -> tuple:
    tail = (key,) if key else ()
    if field is None:
        return ("models", model, *tail)
    if _is_scope_field(ref, model, field):
        return (
            ("models", model, "backfill", field)
            if key == "backfill"
            else ("models", model, "scope")
        )
    return ("models", model, "fields", field, *tail)


# --- problems the worker found with renames and backfills -----------------------------------


def _worker_problem(problem: dict[str, Any], ref: DomainSpecRef | None) -> SpecProblem:
    where, facts, kind = problem["where"], problem["facts"], problem["kind"]
    model, field = where["model"], where.get("field")
    path = _path(ref, model, field, where.get("key"))
    old = facts.get("old")
    thing = f"field '{field}' of {model}" if field else f"model {model}"
    message, hint = f"{kind}: {facts}", None
    if kind == "rename_source_missing":
        known = ", ".join(facts.get("known", [])) or "none"
        place = f"{model} has no field" if field else "the domain has no model"
        message = f"renamed_from '{old}': {place} '{old}' in the migrations"
        hint = f"did you mean '{facts['close']}'?" if facts.get("close") else f"there: {known}"
    elif kind == "rename_source_kept":
        still = f"a field of {model}" if field else "a model"
        message = f"renamed_from '{old}': '{old}' is still {still} in models.py"
        hint = "a rename's former name must be gone from the models; was models.py edited?"
    elif kind == "rename_in_new_model":
        message = f"{model} is a new model, so field '{field}' has nothing to be renamed from"
        hint = f"if {model} is an existing model renamed, give it `renamed_from: <former name>`"
    elif kind in ("suspected_field_rename", "suspected_model_rename"):
        message, hint = _suspect(kind, model, field, facts)
    elif kind == "backfill_invalid":
        message = f"the backfill of {thing} is not valid: {'; '.join(facts.get('messages', []))}"
    elif kind == "backfill_path":
        message, hint = _bad_path(field or "", facts)
    elif kind == "backfill_row_kind":
        target = facts.get("target") or "no model"
        message = f"{{{facts['kind']}: ...}} fills a foreign key to the {facts['kind']} model"
        message += f"; {model}.{field} points to {target}"
    return SpecProblem(path=path, message=message, hint=hint)


def _suspect(kind: str, model: str, field: str | None, facts: dict[str, Any]) -> tuple[str, str]:
    old = facts["old"]
    if kind == "suspected_model_rename":
        message = (
            f"model '{old}' is gone and '{model}' is new, with much the same fields: a rename "
            f"keeps {old}'s rows, a removal drops them"
        )
        hint = (
            f"if {model} is {old} renamed, add `renamed_from: {old}` to models.{model}; to drop "
            f"{old} and its rows, run again with --allow-destructive"
        )
        return message, hint
    kind_of = type_name(facts["type"])
    message = (
        f"field '{old}' of {model} is gone and '{field}' is new ({kind_of}): a rename keeps its "
        "data, a removal drops it"
    )
    hint = (
        f"if '{field}' is '{old}' renamed, add `renamed_from: {old}` to it; to drop '{old}' "
        "and its data, run again with --allow-destructive"
    )
    return message, hint


def _bad_path(field: str, facts: dict[str, Any]) -> tuple[str, str | None]:
    path = facts["path"]
    if "missing" in facts:
        known = ", ".join(facts.get("known", []))
        return (
            f"backfill path '{path}': {facts['model']} has no field '{facts['missing']}' "
            "before this update",
            f"a path follows foreign keys the database already has; {facts['model']} has: {known}",
        )
    if "not_relation" in facts:
        return (
            f"backfill path '{path}': '{facts['not_relation']}' of {facts['model']} is not a "
            "foreign key, so the path cannot go on",
            None,
        )
    return (
        f"backfill path '{path}' ends at {facts['ends_at']}, but {field} needs {facts['expected']}",
        None,
    )


# --- rows the pre-flight found -------------------------------------------------------------


def _check_problem(
    check: Check, operation: Operation, ref: DomainSpecRef | None
) -> SpecProblem | None:
    facts = check.facts
    model, field = check.model, facts.get("field")
    if check.kind == "needs_value" and not check.resolved:
        return _needs_value(check, operation, ref)
    if not check.refuses:
        return None
    n = check.count or 0
    rows = f"{n} row{'s' if n != 1 else ''} of {model}"
    path = _path(ref, model, field, None)
    backfill_hint = (
        f"add `backfill: <value>` to {'.'.join(map(str, path))}: those rows get it, once"
    )
    kind = check.kind
    if kind == "too_long":
        message = f"{rows}: {field} longer than {facts['limit']} characters, the new max_length"
        hint = (
            "shorten those values first (PostgreSQL and MariaDB would fail the migration, "
            "SQLite every later edit of those rows), or keep the longer max_length"
        )
    elif kind == "removed_choice":
        values = ", ".join(str(v) for v in facts["values"])
        message = f"{rows}: {field} holds {values}, a choice the spec removes"
        hint = f"{backfill_hint.replace('<value>', '<a choice>')}; or keep the choice"
    elif kind == "null_rows":
        message = f"{rows}: no value for {field}, which becomes required"
        hint = f"{backfill_hint}; or keep null: true"
    elif kind == "duplicates":
        fields = ", ".join(facts["fields"])
        message = f"{rows}: not unique in ({fields}), which the new unique constraint requires"
        hint = "make those rows unique first, or keep the constraint out of the spec"
        path = ("models", model, "constraints") if "constraint" in facts else (*path, "unique")
    elif kind == "check_violation":
        message = f"{rows}: breaking the new check constraint {facts['constraint']}"
        hint = "correct those rows first, or change the check"
        path = ("models", model, "constraints")
    elif kind == "out_of_range":
        side = "below the new min" if facts["bound"] == "min" else "above the new max"
        message = f"{rows}: {field} {side} ({facts['limit']})"
        hint = "change those rows first, or keep the old bound"
    elif kind == "overflow":
        message = f"{rows}: {field} too large for {facts['digits']} digits before the point"
        hint = "keep more digits (max_digits), or change those rows first"
    elif kind == "rounded":
        message = f"{rows}: {field} with more than {facts['places']} decimal places"
        hint = "they would be rounded: keep decimal_places, or round those rows yourself first"
    elif kind == "path_null":
        message = f"{rows}: nothing at {facts['path']}, so the backfill gives them no {field}"
        hint = f"fill in their {facts['path'].split('__')[0]} first, or backfill a fixed value"
        path = _path(ref, model, field, "backfill")
    elif kind == "missing_row":
        target = facts["model"].split(".")[-1]
        message = (
            f"no {target} with {facts['lookup']} '{facts['value']}' in the database, but "
            f"{rows} need one"
        )
        hint = "create it first, or name another in the backfill"
        path = _path(ref, model, field, "backfill")
    else:
        message, hint = f"{rows} would break ({kind})", None
    return SpecProblem(path=path, message=message, hint=hint)


def _needs_value(check: Check, operation: Operation, ref: DomainSpecRef | None) -> SpecProblem:
    model, field = check.model, check.facts.get("field") or ""
    counted = "" if check.count is None else f" ({check.count} here)"
    if _is_scope_field(ref, model, field):
        wanted = SCOPE_NAMES[field]
        message = f"{model}'s rows now each belong to {wanted}: existing rows{counted} need one"
        form = "user: <username>" if field == "owner" else "organization: <slug>"
        hint = f"add to models.{model}: `backfill: {{{field}: {{{form}}}}}` (one for every row)"
        paths = check.facts.get("paths") or []
        if paths:
            hint += (
                " or "
                + " or ".join(f"`backfill: {{{field}: {{from: {p}}}}}`" for p in paths[:3])
                + " (each row's own)"
            )
        return SpecProblem(path=("models", model, "scope"), message=message, hint=hint)
    message = f"field '{field}' is new and required: existing {model} rows{counted} need a value"
    is_relation = bool(check.facts.get("relation"))
    form = (
        "<id of the row they point to>` or `backfill: {from: <foreign key path>}"
        if (is_relation)
        else "<value>"
    )
    hint = (
        f"add `backfill: {form}` to it (existing rows get it once; the field gets no default), "
        "or give it a default, or null: true"
    )
    return SpecProblem(path=_path(ref, model, field, None), message=message, hint=hint)
