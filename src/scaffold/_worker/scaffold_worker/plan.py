"""The whole job of one request: detect, classify, count, and write the migrations' text."""

from __future__ import annotations

import os
from typing import Any

from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import MigrationWriter

from scaffold_worker import backfill, preflight
from scaffold_worker.classify import plan_migration
from scaffold_worker.detect import apply_renames, detect_changes, suspected_renames
from scaffold_worker.problems import WorkerError


def plan(request: dict[str, Any]) -> dict[str, Any]:
    """Plan (and give the text of) the next migration of every app in the request."""
    labels = set(request["apps"])
    loader = MigrationLoader(None, ignore_no_migrations=True)
    conflicts = {app: names for app, names in loader.detect_conflicts().items() if app in labels}
    if conflicts:
        listing = "; ".join(f"{', '.join(names)} in {app}" for app, names in conflicts.items())
        raise WorkerError("conflicts", listing)
    database_state = loader.project_state()
    to_state = ProjectState.from_apps(apps)
    state = database_state.clone()  # the database's state with the declared renames applied
    replies: dict[str, dict[str, Any]] = {}
    renames_by_app: dict[str, list[Any]] = {}
    instructions: dict[str, backfill.Instructions] = {}
    for label in sorted(labels):
        declared = request["apps"][label]
        renames = apply_renames(state, to_state, label, declared)
        renames_by_app[label] = renames.operations
        renamed: dict[str, dict[str, str]] = {}
        for item in renames.applied:
            if "field" in item:
                renamed.setdefault(item["model"].lower(), {})[item["field"]] = item["old"]
        instructions[label] = backfill.prepare(
            label, state, to_state, declared.get("backfills", {}), renamed
        )
        problems = [
            *renames.problems,
            *suspected_renames(state, to_state, label),
            *instructions[label].problems,
        ]
        replies[label] = {
            "renames": {"applied": renames.applied, "already": renames.already},
            "problems": [problem.as_json() for problem in problems],
            "migrations": [],
            "unused_backfills": [],
        }
    changes = detect_changes(loader, state, to_state, labels, renames_by_app)
    database = _database_if_needed(changes, database_state)
    for label, migrations in changes.items():
        reply = replies.setdefault(
            label, {"renames": {}, "problems": [], "migrations": [], "unused_backfills": []}
        )
        app_instructions = instructions.get(label, backfill.Instructions())
        reply["migrations"] = _migrations(
            label, migrations, (database_state, state), app_instructions, database, loader, reply
        )
    return {
        "database": database.as_json() if database else None,
        "apps": replies,
    }


def _database_if_needed(changes: dict[str, list[Any]], state: ProjectState) -> Any:
    """Connect only when some operation touches a table that exists already."""
    for label, migrations in changes.items():
        existing = {key[1] for key in state.models if key[0] == label}
        for migration in migrations:
            for operation in migration.operations:
                name = (
                    getattr(operation, "model_name_lower", None)
                    or getattr(operation, "old_name_lower", None)
                    or getattr(operation, "name_lower", None)
                )
                if name in existing and type(operation).__name__ != "CreateModel":
                    return preflight.open_database()
    return None


def _migrations(
    label: str,
    migrations: list[Any],
    states: tuple[ProjectState, ProjectState],
    instructions: backfill.Instructions,
    database: preflight.Database | None,
    loader: MigrationLoader,
    reply: dict[str, Any],
) -> list[dict[str, Any]]:
    database_state, renamed_state = states
    operations = [operation for migration in migrations for operation in migration.operations]
    planned = plan_migration(label, database_state.clone(), operations, instructions.by_model)
    checks = [check for item in planned for check in item.checks]
    state, detail = (
        ("new", "") if database is None else preflight.app_state(database, loader, label)
    )
    if checks and state == "migrated":
        preflight.count_all(checks, database, database_state.apps, label)
    elif state == "new":
        for check in checks:
            if check.kind != "not_checked":
                check.count = 0
    reply["database"] = {"state": state, "detail": detail}
    used = {(item.model, item.field) for item in planned if item.backfill}
    reply["unused_backfills"] = [
        {"model": model, "field": name}
        for model, fields in instructions.by_model.items()
        for name in fields
        if (model, name) not in used
    ]
    described = [item.as_json() for item in planned]
    results = []
    offset = 0
    for migration in migrations:
        count = len(migration.operations)
        own = described[offset : offset + count]
        offset += count
        complete = backfill.resolve_constants(
            migration.operations, instructions, label, renamed_state
        )
        text = None
        if complete:
            code = backfill.weave(migration, instructions, label, renamed_state)
            text = backfill.migration_text(migration, code)
        writer = MigrationWriter(migration)
        results.append(
            {
                "app": migration.app_label,
                "name": migration.name,
                "path": os.path.relpath(writer.path),
                "text": text,
                "operations": own,
            }
        )
    return results
