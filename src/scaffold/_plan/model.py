"""The migration plan as the worker reported it: operations, their safety, the row counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Check:
    """Rows of one model that an operation would break or drop, counted read-only."""

    kind: str
    model: str
    facts: dict[str, Any]
    blocking: bool  # a non-zero count refuses the update unless the spec resolves it
    resolved: str | None
    count: int | None  # None: not counted (see ``error`` or the database's state)
    error: str | None = None

    @property
    def refuses(self) -> bool:
        return self.blocking and not self.resolved and bool(self.count)


@dataclass(frozen=True)
class Operation:
    operation: str  # Django's class name: AddField, AlterField, ...
    description: str  # Django's own words, for operations scaffold has none for
    model: str | None
    field: str | None
    safety: str  # safe | destructive
    changes: list[dict[str, Any]]
    checks: list[Check]
    backfill: dict[str, Any] | None
    subject: dict[str, Any] | None = None  # the index or constraint added or dropped

    @property
    def destructive(self) -> bool:
        return self.safety == "destructive"


@dataclass(frozen=True)
class Migration:
    app: str
    name: str
    path: str  # relative to the project
    text: str | None  # None while a value the migration needs is missing
    operations: list[Operation]


@dataclass
class AppPlan:
    """One app (domain) of the plan."""

    label: str
    migrations: list[Migration] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # about the spec
    renames_applied: list[dict[str, str]] = field(default_factory=list)
    renames_done: list[dict[str, str]] = field(default_factory=list)  # by an earlier migration
    unused_backfills: list[dict[str, str]] = field(default_factory=list)
    database: str = "new"  # migrated | new | behind | missing | unreachable
    database_detail: str = ""


@dataclass
class MigrationPlan:
    """What a command's migrations would do, per app, and the database they were checked on."""

    apps: dict[str, AppPlan]
    database: dict[str, Any] | None  # vendor, name, state, detail; None when not opened

    @property
    def migrations(self) -> list[Migration]:
        return [m for app in self.apps.values() for m in app.migrations]

    @property
    def operations(self) -> list[Operation]:
        return [op for migration in self.migrations for op in migration.operations]

    @property
    def destructive(self) -> list[Operation]:
        return [op for op in self.operations if op.destructive]

    @classmethod
    def from_reply(cls, reply: dict[str, Any]) -> MigrationPlan:
        apps = {}
        for label, data in reply["apps"].items():
            state = data.get("database", {})
            apps[label] = AppPlan(
                label,
                [_migration(item) for item in data.get("migrations", [])],
                data.get("problems", []),
                data.get("renames", {}).get("applied", []),
                data.get("renames", {}).get("already", []),
                data.get("unused_backfills", []),
                state.get("state", "new"),
                state.get("detail", ""),
            )
        return cls(apps, reply.get("database"))


def _migration(data: dict[str, Any]) -> Migration:
    return Migration(
        data["app"],
        data["name"],
        data["path"],
        data.get("text"),
        [_operation(item) for item in data["operations"]],
    )


def _operation(data: dict[str, Any]) -> Operation:
    return Operation(
        data["operation"],
        data["description"],
        data.get("model"),
        data.get("field"),
        data["safety"],
        data.get("changes", []),
        [Check(**check) for check in data.get("checks", [])],
        data.get("backfill"),
        data.get("subject"),
    )
