"""Django's autodetector, told about the spec's renames and never asked anything interactively.

Declared renames are applied to the migration state first (``RenameModel`` / ``RenameField``,
with the indexes and constraints that name a renamed field dropped before and re-created
after), so a field that is renamed *and* changed keeps its column: Django itself only
detects renames of otherwise identical fields. The questioner answers every question with
a placeholder that ``backfill`` later replaces by the spec's one-off value, or reports.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.migrations import operations
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.migration import Migration
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ModelState, ProjectState

from scaffold_worker.problems import Problem, Where

# Field types whose values convert into each other: one disappearing while another of the
# same family appears looks like a rename the spec did not declare.
FAMILIES = (
    {"CharField", "TextField", "EmailField", "URLField", "SlugField"},
    {"IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField"}
    | {"PositiveBigIntegerField", "PositiveSmallIntegerField", "DecimalField", "FloatField"},
    {"DateField", "DateTimeField"},
    {"BooleanField"},
    {"UUIDField"},
    {"JSONField"},
)
# Fields every generated model has: they say nothing about two models being one renamed.
COMMON_FIELDS = {"id", "created_at", "updated_at", "organization", "owner"}


@dataclass(frozen=True)
class Question:
    """A value Django asked for: where, and why (``addition`` or ``alteration``)."""

    model: str  # lower-case model name, as the autodetector gives it
    field: str
    reason: str

    def __bool__(self) -> bool:
        return False  # never mistaken for a real default by code that tests truthiness


class Questioner(MigrationQuestioner):
    """Answers the autodetector without a prompt: renames are declared, values come later."""

    def __init__(self, apps: set[str]) -> None:
        super().__init__(specified_apps=apps)

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Question:
        return Question(model_name, field_name, "addition")

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Question:
        return Question(model_name, field_name, "alteration")

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Question:
        return Question(model_name, field_name, "auto_now_add")

    def ask_rename(self, *args: Any) -> bool:
        return False  # only declared renames happen; the others are reported as suspects

    def ask_rename_model(self, *args: Any) -> bool:
        return False

    def ask_merge(self, app_label: str) -> bool:
        return False


@dataclass
class AppRenames:
    """What one app's spec declares, and what of it applies to the migration state."""

    label: str
    operations: list[Any] = field(default_factory=list)  # applied to the state, in order
    applied: list[dict[str, str]] = field(default_factory=list)
    already: list[dict[str, str]] = field(default_factory=list)  # done by an earlier migration
    problems: list[Problem] = field(default_factory=list)


def apply_renames(
    state: ProjectState, to_state: ProjectState, label: str, declared: dict[str, Any]
) -> AppRenames:
    """Apply the declared model and field renames of ``label`` to ``state`` (in place).

    A rename applies while the migrations know the old name and not the new one; once an
    earlier migration made it, ``renamed_from`` is inert (and reported as removable).
    """
    result = AppRenames(label)
    for model, spec in declared.get("models", {}).items():
        if spec.get("renamed_from"):
            _rename_model(state, to_state, result, model, spec["renamed_from"])
    for model, spec in declared.get("models", {}).items():
        for new, old in spec.get("fields", {}).items():
            _rename_field(state, to_state, result, model, new, old)
    return result


def _rename_model(
    state: ProjectState, to_state: ProjectState, result: AppRenames, model: str, old: str
) -> None:
    where = Where(model=model, key="renamed_from")
    current = {key[1] for key in state.models if key[0] == result.label}
    if model.lower() in current:
        result.already.append({"model": model, "old": old})
    elif (result.label, old.lower()) in to_state.models:
        result.problems.append(Problem("rename_source_kept", where, {"old": old}))
    elif old.lower() in current:
        _apply(state, result, operations.RenameModel(old_name=old, new_name=model))
        result.applied.append({"model": model, "old": old})
    else:
        names = sorted(state.models[key].name for key in state.models if key[0] == result.label)
        result.problems.append(
            Problem(
                "rename_source_missing", where, {"old": old, "known": names, **_close(old, names)}
            )
        )


def _rename_field(
    state: ProjectState, to_state: ProjectState, result: AppRenames, model: str, new: str, old: str
) -> None:
    where = Where(model=model, field=new, key="renamed_from")
    key = (result.label, model.lower())
    if key not in state.models:
        result.problems.append(Problem("rename_in_new_model", where, {"old": old}))
        return
    fields = state.models[key].fields
    if new in fields:
        result.already.append({"model": model, "field": new, "old": old})
    elif key in to_state.models and old in to_state.models[key].fields:
        result.problems.append(Problem("rename_source_kept", where, {"old": old}))
    elif old in fields:
        for name in _options_naming(state.models[key], "indexes", old):
            _apply(state, result, operations.RemoveIndex(model_name=key[1], name=name))
        for name in _options_naming(state.models[key], "constraints", old):
            _apply(state, result, operations.RemoveConstraint(model_name=key[1], name=name))
        _apply(state, result, operations.RenameField(key[1], old, new))
        result.applied.append({"model": model, "field": new, "old": old})
    else:
        names = sorted(fields)
        result.problems.append(
            Problem(
                "rename_source_missing", where, {"old": old, "known": names, **_close(old, names)}
            )
        )


def _apply(state: ProjectState, result: AppRenames, operation: Any) -> None:
    operation.state_forwards(result.label, state)
    result.operations.append(operation)


def _options_naming(model: ModelState, option: str, field_name: str) -> list[str]:
    return [
        item.name for item in model.options.get(option, []) if field_name in referenced_fields(item)
    ]


def referenced_fields(item: Any) -> set[str]:
    """The field names an index or constraint mentions (fields, expressions, conditions)."""
    names: set[str] = set(getattr(item, "fields", None) or ())
    for attribute in ("condition", "check", "expressions", "include"):
        names |= _names_in(getattr(item, attribute, None))
    return names


def _names_in(node: Any) -> set[str]:
    if node is None:
        return set()
    if isinstance(node, str):
        return {node.lstrip("-").split("__")[0]}
    if isinstance(node, models.Q):
        found: set[str] = set()
        for child in node.children:
            if isinstance(child, tuple):
                found.add(child[0].split("__")[0])
                found |= _names_in(child[1]) if hasattr(child[1], "resolve_expression") else set()
            else:
                found |= _names_in(child)
        return found
    if isinstance(node, models.F):
        return {node.name.split("__")[0]}
    if isinstance(node, list | tuple):
        return set().union(*(_names_in(item) for item in node)) if node else set()
    if hasattr(node, "get_source_expressions"):
        return set().union(set(), *(_names_in(item) for item in node.get_source_expressions()))
    return set()


def suspected_renames(state: ProjectState, to_state: ProjectState, label: str) -> list[Problem]:
    """Models and fields that disappear while a look-alike appears: undeclared renames?"""
    problems: list[Problem] = []
    old_models = {key[1]: state.models[key] for key in state.models if key[0] == label}
    new_models = {key[1]: to_state.models[key] for key in to_state.models if key[0] == label}
    gone = {name: old_models[name] for name in old_models.keys() - new_models.keys()}
    for name in sorted(new_models.keys() - old_models.keys()):
        look_alikes = [old.name for old in gone.values() if _alike(old, new_models[name])]
        if look_alikes:
            problems.append(
                Problem(
                    "suspected_model_rename",
                    Where(model=new_models[name].name),
                    {"old": look_alikes[0], "candidates": look_alikes},
                )
            )
    for name in sorted(old_models.keys() & new_models.keys()):
        old_fields, new_fields = old_models[name].fields, new_models[name].fields
        removed = [f for f in old_fields if f not in new_fields and f not in COMMON_FIELDS]
        added = [f for f in new_fields if f not in old_fields and f not in COMMON_FIELDS]
        # Pair each field that is gone with its likeliest successor, each successor once.
        pairs = sorted(
            (
                (_likeness(old_fields[r], new_fields[a], r, a), r, a)
                for r in removed
                for a in added
                if _compatible(old_fields[r], new_fields[a])
            ),
            reverse=True,
        )
        taken: set[str] = set()
        for _, old, new in pairs:
            if old in taken or new in taken:
                continue
            taken |= {old, new}
            problems.append(
                Problem(
                    "suspected_field_rename",
                    Where(model=new_models[name].name, field=new),
                    {
                        "old": old,
                        "type": new_fields[new].get_internal_type(),
                        "old_type": old_fields[old].get_internal_type(),
                    },
                )
            )
    return problems


def _likeness(old: models.Field, new: models.Field, old_name: str, new_name: str) -> tuple:
    same_type = old.get_internal_type() == new.get_internal_type()
    return (same_type, difflib.SequenceMatcher(None, old_name, new_name).ratio())


def _alike(old: ModelState, new: ModelState) -> bool:
    old_names = set(old.fields) - COMMON_FIELDS
    new_names = set(new.fields) - COMMON_FIELDS
    if not old_names and not new_names:
        return True
    shared = [n for n in old_names & new_names if _compatible(old.fields[n], new.fields[n])]
    return len(shared) * 2 >= len(old_names | new_names)


def _compatible(old: models.Field, new: models.Field) -> bool:
    if old.is_relation or new.is_relation:
        return bool(old.is_relation and new.is_relation and _target(old) == _target(new))
    kinds = {old.get_internal_type(), new.get_internal_type()}
    return any(kinds <= family for family in FAMILIES)


def _target(field: models.Field) -> str:
    model = field.remote_field.model
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def _close(word: str, options: list[str]) -> dict[str, str]:
    close = difflib.get_close_matches(word, options, n=1)
    return {"close": close[0]} if close else {}


def detect_changes(
    loader: Any,
    from_state: ProjectState,
    to_state: ProjectState,
    labels: set[str],
    pre_operations: dict[str, list[Any]],
) -> dict[str, list[Migration]]:
    """Like ``makemigrations LABELS``, with the rename operations in front of each app's."""
    autodetector = MigrationAutodetector(from_state, to_state, Questioner(labels))
    changes = autodetector._detect_changes(convert_apps=labels, graph=loader.graph)
    for label, renames in pre_operations.items():
        if not renames:
            continue
        if changes.get(label):
            changes[label][0].operations[:0] = renames
        else:
            migration = Migration("auto_1", label)
            migration.operations = list(renames)
            changes[label] = [migration]
    changes = autodetector.arrange_for_graph(changes, loader.graph)
    return autodetector._trim_to_apps(changes, labels)
