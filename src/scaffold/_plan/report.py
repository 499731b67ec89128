"""The migration plan in words: one line per operation, marked safe or destructive."""

from __future__ import annotations

from typing import Any

from scaffold._plan.model import AppPlan, Check, MigrationPlan, Operation

WIDTH = len("destructive")
# Django's field types in the spec's words.
TYPE_NAMES = {
    "CharField": "string",
    "TextField": "text",
    "IntegerField": "integer",
    "DecimalField": "decimal",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
    "EmailField": "email",
    "URLField": "url",
    "UUIDField": "uuid",
    "JSONField": "json",
    "ForeignKey": "foreign key",
}


def type_name(django_type: str) -> str:
    return TYPE_NAMES.get(django_type, django_type)


def render_plan(plan: MigrationPlan) -> str:
    """Every operation of every new migration, with the row counts that matter."""
    blocks = []
    for app in plan.apps.values():
        if not app.migrations:
            continue
        lines = []
        for migration in app.migrations:
            lines.append(f"Migration plan: {migration.path}")
            for operation in migration.operations:
                lines.append(f"  {operation.safety:<{WIDTH}}  {describe(operation)}")
        lines.append(f"  {'':<{WIDTH}}  ({database_line(plan, app)})")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def database_line(plan: MigrationPlan, app: AppPlan) -> str:
    database = plan.database or {}
    where = f"{database.get('vendor', 'the')} database {database.get('name', '')}".strip()
    return {
        "migrated": f"rows counted in the {where}",
        "new": "no rows to count: the database has none of these tables yet",
        "behind": f"rows not counted: the {where} is {app.database_detail}; "
        "run `manage.py migrate` first for exact counts",
        "missing": f"rows not counted: {app.database_detail or 'no database yet'}",
        "unreachable": f"rows not counted: the {where} is unreachable ({app.database_detail})",
    }.get(app.database, f"rows not counted ({app.database})")


def describe(operation: Operation) -> str:
    """``alter field Invoice.number: max_length 32 -> 20; 3 rows longer than 20 characters``."""
    head = _head(operation)
    details = [text for change in operation.changes if (text := _change(change))]
    counts = [text for check in operation.checks if (text := check_text(check, operation))]
    if operation.backfill and not any(check.resolved for check in operation.checks):
        counts.append(f"backfill {backfill_text(operation.backfill)}")
    parts = [head + (": " + ", ".join(details) if details else "")]
    return "; ".join(parts + counts)


def _head(operation: Operation) -> str:
    kind, model, field = operation.operation, operation.model, operation.field
    renamed = next((c["old"] for c in operation.changes if c["what"] == "renamed"), None)
    heads = {
        "CreateModel": f"create model {model}",
        "DeleteModel": f"delete model {model} and its table",
        "RenameModel": f"rename model {renamed} to {model}",
        "RenameField": f"rename field {model}.{renamed} to {field}",
        "AddField": f"add field {model}.{field}",
        "RemoveField": f"remove field {model}.{field} and its column",
        "AlterField": f"alter field {model}.{field}",
        "AlterModelOptions": f"change the Meta options of {model}",
    }
    if kind in heads:
        return heads[kind]
    if operation.subject and (text := _subject_head(kind, model, operation.subject)):
        return text
    return operation.description[:1].lower() + operation.description[1:]


def _subject_head(kind: str, model: str | None, subject: dict[str, Any]) -> str | None:
    name, fields = subject.get("name"), ", ".join(subject.get("fields") or [])
    what = {"index": "index", "unique": "unique constraint", "check": "check constraint"}.get(
        subject.get("kind", ""), "constraint"
    )
    detail = f" ({fields})" if fields else ""
    if subject.get("kind") == "check" and subject.get("condition"):
        detail = f": {subject['condition']}"
    if kind in ("AddIndex", "AddConstraint"):
        return f"add {what} {name} on {model}{detail}"
    if kind in ("RemoveIndex", "RemoveConstraint"):
        return f"remove {what} {name} from {model}{detail}"
    if kind == "RenameIndex":
        return f"rename index {subject.get('old')} of {model} to {name}"
    return None


def _change(change: dict[str, Any]) -> str | None:
    what, old, new = change["what"], change.get("old"), change.get("new")
    texts = {
        "type": f"{type_name(str(old))} -> {type_name(str(new))}",
        "max_length": f"max_length {old} -> {new}",
        "integer_digits": f"digits before the point {old} -> {new}",
        "decimal_places": f"decimal_places {old} -> {new}",
        "digits": f"max_digits, decimal_places {_pair(old)} -> {_pair(new)}",
        "null": "made required (NOT NULL)" if old else "made optional (null allowed)",
        "choices_removed": f"removes choice(s) {_values(change.get('values'))}",
        "choices_added": f"adds choice(s) {_values(change.get('values'))}",
        "unique": "made unique",
        "min": f"min {old} -> {new}" if old is not None else f"min {new}, none before",
        "max": f"max {old} -> {new}" if old is not None else f"max {new}, none before",
        "target": f"points to {new} instead of {old}",
        "follows_rename": f"the same as {old}, renamed with its fields",
        "part_of_deletion": "part of deleting the model",
        "unknown": "an operation scaffold does not know: review the migration",
        "options": "options only (labels, help text, defaults, validation)",
    }
    return texts.get(what)


def check_text(check: Check, operation: Operation) -> str | None:
    """The count of one check, in words; None when there is nothing to say."""
    facts = check.facts
    if check.kind == "not_checked":
        return "rows not checked"
    if check.count is None:
        return f"rows not counted ({check.error})" if check.error else None
    n = check.count
    rows = f"{n} row{'s' if n != 1 else ''}"
    values = _values(facts.get("values"))
    texts = {
        "rows_lost": f"{rows} in it",
        "values_lost": f"{rows} with a value",
        "converted": f"{rows} to convert",
        "needs_value": (
            f"{rows} get {backfill_text(operation.backfill)}"
            if check.resolved and operation.backfill
            else f"{rows} need a value"
        ),
        "path_null": f"{rows} with no {facts.get('path')}",
        "missing_row": f"{rows} would get a missing {facts.get('model', 'row').split('.')[-1]}",
        "too_long": f"{rows} longer than {facts.get('limit')} characters",
        "removed_choice": f"{rows} holding {values}",
        "null_rows": f"{rows} without a value",
        "duplicates": f"{rows} not unique",
        "check_violation": f"{rows} breaking it",
        "out_of_range": f"{rows} {'below' if facts.get('bound') == 'min' else 'above'} "
        f"{facts.get('limit')}",
        "overflow": f"{rows} too large",
        "rounded": f"{rows} to be rounded",
    }
    text = texts.get(check.kind)
    if text is None or (check.kind == "missing_row" and not n):
        return None
    if check.resolved and check.kind != "needs_value" and operation.backfill:
        text += f", which get {backfill_text(operation.backfill)}"
    return text


def backfill_text(backfill: dict[str, Any] | None) -> str:
    if not backfill:
        return "nothing"
    if "value" in backfill:
        return f"the backfill {backfill['value']!r}"
    if "from" in backfill:
        return f"the backfill from {backfill['from']}"
    kind = "user" if "user" in backfill else "organization"
    return f"the backfill {kind} {backfill[kind]!r}"


def _values(values: Any) -> str:
    return ", ".join(str(value) for value in values or [])


def _pair(value: Any) -> str:
    return ",".join(str(item) for item in value) if isinstance(value, list) else str(value)
