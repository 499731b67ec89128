"""The plan and its refusals in words, from a worker reply: exact lines, exact messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffold._plan.model import MigrationPlan
from scaffold._plan.policy import DomainSpecRef, notices, refusals
from scaffold._plan.report import render_plan
from scaffold._plan.request import app_request
from scaffold._spec import read_spec

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"


@pytest.fixture
def billing(monkeypatch: pytest.MonkeyPatch) -> dict[str, DomainSpecRef]:
    monkeypatch.chdir(REPO)
    spec, _ = read_spec(Path("examples/billing.yaml"))
    return {"billing": DomainSpecRef("billing", spec, Path("examples/billing.yaml"), "specs/x")}


def check(kind: str, count: int | None, **facts: Any) -> dict[str, Any]:
    resolved = facts.pop("resolved", None)
    blocking = facts.pop("blocking", True)
    return {
        "kind": kind,
        "model": facts.pop("model", "Invoice"),
        "facts": facts,
        "blocking": blocking,
        "resolved": resolved,
        "count": count,
        "error": None,
    }


def operation(kind: str, model: str, field: str | None, safety: str, **rest: Any) -> dict:
    return {
        "operation": kind,
        "description": rest.pop("description", kind),
        "model": model,
        "field": field,
        "safety": safety,
        "changes": rest.pop("changes", []),
        "checks": rest.pop("checks", []),
        "backfill": rest.pop("backfill", None),
        "subject": rest.pop("subject", None),
    }


def reply(*operations: dict[str, Any], problems: list | None = None, **app: Any) -> dict:
    return {
        "database": {"vendor": "postgresql", "name": "acme", "state": "ready", "detail": ""},
        "apps": {
            "billing": {
                "renames": app.pop("renames", {"applied": [], "already": []}),
                "problems": problems or [],
                "migrations": [
                    {
                        "app": "billing",
                        "name": "0002_next",
                        "path": "billing/migrations/0002_next.py",
                        "text": "",
                        "operations": list(operations),
                    }
                ],
                "unused_backfills": app.pop("unused", []),
                "database": {"state": "migrated", "detail": ""},
            }
        },
    }


NARROWED = operation(
    "AlterField",
    "Invoice",
    "number",
    "destructive",
    changes=[{"what": "max_length", "old": 32, "new": 12}],
    checks=[check("too_long", 6, field="number", limit=12)],
)
RENAMED = operation(
    "RenameField", "Customer", "remarks", "safe", changes=[{"what": "renamed", "old": "notes"}]
)
BACKFILLED = operation(
    "AddField",
    "Customer",
    "code",
    "safe",
    checks=[check("needs_value", 6, model="Customer", field="code", resolved="backfill")],
    backfill={"value": "LEGACY"},
)
UNIQUE = operation(
    "AddConstraint",
    "Customer",
    None,
    "destructive",
    checks=[check("duplicates", 0, model="Customer", fields=["organization", "name"])],
    subject={
        "kind": "unique",
        "name": "billing_customer_name_unique",
        "fields": ["organization", "name"],
    },
)


def test_the_plan_lists_every_operation_with_its_safety_and_counts() -> None:
    plan = MigrationPlan.from_reply(reply(RENAMED, BACKFILLED, NARROWED, UNIQUE))

    assert render_plan(plan).splitlines() == [
        "Migration plan: billing/migrations/0002_next.py",
        "  safe         rename field Customer.notes to remarks",
        "  safe         add field Customer.code; 6 rows get the backfill 'LEGACY'",
        "  destructive  alter field Invoice.number: max_length 32 -> 12; 6 rows longer than 12 "
        "characters",
        "  destructive  add unique constraint billing_customer_name_unique on Customer "
        "(organization, name); 0 rows not unique",
        "               (rows counted in the postgresql database acme)",
    ]


def test_rows_that_would_break_refuse_even_with_consent(billing: dict) -> None:
    plan = MigrationPlan.from_reply(reply(NARROWED))

    (reason,) = refusals(plan, billing, allow_destructive=True)

    assert reason.render() == "\n".join(
        [
            "error: invalid spec examples/billing.yaml, line 29",
            "==> At models.Invoice.fields.number",
            "=====> 6 rows of Invoice: number longer than 12 characters, the new max_length",
            "tip: shorten those values first (PostgreSQL and MariaDB would fail the migration, "
            "SQLite every later edit of those rows), or keep the longer max_length",
        ]
    )


def test_destructive_operations_need_consent_whatever_the_counts(billing: dict) -> None:
    plan = MigrationPlan.from_reply(reply(RENAMED, UNIQUE))

    (reason,) = refusals(plan, billing, allow_destructive=False)

    assert reason.render() == (
        "error: the plan has 1 destructive operation (marked above): they drop or change data, "
        "or can fail on existing rows\n"
        "tip: review them, and back up what they touch; to apply them, run again with "
        "--allow-destructive"
    )
    assert refusals(plan, billing, allow_destructive=True) == []


def test_a_suspected_rename_is_refused_with_the_key_to_add(billing: dict) -> None:
    suspect = {
        "kind": "suspected_field_rename",
        "where": {"model": "Customer", "field": "remarks", "key": None},
        "facts": {"old": "notes", "type": "TextField", "old_type": "TextField"},
    }
    plan = MigrationPlan.from_reply(reply(problems=[suspect]))

    (reason,) = refusals(plan, billing, allow_destructive=False)

    assert reason.render().splitlines()[2:] == [
        "=====> field 'notes' of Customer is gone and 'remarks' is new (text): a rename keeps "
        "its data, a removal drops it",
        "tip: if 'remarks' is 'notes' renamed, add `renamed_from: notes` to it; to drop 'notes' "
        "and its data, run again with --allow-destructive",
    ]
    assert refusals(plan, billing, allow_destructive=True) == []


def test_a_scope_change_without_backfill_says_exactly_what_to_add(billing: dict) -> None:
    owner = operation(
        "AddField",
        "Invoice",
        "owner",
        "safe",
        checks=[check("needs_value", 4, field="owner", relation=True, paths=["customer__owner"])],
    )
    plan = MigrationPlan.from_reply(reply(owner))

    (reason,) = refusals(plan, billing, allow_destructive=True)

    assert reason.render().splitlines()[1:] == [
        "==> At models.Invoice.scope",
        "=====> Invoice's rows now each belong to an owner: existing rows (4 here) need one",
        "tip: add to models.Invoice: `backfill: {owner: {user: <username>}}` (one for every row) "
        "or `backfill: {owner: {from: customer__owner}}` (each row's own)",
    ]


def test_notices_say_which_one_off_keys_may_go(billing: dict) -> None:
    renames = {
        "applied": [{"model": "Customer", "field": "remarks", "old": "notes"}],
        "already": [],
    }
    plan = MigrationPlan.from_reply(
        reply(RENAMED, BACKFILLED, renames=renames, unused=[{"model": "Invoice", "field": "memo"}])
    )

    assert notices(plan, billing) == [
        "specs/x: models.Customer.fields.remarks.renamed_from takes effect in the new migration "
        "and is ignored from then on; you may remove it",
        "specs/x: models.Customer.fields.code.backfill is used once, by the new migration (it is "
        "no default); remove it after committing",
        "specs/x: models.Invoice.fields.memo.backfill is not needed by this update and is "
        "ignored; you may remove it",
    ]


def test_the_worker_is_told_the_renames_and_backfills_as_written(tmp_path: Path) -> None:
    spec_file = tmp_path / "shop.yaml"
    spec_file.write_text(
        """\
domain: shop
models:
  Item:
    scope: owner
    renamed_from: Product
    backfill: {owner: {user: alice}}
    fields:
      title: {type: string, renamed_from: name}
      price: {type: decimal, backfill: 1.5}
      since: {type: date, backfill: 2024-01-31}
    read: [id, title]
    write: [title, price, since]
""",
        encoding="utf-8",
    )
    spec, _ = read_spec(spec_file)

    assert app_request(spec) == {
        "models": {"Item": {"renamed_from": "Product", "fields": {"title": "name"}}},
        "backfills": {
            "Item": {
                "price": {"value": 1.5},
                "since": {"value": "2024-01-31"},
                "owner": {"user": "alice"},
            }
        },
    }
