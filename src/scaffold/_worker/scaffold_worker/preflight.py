"""Count, read-only, the rows of the project's database that a migration would break or drop.

The counts run on the models as the *database* has them (the historical models of the
migrations already on disk), so they are exact only when that database has applied exactly
those migrations; otherwise the plan says why it did not count.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connections, models
from django.db.backends.signals import connection_created
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.functions import Cast, Length, Round

from scaffold_worker.classify import Check, Source, _renamed

TEXT_TYPES = {"CharField", "TextField", "EmailField", "URLField", "SlugField"}
READ_ONLY = {
    "sqlite": "PRAGMA query_only = ON",
    "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
    "mysql": "SET SESSION TRANSACTION READ ONLY",
}


@dataclass
class Database:
    """The project's default database as the pre-flight found it."""

    alias: str
    vendor: str
    name: str
    state: str  # ready | missing (no database yet) | unreachable
    detail: str = ""
    applied: frozenset[tuple[str, str]] = frozenset()

    def as_json(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "name": self.name,
            "state": self.state,
            "detail": self.detail,
        }


def open_database(alias: str = "default") -> Database:
    """Connect without creating anything: a missing SQLite file stays missing."""
    connection = connections[alias]
    settings = connection.settings_dict
    name = str(settings.get("NAME") or "")
    vendor = connection.vendor
    shown = os.path.relpath(name) if vendor == "sqlite" and os.path.isabs(name) else name
    if vendor == "sqlite" and (name in ("", ":memory:") or not os.path.exists(name)):
        return Database(alias, vendor, shown, "missing", "no database file yet")
    try:
        # Every connection of this process is read-only, a reconnection after an error too.
        connection_created.connect(_read_only, dispatch_uid="scaffold-read-only")
        connection.ensure_connection()
        recorder = MigrationRecorder(connection)
        if not recorder.has_table():
            return Database(alias, vendor, shown, "ready")
        applied = frozenset(recorder.applied_migrations())
    except Exception as error:  # any driver error: the database cannot be asked
        connection.close()
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Database(alias, vendor, shown, "unreachable", first)
    return Database(alias, vendor, shown, "ready", applied=applied)


def _read_only(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor in READ_ONLY:
        with connection.cursor() as cursor:
            cursor.execute(READ_ONLY[connection.vendor])


def app_state(database: Database, loader: Any, app: str) -> tuple[str, str]:
    """Whether the database holds ``app`` exactly as its migrations on disk leave it."""
    if database.state != "ready":
        return database.state, database.detail
    on_disk = {key for key in loader.graph.nodes if key[0] == app}
    applied = {key for key in database.applied if key[0] == app}
    if not applied:
        return "new", "no migration of it applied: no rows yet"
    missing = sorted(name for _, name in on_disk - applied)
    if missing:
        return "behind", f"not migrated to {missing[-1]}"
    return "migrated", ""


def count_all(checks: list[Check], database: Database, apps: Any, app: str) -> None:
    """Fill in ``count`` (or ``error``) of every check, against the database's state."""
    for check in checks:
        if check.kind == "not_checked":
            continue
        if check.table is None:  # a model this migration creates has no rows yet
            check.count = 0
            continue
        try:
            check.count = _count(check, database.alias, apps, app)
        except (DatabaseError, LookupError, ValueError, TypeError) as error:
            connections[database.alias].close()
            check.error = str(error).strip().splitlines()[0] if str(error).strip() else "failed"
        except Exception as error:  # a field lookup Django cannot build: say so, count nothing
            check.error = f"{type(error).__name__}: {error}".splitlines()[0]


def _count(check: Check, alias: str, apps: Any, app: str) -> int:
    model = apps.get_model(app, check.table)
    rows = model._base_manager.using(alias).all()
    facts = check.facts
    kind = check.kind
    if kind in ("rows_lost", "needs_value"):
        return rows.count()
    rows, names = _with_names(rows, check, alias, apps)
    if kind == "missing_row":
        target = facts
        related = apps.get_model(target["model"])
        found = related._base_manager.using(alias).filter(**{target["lookup"]: target["value"]})
        return 0 if found.exists() else rows.count()
    if kind == "path_null":
        return rows.filter(**{f"{facts['db_path']}__isnull": True}).count()
    field = names.get(facts.get("field", ""), facts.get("field"))
    if kind in ("values_lost", "converted"):
        return rows.filter(**{f"{field}__isnull": False}).count()
    if kind == "null_rows":
        return rows.filter(**{f"{field}__isnull": True}).count()
    if kind == "too_long":
        source = check.sources.get(facts["field"])
        old_type = _old_type(model, source)
        value = models.F(field) if old_type in TEXT_TYPES else Cast(field, models.TextField())
        return (
            rows.annotate(_scaffold_length=Length(value))
            .filter(_scaffold_length__gt=facts["limit"])
            .count()
        )
    if kind == "removed_choice":
        return rows.filter(**{f"{field}__in": facts["values"]}).count()
    if kind == "out_of_range":
        lookup = "lt" if facts["bound"] == "min" else "gt"
        return rows.filter(**{f"{field}__{lookup}": facts["python_limit"]}).count()
    if kind == "overflow":
        limit = 10 ** facts["digits"]
        return rows.filter(
            models.Q(**{f"{field}__gte": limit}) | models.Q(**{f"{field}__lte": -limit})
        ).count()
    if kind == "rounded":
        rounded = rows.annotate(_scaffold_rounded=Round(field, facts["places"]))
        return rounded.exclude(_scaffold_rounded=models.F(field)).count()
    if kind == "duplicates":
        return _duplicates(rows, check, names)
    if kind == "check_violation":
        condition = _renamed(facts["python_condition"], names)
        verdict = models.ExpressionWrapper(condition, output_field=models.BooleanField())
        return rows.alias(_scaffold_ok=verdict).filter(_scaffold_ok=False).count()
    raise ValueError(f"unknown check {kind}")


def _duplicates(rows: Any, check: Check, names: dict[str, str]) -> int:
    fields = [names.get(name, name) for name in check.facts["fields"]]
    condition = check.facts.get("python_condition")
    if condition is not None:
        rows = rows.filter(_renamed(condition, names))
    if check.facts.get("nulls_distinct", True):
        for name in fields:
            rows = rows.exclude(**{f"{name}__isnull": True})
    groups = (
        rows.order_by()
        .values(*fields)
        .annotate(_scaffold_rows=models.Count("pk"))
        .filter(_scaffold_rows__gt=1)
    )
    return sum(group["_scaffold_rows"] for group in groups)


def _with_names(rows: Any, check: Check, alias: str, apps: Any) -> tuple[Any, dict[str, str]]:
    """Annotate every field whose value is not simply its own column, under a private name."""
    names: dict[str, str] = {}
    annotations: dict[str, Any] = {}
    for name, source in check.sources.items():
        if source.kind == "column" and source.name == name:
            continue
        private = f"_scaffold_{name}"
        names[name] = private
        annotations[private] = _expression(source, alias, apps)
    return (rows.annotate(**annotations) if annotations else rows), names


def _expression(source: Source, alias: str, apps: Any) -> Any:
    if source.kind in ("column", "path"):
        return models.F(source.name)
    output = source.field
    if source.kind == "row":
        target = source.value
        related = apps.get_model(target["model"])
        found = related._base_manager.using(alias).filter(**{target["lookup"]: target["value"]})
        pk = found.values_list("pk", flat=True).first()
        return models.Value(pk, output_field=models.BigIntegerField())
    if output is not None and output.is_relation:
        output = models.BigIntegerField()
    return models.Value(source.value, output_field=output)


def _old_type(model: Any, source: Source | None) -> str:
    if source is None or source.kind != "column":
        return "TextField"
    try:
        return model._meta.get_field(source.name).get_internal_type()
    except Exception:
        return "TextField"
