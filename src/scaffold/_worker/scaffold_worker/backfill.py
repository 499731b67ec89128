"""The spec's one-off values for existing rows, checked, and woven into the migration.

A ``backfill`` lives only in the migration that needs it: a constant becomes Django's
``default=..., preserve_default=False`` (the model never keeps it); a value through a
foreign-key path or a fixed row (a user, an organization) becomes a ``RunPython`` step
between adding the column as nullable and making it required. Rows holding a removed
choice get the constant in a ``RunPython`` step before the choices change. Nothing of it
reaches the models, so later migrations never see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.migrations import operations
from django.db.migrations.serializer import BaseSerializer, serializer_factory
from django.db.migrations.state import ProjectState
from django.db.migrations.utils import resolve_relation
from django.db.migrations.writer import MigrationWriter

from scaffold_worker.detect import Question
from scaffold_worker.problems import Problem, Where

IDENTIFIER = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
# Fixed rows a backfill may name, by the model a foreign key points to.
ORGANIZATION = "tenancy.organization"


@dataclass
class Instructions:
    """One app's backfills: {Model: {field: instruction}}, normalized, and what was wrong."""

    by_model: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)


def prepare(
    app: str,
    state: ProjectState,
    to_state: ProjectState,
    requested: dict[str, dict[str, dict[str, Any]]],
    renamed: dict[str, dict[str, str]],
) -> Instructions:
    """Check each requested backfill against the new field; resolve paths and fixed rows.

    ``state`` is the database's state with this update's renames applied (the names the
    spec uses now); ``renamed`` maps, per model, new field names back to their columns.
    """
    result = Instructions()
    for model, fields in requested.items():
        for name, instruction in fields.items():
            where = Where(model=model, field=name, key="backfill")
            key = (app, model.lower())
            if key not in to_state.models or name not in to_state.models[key].fields:
                continue  # the spec checks guarantee the field exists; nothing to do here
            new = to_state.models[key].fields[name]
            prepared = _prepare_one(app, state, key, new, instruction, renamed, where, result)
            if prepared is not None:
                result.by_model.setdefault(model, {})[name] = prepared
    return result


def _prepare_one(
    app: str,
    state: ProjectState,
    key: tuple[str, str],
    new: models.Field,
    instruction: dict[str, Any],
    renamed: dict[str, dict[str, str]],
    where: Where,
    result: Instructions,
) -> dict[str, Any] | None:
    prepared = dict(instruction)
    if "value" in instruction:
        try:
            prepared["python"] = _coerce(new, instruction["value"])
        except ValidationError as error:
            result.problems.append(
                Problem("backfill_invalid", where, {"messages": list(error.messages)})
            )
            return None
        return prepared
    if "from" in instruction:
        path, problem = _db_path(app, state, key, instruction["from"], new, renamed)
        if problem:
            result.problems.append(Problem("backfill_path", where, problem))
            return None
        prepared["db_path"] = path
        return prepared
    for kind in ("user", "organization"):
        if kind in instruction:
            target = _target(new, key)
            expected = settings.AUTH_USER_MODEL.lower() if kind == "user" else ORGANIZATION
            if target != expected:
                result.problems.append(
                    Problem("backfill_row_kind", where, {"kind": kind, "target": target})
                )
                return None
            lookup = _user_lookup() if kind == "user" else "slug"
            prepared["row"] = {"model": expected, "lookup": lookup, "value": instruction[kind]}
            return prepared
    result.problems.append(Problem("backfill_invalid", where, {"messages": ["unknown form"]}))
    return None


def _coerce(field: models.Field, value: Any) -> Any:
    if field.is_relation:
        return field.target_field.to_python(value)
    python = field.to_python(value)
    field.validate(python, None)
    field.run_validators(python)
    return python


def _user_lookup() -> str:
    from django.contrib.auth import get_user_model

    return get_user_model().USERNAME_FIELD


def _target(field: models.Field, key: tuple[str, str]) -> str | None:
    if not field.is_relation:
        return None
    app, model = resolve_relation(field.remote_field.model, *key)
    return f"{app}.{model}"


def _db_path(
    app: str,
    state: ProjectState,
    key: tuple[str, str],
    path: str,
    new: models.Field,
    renamed: dict[str, dict[str, str]],
) -> tuple[str, dict[str, Any] | None]:
    """The path in the database's column names; or why it cannot be followed."""
    parts = path.split("__")
    columns = []
    current = key
    for index, part in enumerate(parts):
        model = state.models.get(current)
        if model is None or part not in model.fields or not IDENTIFIER.fullmatch(part):
            known = sorted(model.fields) if model is not None else []
            name = model.name if model is not None else current[1]
            return "", {"path": path, "missing": part, "model": name, "known": known}
        columns.append(renamed.get(current[1], {}).get(part, part) if current[0] == app else part)
        hop = model.fields[part]
        if index < len(parts) - 1:
            if not hop.is_relation:
                return "", {"path": path, "not_relation": part, "model": model.name}
            current = resolve_relation(hop.remote_field.model, *current)
        elif _target(hop, current) != _target(new, key):
            return "", {
                "path": path,
                "ends_at": _target(hop, current) or hop.get_internal_type(),
                "expected": _target(new, key) or new.get_internal_type(),
            }
    return "__".join(columns), None


# --- the migration, with its data steps -----------------------------------------------------


class Code:
    """A function of the migration module, referred to by name from ``RunPython``."""

    def __init__(self, name: str, source: str, imports: set[str]) -> None:
        self.__name__ = self.name = name
        self.source = source
        self.imports = imports

    def __call__(self, apps: Any, schema_editor: Any) -> None:  # pragma: no cover - text only
        raise RuntimeError("written into the migration, never called here")


class _CodeSerializer(BaseSerializer):
    def serialize(self) -> tuple[str, set[str]]:
        return self.value.name, set()


MigrationWriter.register_serializer(Code, _CodeSerializer)


def resolve_constants(
    migration_operations: list[Any], instructions: Instructions, app: str, state: ProjectState
) -> bool:
    """Put each constant backfill where Django asked; True when no question is left open."""
    complete = True
    for operation in migration_operations:
        field_ = getattr(operation, "field", None)
        if field_ is None or not isinstance(field_.default, Question):
            continue
        question = field_.default
        if question.reason == "auto_now_add":
            from django.utils import timezone

            field_.default = timezone.now
            continue
        model = _model_name(state, app, question.model)
        instruction = instructions.by_model.get(model, {}).get(question.field)
        if instruction and "python" in instruction:
            field_.default = instruction["python"]
        elif not instruction:
            complete = False
    return complete


def weave(migration: Any, instructions: Instructions, app: str, state: ProjectState) -> list[Code]:
    """Rewrite the operations for backfills that need code; return the code they call."""
    woven: list[Any] = []
    code: list[Code] = []
    late_removals: list[Any] = []
    paths = _path_fields(instructions, app)
    for operation in migration.operations:
        if isinstance(operation, operations.RemoveField) and (
            (operation.model_name_lower, operation.name) in paths
        ):
            late_removals.append(operation)  # a backfill path still needs the column
            continue
        steps = _steps(operation, instructions, app, state, code)
        woven.extend(steps)
    migration.operations = woven + late_removals
    return code


def _path_fields(instructions: Instructions, app: str) -> set[tuple[str, str]]:
    found = set()
    for model, fields in instructions.by_model.items():
        for instruction in fields.values():
            if "from" in instruction:
                found.add((model.lower(), instruction["from"].split("__")[0]))
    return found


def _steps(
    operation: Any, instructions: Instructions, app: str, state: ProjectState, code: list[Code]
) -> list[Any]:
    if not isinstance(operation, operations.AddField | operations.AlterField):
        return [operation]
    model = _model_name(state, app, operation.model_name_lower)
    instruction = instructions.by_model.get(model, {}).get(operation.name)
    if instruction is None:
        return [operation]
    steps: list[Any] = []
    if isinstance(operation, operations.AlterField):
        removed = _removed_choices(state, app, operation)
        if removed and "python" in instruction:
            steps.append(
                _run(code, _choices_code(app, model, operation.name, removed, instruction))
            )
    needs_code = "from" in instruction or "row" in instruction
    if needs_code and isinstance(operation.field.default, Question):
        fill = _fill_code(app, model, operation.name, instruction)
        required = operation.field.clone()
        required.default = models.NOT_PROVIDED
        if isinstance(operation, operations.AddField):
            nullable = operation.field.clone()
            nullable.null, nullable.default = True, models.NOT_PROVIDED
            steps.append(operations.AddField(operation.model_name, operation.name, nullable))
        steps.append(_run(code, fill))
        steps.append(operations.AlterField(operation.model_name, operation.name, required))
        return steps
    steps.append(operation)
    return steps


def _run(code: list[Code], function: Code) -> Any:
    code.append(function)
    return operations.RunPython(function, operations.RunPython.noop)


def _removed_choices(state: ProjectState, app: str, operation: Any) -> list[Any]:
    model = state.models.get((app, operation.model_name_lower))
    old = model.fields.get(operation.name) if model else None
    if old is None or not old.choices:
        return []
    new_values = {value for value, _ in operation.field.choices or []}
    return [value for value, _ in old.choices if value not in new_values]


def _literal(value: Any, imports: set[str]) -> str:
    text, needed = serializer_factory(value).serialize()
    imports.update(needed)
    return text


def _choices_code(
    app: str, model: str, name: str, removed: list[Any], instruction: dict[str, Any]
) -> Code:
    imports: set[str] = set()
    function = f"backfill_{_snake(model)}_{name}_choices"
    values, value = _literal(removed, imports), _literal(instruction["python"], imports)
    source = f'''
def {function}(apps, schema_editor):
    """Rows holding a choice the spec removed get the spec's backfill (one-off)."""
    {model} = apps.get_model({app!r}, {model!r})
    rows = {model}.objects.using(schema_editor.connection.alias)
    rows.filter({name}__in={values}).update({name}={value})
'''
    return Code(function, source, imports)


def _fill_code(app: str, model: str, name: str, instruction: dict[str, Any]) -> Code:
    imports: set[str] = set()
    function = f"backfill_{_snake(model)}_{name}"
    header = f'''
def {function}(apps, schema_editor):
    """Existing rows get their {name} from the spec's backfill (one-off)."""
    {model} = apps.get_model({app!r}, {model!r})
    db = schema_editor.connection.alias
    rows = {model}.objects.using(db).filter({name}__isnull=True)
'''
    if "row" in instruction:
        row = instruction["row"]
        target_app, target_model = row["model"].split(".")
        lookup, value = row["lookup"], _literal(row["value"], imports)
        missing = f"backfill of {model}.{name}: no {target_model} with {lookup} {row['value']!r}"
        body = f"""    if not rows.exists():
        return  # nothing to fill (a new database, the test database)
    target_model = apps.get_model({target_app!r}, {target_model!r})
    try:
        target = target_model.objects.using(db).get({lookup}={value})
    except target_model.DoesNotExist:
        raise RuntimeError({missing!r}) from None
    rows.update({name}=target)
"""
        return Code(function, header + body, imports)
    parts = instruction["from"].split("__")
    if len(parts) == 1:
        body = f"    rows.update({name}=models.F({parts[0]!r}))\n"
        imports.add("from django.db import models")
        return Code(function, header + body, imports)
    rest = "__".join(parts[1:])
    body = f"""    hop = {model}._meta.get_field({parts[0]!r}).related_model
    source = hop.objects.using(db).filter(pk=models.OuterRef({parts[0]!r})).values({rest!r})[:1]
    rows.update({name}=models.Subquery(source))
"""
    imports.add("from django.db import models")
    return Code(function, header + body, imports)


def _model_name(state: ProjectState, app: str, lower: str) -> str:
    key = (app, lower)
    return state.models[key].name if key in state.models else lower


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def migration_text(migration: Any, code: list[Code]) -> str:
    """The migration module as ``makemigrations`` writes it, plus the backfill functions."""
    text = MigrationWriter(migration, include_header=True).as_string()
    if not code:
        return text
    # Django spells the no-op reverse by its full path; makemigrations users write this.
    text = text.replace("import django.db.migrations.operations.special\n", "")
    text = text.replace(
        "django.db.migrations.operations.special.RunPython.noop", "migrations.RunPython.noop"
    )
    imports = set().union(*(function.imports for function in code))
    marker = "\n\nclass Migration(migrations.Migration):"
    head, sep, tail = text.partition(marker)
    if re.search(r"^from django\.db import .*\bmodels\b", head, re.MULTILINE):
        imports.discard("from django.db import models")
    for line in sorted(imports - set(head.splitlines())):
        head = head.replace("from django.db import", f"{line}\nfrom django.db import", 1)
    functions = "\n".join(function.source for function in code)
    return head + "\n" + functions + sep + tail
