"""Each operation of a migration, marked safe or destructive, with the data checks it needs.

Destructive means existing data can be lost or refused: a table or column dropped, a type,
length or number of digits narrowed, choices removed, a column made required, a unique or
check constraint added (but for a check stating the field's existing min/max validators), a
range narrowed. Each such operation names the rows to count
(``Check``); ``preflight`` counts them in the project's database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core import validators
from django.db import models
from django.db.migrations import operations
from django.db.migrations.state import ProjectState
from django.db.migrations.utils import resolve_relation

from scaffold_worker.detect import Question, referenced_fields

# Type changes that never lose a value (the database converts every row as it is).
WIDENING = {
    ("CharField", "TextField"),
    ("EmailField", "TextField"),
    ("URLField", "TextField"),
    ("SlugField", "TextField"),
    ("EmailField", "CharField"),
    ("URLField", "CharField"),
    ("SlugField", "CharField"),
    ("SmallIntegerField", "IntegerField"),
    ("SmallIntegerField", "BigIntegerField"),
    ("IntegerField", "BigIntegerField"),
    ("PositiveSmallIntegerField", "PositiveIntegerField"),
    ("PositiveIntegerField", "PositiveBigIntegerField"),
}
SAFE_OPERATIONS = (
    operations.CreateModel,
    operations.RenameModel,
    operations.RenameField,
    operations.AddIndex,
    operations.RemoveIndex,
    operations.RenameIndex,
    operations.RemoveConstraint,
    operations.AlterModelOptions,
    operations.AlterModelManagers,
    operations.AlterModelTable,
    operations.AlterIndexTogether,
)


@dataclass
class Source:
    """Where a field's value for an existing row comes from, seen from the database today."""

    kind: str  # column (an existing column), value (a constant), path (through foreign
    # keys), row (one row of another model, found by a lookup)
    name: str | None = None  # column name, or the path
    value: Any = None  # the constant, or for a row {"model": label, "lookup": field, "value": v}
    field: models.Field | None = None  # the new field, for typing a constant


@dataclass
class Check:
    """Rows of one model to count before the migration is written."""

    kind: str
    model: str  # the model's name now (in the new state)
    table: str | None  # the model's name in the database's state; None for a new model
    sources: dict[str, Source]  # every field of the model now -> where existing rows have it
    facts: dict[str, Any] = field(default_factory=dict)
    blocking: bool = True  # a non-zero count refuses the update unless resolved
    resolved: str | None = None  # what in the spec resolves it (e.g. "backfill")
    count: int | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "model": self.model,
            "facts": {k: v for k, v in self.facts.items() if not k.startswith("python_")},
            "blocking": self.blocking,
            "resolved": self.resolved,
            "count": self.count,
            "error": self.error,
        }


@dataclass
class Planned:
    """One operation as the plan shows it."""

    operation: Any
    app: str
    model: str | None
    field: str | None
    safety: str  # safe | destructive
    changes: list[dict[str, Any]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    backfill: dict[str, Any] | None = None
    old_item: Any = None  # the index or constraint a Remove operation drops

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": type(self.operation).__name__,
            "description": self.operation.describe(),
            "model": self.model,
            "field": self.field,
            "safety": self.safety,
            "changes": self.changes,
            "checks": [check.as_json() for check in self.checks],
            "backfill": self.backfill,
            "subject": _subject(self.operation, self.old_item),
        }


class Walk:
    """Follows the operations of one app through the state, from the database's state on."""

    def __init__(self, app: str, state: ProjectState, backfills: dict[str, dict[str, Any]]):
        self.app = app
        self.state = state  # advanced operation by operation
        self.backfills = backfills  # {Model: {field: instruction}}
        # model now (lower case) -> its name in the database's state (None: created here)
        self.tables: dict[str, str | None] = {
            key[1]: key[1] for key in state.models if key[0] == app
        }
        # (model now, field now) -> where an existing row has its value
        self.sources: dict[tuple[str, str], Source] = {
            (key[1], name): Source("column", name)
            for key in state.models
            if key[0] == app
            for name in state.models[key].fields
        }
        self.renamed: dict[str, dict[str, str]] = {}  # model now -> {field now: old name}

    def plan(self, operation: Any) -> Planned:
        planned = self._classify(operation)
        self._advance(operation)
        return planned

    # --- state -----------------------------------------------------------------------------

    def _advance(self, operation: Any) -> None:
        app = self.app
        if isinstance(operation, operations.CreateModel):
            self.tables[operation.name_lower] = None
        elif isinstance(operation, operations.DeleteModel):
            self.tables.pop(operation.name_lower, None)
        elif isinstance(operation, operations.RenameModel):
            old, new = operation.old_name_lower, operation.new_name_lower
            self.tables[new] = self.tables.pop(old, None)
            for model, name in [key for key in self.sources if key[0] == old]:
                self.sources[(new, name)] = self.sources.pop((model, name))
            self.renamed[new] = self.renamed.pop(old, {})
        elif isinstance(operation, operations.RenameField):
            model = operation.model_name_lower
            source = self.sources.pop((model, operation.old_name), Source("value"))
            self.sources[(model, operation.new_name)] = source
            names = self.renamed.setdefault(model, {})
            names[operation.new_name] = names.pop(operation.old_name, operation.old_name)
        elif isinstance(operation, operations.AddField):
            self.sources[(operation.model_name_lower, operation.name)] = self._new_source(operation)
        elif isinstance(operation, operations.RemoveField):
            self.sources.pop((operation.model_name_lower, operation.name), None)
        operation.state_forwards(app, self.state)

    def _new_source(self, operation: Any) -> Source:
        new = operation.field
        instruction = self.backfill_for(operation.model_name_lower, operation.name)
        if isinstance(new.default, Question) or not new.has_default():
            if instruction and "from" in instruction:
                return Source("path", instruction["from"], field=new)
            if instruction and "row" in instruction:
                return Source("row", value=instruction["row"], field=new)
            if instruction and "value" in instruction:
                return Source("value", value=instruction.get("python"), field=new)
            return Source("value", value=None, field=new)
        default = new.default() if callable(new.default) else new.default
        return Source("value", value=default, field=new)

    def model_name(self, lower: str) -> str:
        key = (self.app, lower)
        return self.state.models[key].name if key in self.state.models else lower

    def backfill_for(self, model_lower: str, field_name: str) -> dict[str, Any] | None:
        return self.backfills.get(self.model_name(model_lower), {}).get(field_name)

    def paths_to(self, model_lower: str, exclude: str, target: str | None) -> list[str]:
        """Foreign-key paths (up to three hops) from the model's columns to ``target``."""
        found: list[str] = []
        queue: list[tuple[tuple[str, str], list[str]]] = [((self.app, model_lower), [])]
        while queue:
            key, path = queue.pop(0)
            model = self.state.models.get(key)
            if model is None or len(path) >= 3:
                continue
            for name, hop in model.fields.items():
                first = not path
                if not hop.is_relation or hop.many_to_many or (first and name == exclude):
                    continue
                if first and self.sources.get((model_lower, name), Source("")).kind != "column":
                    continue
                following = resolve_relation(hop.remote_field.model, *key)
                if f"{following[0]}.{following[1]}" == target:
                    found.append("__".join([*path, name]))
                elif following != (self.app, model_lower):
                    queue.append((following, [*path, name]))
        return found

    def check(self, kind: str, model_lower: str, **facts: Any) -> Check:
        sources = {
            name: source for (model, name), source in self.sources.items() if model == model_lower
        }
        return Check(
            kind, self.model_name(model_lower), self.tables.get(model_lower), sources, facts
        )

    # --- classification ---------------------------------------------------------------------

    def _classify(self, operation: Any) -> Planned:
        model_lower = getattr(operation, "model_name_lower", None) or getattr(
            operation, "name_lower", None
        )
        model = self.model_name(model_lower) if model_lower else None
        field_name = getattr(operation, "name", None) if hasattr(operation, "field") else None
        if isinstance(operation, operations.CreateModel | operations.DeleteModel):
            model = operation.name
        planned = Planned(operation, self.app, model, field_name, "safe")
        if isinstance(operation, operations.RemoveConstraint | operations.RemoveIndex):
            option = (
                "constraints" if isinstance(operation, operations.RemoveConstraint) else "indexes"
            )
            options = self.state.models[self.app, model_lower].options.get(option, [])
            planned.old_item = next((item for item in options if item.name == operation.name), None)
        if model_lower and model_lower in self.tables and self.tables[model_lower] is None:
            return planned  # a table this migration creates has no rows to lose
        if isinstance(operation, operations.RenameModel):
            planned.model = operation.new_name
            planned.changes.append({"what": "renamed", "old": operation.old_name})
        elif isinstance(operation, operations.RenameField):
            planned.field = operation.new_name
            planned.changes.append({"what": "renamed", "old": operation.old_name})
        elif isinstance(operation, operations.DeleteModel):
            planned.safety = "destructive"
            planned.checks.append(self._informative(self.check("rows_lost", model_lower)))
        elif isinstance(operation, operations.RemoveField):
            planned.safety = "destructive"
            planned.field = operation.name
            planned.checks.append(
                self._informative(self.check("values_lost", model_lower, field=operation.name))
            )
        elif isinstance(operation, operations.AddField):
            self._added_field(operation, planned, model_lower)
        elif isinstance(operation, operations.AlterField):
            self._altered_field(operation, planned, model_lower)
        elif isinstance(operation, operations.AddConstraint):
            # A check that only says in the database what the field's validators already
            # required (scaffold's <field>_range) refuses no row the application wrote; its
            # rows are still counted, and any found refuse the update.
            mirrored = self._states_the_validators(model_lower, operation.constraint)
            planned.safety = "safe" if mirrored else "destructive"
            planned.checks.extend(self._constraint_checks(model_lower, operation.constraint))
        elif isinstance(operation, operations.AlterUniqueTogether):
            planned.safety = "destructive" if operation.option_value else "safe"
        elif not isinstance(operation, SAFE_OPERATIONS):
            planned.safety = "destructive"
            planned.changes.append({"what": "unknown"})
        return planned

    @staticmethod
    def _informative(check: Check) -> Check:
        check.blocking = False
        return check

    def _added_field(self, operation: Any, planned: Planned, model_lower: str) -> None:
        new = operation.field
        instruction = self.backfill_for(model_lower, operation.name)
        if isinstance(new.default, Question):
            check = self.check("needs_value", model_lower, field=operation.name)
            if new.is_relation:
                check.facts["relation"] = True
                check.facts["paths"] = self.paths_to(model_lower, operation.name, _target(new))
            check.resolved = "backfill" if instruction else None
            planned.checks.append(check)
            if instruction:
                planned.backfill = _describe(instruction)
                planned.checks.extend(
                    self._instruction_checks(model_lower, operation.name, instruction)
                )
        if new.unique and not new.primary_key:
            planned.safety = "destructive"
            planned.changes.append({"what": "unique", "old": False, "new": True})
            source = self._new_source(operation)
            self.sources[(model_lower, operation.name)] = source  # counted as the rows get it
            planned.checks.append(self.check("duplicates", model_lower, fields=[operation.name]))
            self.sources.pop((model_lower, operation.name))

    def _instruction_checks(
        self, model_lower: str, field_name: str, instruction: dict[str, Any]
    ) -> list[Check]:
        if "from" in instruction:
            path, db_path = instruction["from"], instruction["db_path"]
            return [
                self.check("path_null", model_lower, field=field_name, path=path, db_path=db_path)
            ]
        if "row" in instruction:
            return [self.check("missing_row", model_lower, field=field_name, **instruction["row"])]
        return []

    def _altered_field(self, operation: Any, planned: Planned, model_lower: str) -> None:
        old = self.state.models[self.app, model_lower].fields[operation.name]
        new = operation.field
        name = operation.name
        instruction = self.backfill_for(model_lower, name)
        narrowing: list[tuple[dict[str, Any], Check | None]] = []
        old_type, new_type = old.get_internal_type(), new.get_internal_type()
        if old_type != new_type:
            change = {"what": "type", "old": old_type, "new": new_type}
            if (old_type, new_type) in WIDENING:
                planned.changes.append(change)
            elif getattr(new, "max_length", None):
                check = self.check("too_long", model_lower, field=name, limit=new.max_length)
                narrowing.append((change, check))
            else:
                narrowing.append(
                    (
                        change,
                        self._informative(
                            self.check(
                                "converted", model_lower, field=name, old=old_type, new=new_type
                            )
                        ),
                    )
                )
        elif (old.max_length or 0) > (new.max_length or 0) and new.max_length:
            change = {"what": "max_length", "old": old.max_length, "new": new.max_length}
            check = self.check("too_long", model_lower, field=name, limit=new.max_length)
            narrowing.append((change, check))
        elif (new.max_length or 0) > (old.max_length or 0):
            planned.changes.append(
                {"what": "max_length", "old": old.max_length, "new": new.max_length}
            )
        if isinstance(old, models.DecimalField) and isinstance(new, models.DecimalField):
            narrowing.extend(self._digits(model_lower, name, old, new, planned))
        if old.null and not new.null:
            check = self.check("null_rows", model_lower, field=name)
            if instruction:
                check.resolved = "backfill"
                planned.backfill = _describe(instruction)
            narrowing.append(({"what": "null", "old": True, "new": False}, check))
            if instruction:
                narrowing.extend(
                    (({"what": "backfill_source"}, extra))
                    for extra in self._instruction_checks(model_lower, name, instruction)
                )
        elif new.null and not old.null:
            planned.changes.append({"what": "null", "old": False, "new": True})
        removed = [value for value in _choice_values(old) if value not in _choice_values(new)]
        if removed and _choice_values(old):
            check = self.check("removed_choice", model_lower, field=name, values=removed)
            if instruction and "value" in instruction:
                check.resolved = "backfill"
                planned.backfill = _describe(instruction)
            narrowing.append(({"what": "choices_removed", "values": removed}, check))
        added = [value for value in _choice_values(new) if value not in _choice_values(old)]
        if added:
            planned.changes.append({"what": "choices_added", "values": added})
        if new.unique and not old.unique:
            check = self.check("duplicates", model_lower, fields=[name])
            narrowing.append(({"what": "unique", "old": False, "new": True}, check))
        narrowing.extend(self._ranges(model_lower, name, old, new))
        if _target(old) != _target(new):
            change = {"what": "target", "old": _target(old), "new": _target(new)}
            check = self._informative(self.check("values_lost", model_lower, field=name))
            narrowing.append((change, check))
        for change, check in narrowing:
            planned.changes.append(change)
            if check is not None:
                planned.checks.append(check)
        if narrowing:
            planned.safety = "destructive"
        if not planned.changes:
            planned.changes.append({"what": "options"})

    def _digits(
        self,
        model_lower: str,
        name: str,
        old: models.DecimalField,
        new: models.DecimalField,
        planned: Planned,
    ) -> list[tuple[dict[str, Any], Check | None]]:
        found: list[tuple[dict[str, Any], Check | None]] = []
        old_whole = old.max_digits - old.decimal_places
        new_whole = new.max_digits - new.decimal_places
        if new_whole < old_whole:
            change = {"what": "integer_digits", "old": old_whole, "new": new_whole}
            found.append(
                (change, self.check("overflow", model_lower, field=name, digits=new_whole))
            )
        if new.decimal_places < old.decimal_places:
            change = {
                "what": "decimal_places",
                "old": old.decimal_places,
                "new": new.decimal_places,
            }
            check = self.check("rounded", model_lower, field=name, places=new.decimal_places)
            found.append((change, check))
        if not found and (old.max_digits, old.decimal_places) != (
            new.max_digits,
            new.decimal_places,
        ):
            planned.changes.append(
                {
                    "what": "digits",
                    "old": [old.max_digits, old.decimal_places],
                    "new": [new.max_digits, new.decimal_places],
                }
            )
        return found

    def _ranges(
        self, model_lower: str, name: str, old: models.Field, new: models.Field
    ) -> list[tuple[dict[str, Any], Check | None]]:
        found: list[tuple[dict[str, Any], Check | None]] = []
        for bound, kind in (
            ("min", validators.MinValueValidator),
            ("max", validators.MaxValueValidator),
        ):
            before, after = _limit(old, kind), _limit(new, kind)
            if after is None:
                continue
            tighter = before is None or (after > before if bound == "min" else after < before)
            if tighter:
                change = {"what": bound, "old": _plain(before), "new": _plain(after)}
                check = self.check(
                    "out_of_range", model_lower, field=name, bound=bound, limit=_plain(after)
                )
                check.facts["python_limit"] = after
                found.append((change, check))
        return found

    def _states_the_validators(self, model_lower: str, constraint: Any) -> bool:
        """Is ``constraint`` ``Q(f__gte=min, f__lte=max)`` with the min/max validators ``f``
        has in the state before it?"""
        condition = getattr(constraint, "condition", None) or getattr(constraint, "check", None)
        if not isinstance(constraint, models.CheckConstraint) or not isinstance(
            condition, models.Q
        ):
            return False
        if condition.negated or condition.connector != models.Q.AND or not condition.children:
            return False
        fields = self.state.models[self.app, model_lower].fields
        kinds = {"gte": validators.MinValueValidator, "lte": validators.MaxValueValidator}
        for child in condition.children:
            if not isinstance(child, tuple):
                return False
            name, _, lookup = str(child[0]).partition("__")
            if lookup not in kinds or name not in fields:
                return False
            limit = _limit(fields[name], kinds[lookup])
            if limit is None or limit != child[1]:
                return False
        return True

    def _constraint_checks(self, model_lower: str, constraint: Any) -> list[Check]:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            check = self.check("duplicates", model_lower, fields=list(constraint.fields))
            check.facts["constraint"] = constraint.name
            check.facts["python_condition"] = constraint.condition
            check.facts["nulls_distinct"] = constraint.nulls_distinct is not False
            return [check]
        condition = getattr(constraint, "condition", None) or getattr(constraint, "check", None)
        if isinstance(constraint, models.CheckConstraint) and condition is not None:
            check = self.check(
                "check_violation",
                model_lower,
                constraint=constraint.name,
                fields=sorted(referenced_fields(constraint)),
            )
            check.facts["python_condition"] = condition
            return [check]
        return [
            self._informative(self.check("not_checked", model_lower, constraint=constraint.name))
        ]


def plan_migration(
    app: str, state: ProjectState, migration_operations: list[Any], backfills: dict[str, Any]
) -> list[Planned]:
    """Every operation of one app's new migration(s), classified, from the database's state."""
    walk = Walk(app, state, backfills)
    planned = [walk.plan(operation) for operation in migration_operations]
    _pair_moved_constraints(planned, walk)
    _fold_into_deletions(planned)
    return planned


def _fold_into_deletions(planned: list[Planned]) -> None:
    """Django drops a deleted model's foreign keys first: that is the deletion, not more."""
    deleted = {
        item.operation.name_lower
        for item in planned
        if isinstance(item.operation, operations.DeleteModel)
    }
    for item in planned:
        operation = item.operation
        if isinstance(operation, operations.RemoveField) and operation.model_name_lower in deleted:
            item.safety = "safe"
            item.checks = []
            item.changes.append({"what": "part_of_deletion"})


def _pair_moved_constraints(planned: list[Planned], walk: Walk) -> None:
    """A unique or check constraint dropped and re-added unchanged (but for a rename) is safe."""
    removed = [
        p
        for p in planned
        if isinstance(p.operation, operations.RemoveConstraint | operations.RemoveIndex)
    ]
    for item in planned:
        operation = item.operation
        if not isinstance(operation, operations.AddConstraint | operations.AddIndex):
            continue
        added = getattr(operation, "constraint", None) or operation.index
        renames = walk.renamed.get(operation.model_name_lower, {})
        for candidate in removed:
            old = candidate.old_item
            if (
                old is not None
                and candidate.model == item.model
                and _same_but_names(old, added, renames)
            ):
                item.safety = "safe"
                item.checks = []
                item.changes.append({"what": "follows_rename", "old": old.name})
                removed.remove(candidate)
                break


def _same_but_names(old: Any, new: Any, renames: dict[str, str]) -> bool:
    if type(old) is not type(new):
        return False
    _, _, old_kwargs = old.deconstruct()
    _, _, new_kwargs = new.deconstruct()
    old_kwargs = {key: value for key, value in old_kwargs.items() if key != "name"}
    new_kwargs = {key: value for key, value in new_kwargs.items() if key != "name"}
    back = {new_name: old_name for new_name, old_name in renames.items()}
    return _renamed(new_kwargs, back) == old_kwargs


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """``value`` with field names mapped through ``names`` (lookups, F(), field lists)."""
    if isinstance(value, dict):
        return {key: _renamed(item, names) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_renamed(item, names) for item in value)
    if isinstance(value, str):
        head, sep, rest = value.lstrip("-").partition("__")
        sign = "-" if value.startswith("-") else ""
        return sign + names.get(head, head) + sep + rest
    if isinstance(value, models.Q):
        copy = models.Q()
        copy.connector, copy.negated = value.connector, value.negated
        copy.children = [
            (_renamed(child[0], names), _renamed(child[1], names))
            if isinstance(child, tuple)
            else _renamed(child, names)
            for child in value.children
        ]
        return copy
    if isinstance(value, models.F):
        return models.F(_renamed(value.name, names))
    return value


def _choice_values(field: models.Field) -> list[Any]:
    values: list[Any] = []
    for key, label in field.choices or []:
        if isinstance(label, list | tuple):  # an option group
            values.extend(value for value, _ in label)
        else:
            values.append(key)
    return values


def _limit(field: models.Field, kind: type) -> Any:
    limits = [v.limit_value for v in field.validators if isinstance(v, kind)]
    if not limits:
        return None
    return max(limits) if kind is validators.MinValueValidator else min(limits)


def _target(field: models.Field) -> str | None:
    if not field.is_relation or field.remote_field is None:
        return None
    model = field.remote_field.model
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float | str) else str(value)


def _describe(instruction: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in instruction.items() if key != "python"}


LOOKUPS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "exact": "==", "isnull": "is null:"}


def _subject(operation: Any, old_item: Any) -> dict[str, Any] | None:
    """The index or constraint an operation adds or drops, for the plan's words."""
    if isinstance(operation, operations.RenameIndex):
        return {"kind": "index", "name": operation.new_name, "old": operation.old_name}
    item = getattr(operation, "index", None) or getattr(operation, "constraint", None) or old_item
    if item is None:
        if isinstance(operation, operations.RemoveIndex | operations.RemoveConstraint):
            return {"kind": "constraint", "name": operation.name}
        return None
    if isinstance(item, models.Index):
        return {"kind": "index", "name": item.name, "fields": list(item.fields)}
    if isinstance(item, models.UniqueConstraint):
        return {"kind": "unique", "name": item.name, "fields": list(item.fields)}
    condition = getattr(item, "condition", None) or getattr(item, "check", None)
    return {"kind": "check", "name": item.name, "condition": condition_text(condition)}


def condition_text(node: Any) -> str:
    """``due_on >= issued_on`` for Q(due_on__gte=F("issued_on"))."""
    if isinstance(node, models.Q):
        parts = [
            _comparison(*child) if isinstance(child, tuple) else f"({condition_text(child)})"
            for child in node.children
        ]
        text = f" {node.connector.lower()} ".join(parts)
        return f"not ({text})" if node.negated else text
    return str(node)


def _comparison(lookup: str, value: Any) -> str:
    name, _, operator = lookup.rpartition("__")
    if operator not in LOOKUPS:
        name, operator = lookup, "exact"
    shown = value.name if isinstance(value, models.F) else repr(value)
    return f"{name} {LOOKUPS[operator]} {shown}"
