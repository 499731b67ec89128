"""The Django worker on hand-made changes with rows: each operation's safety, the exact counts,
the renames and backfills, and what the migration it writes does to those rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scaffold._django import WORKER_PATH

HARNESS = Path(__file__).with_name("harness.py")


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Any]:
    """Every scenario of harness.py, run in one Django start."""
    result = subprocess.run(
        [sys.executable, str(HARNESS)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(WORKER_PATH)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def plan(scenario: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(op["safety"], op["operation"], op["field"]) for op in scenario["operations"]]


def counts(scenario: dict[str, Any]) -> dict[str, int | None]:
    return {
        check["kind"]: check["count"] for op in scenario["operations"] for check in op["checks"]
    }


def test_a_declared_rename_keeps_the_column_and_a_narrowing_counts_long_values(
    scenarios: dict[str, Any],
) -> None:
    scenario = scenarios["rename_and_shorten"]

    assert plan(scenario) == [
        ("safe", "RenameField", "remarks"),
        ("destructive", "AlterField", "remarks"),
    ]
    assert counts(scenario) == {"too_long": 2}  # 11 and 30 characters; None is not a value
    assert scenario["read"] == ["short", "x" * 11, "y" * 30, None]


def test_a_field_gone_while_a_look_alike_appears_is_a_suspected_rename(
    scenarios: dict[str, Any],
) -> None:
    (problem,) = scenarios["undeclared_rename"]["problems"]

    assert problem["kind"] == "suspected_field_rename"
    assert problem["where"]["field"] == "memo"  # of memo and code, the same type as notes
    assert problem["facts"]["old"] == "notes"


def test_a_model_gone_while_a_look_alike_appears_is_a_suspected_rename(
    scenarios: dict[str, Any],
) -> None:
    (problem,) = scenarios["undeclared_model_rename"]["problems"]

    assert (problem["kind"], problem["where"]["model"]) == ("suspected_model_rename", "Person")
    assert problem["facts"]["old"] == "Contact"


def test_a_required_field_needs_a_backfill_for_the_rows_there_are(
    scenarios: dict[str, Any],
) -> None:
    without, with_ = scenarios["required_without_backfill"], scenarios["required_with_backfill"]

    assert counts(without) == {"needs_value": 3}
    assert without["texts"] == [None]  # no migration can be written without the value
    (check,) = with_["operations"][0]["checks"]
    assert (check["count"], check["resolved"]) == (2, "backfill")
    text = with_["texts"][0]
    assert "default='LEGACY'" in text
    assert "preserve_default=False" in text  # one-off: the model state keeps no default


def test_a_backfill_the_new_field_refuses_is_reported(scenarios: dict[str, Any]) -> None:
    (problem,) = scenarios["invalid_backfill"]["problems"]

    assert problem["kind"] == "backfill_invalid"
    assert problem["facts"]["messages"] == [
        "Ensure this value has at most 3 characters (it has 6)."
    ]


def test_rows_holding_a_removed_choice_get_the_backfill(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["removed_choice"]

    assert plan(scenario) == [("destructive", "AlterField", "status")]
    assert counts(scenario) == {"removed_choice": 2}
    assert "rows.filter(status__in=['void']).update(status='sent')" in scenario["texts"][0]
    assert scenario["read"] == ["draft", "sent", "sent"]


def test_a_column_made_required_fills_its_empty_rows(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["made_required"]

    assert plan(scenario) == [("destructive", "AlterField", "amount")]
    assert counts(scenario) == {"null_rows": 2}
    assert scenario["read"] == ["0.00", "1.00", "0.00"]


def test_fewer_digits_count_overflowing_and_rounded_values(scenarios: dict[str, Any]) -> None:
    assert counts(scenarios["narrowed_digits"]) == {"overflow": 0, "rounded": 2}


def test_a_raised_minimum_counts_the_rows_below_it(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["raised_minimum"]

    assert plan(scenario) == [("destructive", "AlterField", "amount")]
    assert counts(scenario) == {"out_of_range": 1}  # 1 (5 and 7 pass; NULL has no value)


def test_new_constraints_count_duplicates_and_violations_as_the_database_would(
    scenarios: dict[str, Any],
) -> None:
    scenario = scenarios["new_constraints"]

    assert plan(scenario) == [
        ("destructive", "AddConstraint", None),
        ("destructive", "AddConstraint", None),
    ]
    # Three rows share number A; amount >= 2 fails for 1 twice, and NULL passes a CHECK.
    assert counts(scenario) == {"duplicates": 3, "check_violation": 2}


def test_a_check_stating_the_validators_range_is_safe_and_still_counts_its_rows(
    scenarios: dict[str, Any],
) -> None:
    scenario = scenarios["range_made_a_constraint"]

    # amount >= 0 was the validators' rule already; amount >= 1 is a new, narrower one.
    assert plan(scenario) == [
        ("safe", "AddConstraint", None),
        ("destructive", "AddConstraint", None),
    ]
    violations = [op["checks"][0]["count"] for op in scenario["operations"]]
    assert violations == [1, 2]  # -1 breaks both, 0 the new one; NULL passes a CHECK


def test_an_index_on_a_renamed_field_follows_it(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["rename_in_an_index"]

    assert plan(scenario) == [
        ("safe", "RemoveIndex", None),
        ("safe", "RenameField", "full_name"),
        ("safe", "AddIndex", None),
    ]
    assert scenario["operations"][2]["changes"] == [
        {"what": "follows_rename", "old": "shop_customer_name_idx"}
    ]
    assert scenario["read"] == ["c0", "c1"]


def test_renamed_from_is_checked_against_the_migrations(scenarios: dict[str, Any]) -> None:
    (missing,) = scenarios["rename_from_nothing"]["problems"]
    applied = scenarios["rename_already_applied"]

    assert missing["kind"] == "rename_source_missing"
    assert missing["facts"]["known"] == ["id", "name"]
    assert applied["operations"] == []  # once applied, renamed_from does nothing
    assert applied["renames"]["already"] == [{"model": "Customer", "field": "memo", "old": "notes"}]


def test_an_owner_through_a_foreign_key_path_is_filled_in_for_each_row(
    scenarios: dict[str, Any],
) -> None:
    scenario = scenarios["owner_through_a_path"]

    assert counts(scenario) == {"needs_value": 2, "path_null": 0}
    text = scenario["texts"][0]
    assert (
        text.index("null=True")
        < text.index("code=backfill_invoice_owner")
        < text.rindex("migrations.AlterField(")
    )
    assert scenario["read"] == ["ann", "ann"]
    (unresolved,) = scenario["unresolved"][0]["checks"]
    assert unresolved["facts"]["paths"] == ["customer__owner"]  # what the refusal suggests


def test_a_fixed_user_missing_from_the_database_is_counted(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["missing_user"]

    assert counts(scenario) == {"needs_value": 2, "missing_row": 2}
    assert "if not rows.exists():" in scenario["texts"][0]  # a fresh test database passes


def test_a_deleted_model_counts_the_rows_it_drops(scenarios: dict[str, Any]) -> None:
    scenario = scenarios["deleted_model"]

    assert ("destructive", "DeleteModel", None) in plan(scenario)
    assert counts(scenario)["rows_lost"] == 3


def test_the_worker_imports_nothing_of_scaffold() -> None:
    """It runs with the project's interpreter, where scaffold need not be installed."""
    import ast

    for module in (WORKER_PATH / "scaffold_worker").glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] != "scaffold", f"{module.name} imports {name}"


def test_a_renamed_model_keeps_its_rows_and_the_rows_pointing_to_it(
    scenarios: dict[str, Any],
) -> None:
    scenario = scenarios["renamed_model_with_references"]

    assert plan(scenario) == [
        ("safe", "RenameModel", None),
        ("safe", "RemoveConstraint", None),
        ("safe", "AddConstraint", None),  # the same unique constraint under the new name
    ]
    assert scenario["read"] == ["a", "b"]
