"""The migration plan: every destructive kind needs consent, a dry run writes nothing, and a
removed model keeps its edited files and names the modules that still import it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.update.conftest import Workspace, append, commit_all, git, ok, scaffold, tree_hash
from tests.update.rows import Rows

pytestmark = pytest.mark.e2e

Change = Callable[[dict[str, Any]], None]


def _models(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["models"]


def remove_field(spec: dict[str, Any]) -> None:
    invoice = _models(spec)["Invoice"]
    del invoice["fields"]["memo"]
    invoice["read"].remove("memo")
    for action in ("create", "update"):
        invoice["write"][action].remove("memo")


def remove_model(spec: dict[str, Any]) -> None:
    del _models(spec)["InvoiceLine"]


def shorten(spec: dict[str, Any]) -> None:
    _models(spec)["Customer"]["fields"]["name"]["max_length"] = 100


def fewer_digits(spec: dict[str, Any]) -> None:
    _models(spec)["Invoice"]["fields"]["amount"]["max_digits"] = 8


def remove_choice(spec: dict[str, Any]) -> None:
    invoice = _models(spec)["Invoice"]
    invoice["fields"]["status"]["choices"].pop("void")
    del invoice["transitions"]["void"]


def remove_choice_with_backfill(spec: dict[str, Any]) -> None:
    remove_choice(spec)
    _models(spec)["Invoice"]["fields"]["status"]["backfill"] = "sent"


def add_unique(spec: dict[str, Any]) -> None:
    _models(spec)["Customer"]["constraints"].append({"unique": ["name"]})


def add_check(spec: dict[str, Any]) -> None:
    _models(spec)["Invoice"]["constraints"].append({"check": "amount >= 1"})


def raise_min(spec: dict[str, Any]) -> None:
    _models(spec)["Invoice"]["fields"]["amount"]["min"] = 1


def text_to_string(spec: dict[str, Any]) -> None:
    _models(spec)["Customer"]["fields"]["notes"].update(type="string", max_length=50)


def make_required(spec: dict[str, Any]) -> None:
    reference = _models(spec)["Invoice"]["fields"]["reference"]
    reference.update(null=False, required=True, backfill="none")
    del reference["default"]


def add_nullable_reference(spec: dict[str, Any]) -> None:
    invoice = _models(spec)["Invoice"]
    invoice["fields"]["reference"] = {
        "type": "string",
        "max_length": 20,
        "null": True,
        "required": False,
        "default": None,
    }
    invoice["read"].append("reference")
    invoice["write"]["create"].append("reference")


KINDS = [
    pytest.param(remove_field, "remove field Invoice.memo and its column", id="remove-field"),
    pytest.param(remove_model, "delete model InvoiceLine and its table", id="remove-model"),
    pytest.param(shorten, "alter field Customer.name: max_length 200 -> 100", id="max-length"),
    pytest.param(
        fewer_digits, "alter field Invoice.amount: digits before the point 10 -> 6", id="digits"
    ),
    pytest.param(remove_choice, "alter field Invoice.status: removes choice(s) void", id="choice"),
    pytest.param(add_unique, "add unique constraint billing_customer_name_unique", id="unique"),
    pytest.param(add_check, "add check constraint billing_invoice_amount_gte_1_check", id="check"),
    pytest.param(raise_min, "alter field Invoice.amount: min 0 -> 1", id="min"),
    pytest.param(text_to_string, "alter field Customer.notes: text -> string", id="type"),
    pytest.param(make_required, "alter field Invoice.reference: made required", id="required"),
]


def edit_spec(project: Any, change: Change) -> None:
    import yaml

    path = project / "specs/billing.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    commit_all(project, f"billing: {change.__name__}")


@pytest.mark.parametrize(("change", "line"), KINDS)
def test_each_destructive_kind_is_refused_without_consent_and_applied_with_it(
    workspace: Workspace, change: Change, line: str
) -> None:
    project = workspace.project
    if change is make_required:  # first a nullable column, in an update of its own
        edit_spec(project, add_nullable_reference)
        ok(scaffold("update", "billing", cwd=project))
        commit_all(project, "A nullable reference")
    edit_spec(project, change)
    head, before = git(project, "rev-parse", "HEAD"), tree_hash(project)

    refused = scaffold("update", "billing", cwd=project)

    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"  destructive  {line}" in refused.stderr
    assert "run again with --allow-destructive" in refused.stderr
    assert git(project, "rev-parse", "HEAD") == head
    assert tree_hash(project) == before

    applied = ok(scaffold("update", "billing", "--allow-destructive", cwd=project))

    assert f"  destructive  {line}" in applied.stdout
    assert "New migration: billing/migrations/000" in applied.stdout
    check = Rows(workspace, "sqlite", None).manage("makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_dry_run_shows_the_plan_and_the_diff_and_writes_nothing(sqlite_rows: Rows) -> None:
    project = sqlite_rows.project
    edit_spec(project, remove_choice_with_backfill)
    head, before = git(project, "rev-parse", "HEAD"), tree_hash(project)

    refused = sqlite_rows.update("billing", "--dry-run")
    consented = sqlite_rows.update("billing", "--dry-run", "--allow-destructive")

    assert refused.returncode == 1
    assert "destructive  alter field Invoice.status: removes choice(s) void; 4 rows holding " in (
        refused.stdout
    )
    assert "run again with --allow-destructive" in refused.stderr
    assert consented.returncode == 0, consented.stdout + consented.stderr
    for result in (refused, consented):
        assert '-        VOID = "void", "Void"' in result.stdout  # the diff of models.py
        assert "+++ b/billing/migrations/0002_" in result.stdout  # the migration it would write
        assert "Dry run: nothing was written" in result.stdout
    assert git(project, "rev-parse", "HEAD") == head
    assert tree_hash(project) == before  # db.sqlite3 included
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


INVENTORY = """\
domain: inventory
models:
  Item:
    scope: tenant
    display: name
    fields:
      name: {type: string, max_length: 80}
    read: [id, name]
    write: [name]
    roles: {list: member, retrieve: member, create: admin}
"""


def test_new_domain_dry_run_lists_files_and_migration_and_writes_nothing(
    workspace: Workspace,
) -> None:
    project = workspace.project
    spec = workspace.root / "inventory.yaml"
    spec.write_text(INVENTORY, encoding="utf-8")
    before = tree_hash(project)

    result = ok(scaffold("new-domain", str(spec), "--dry-run", cwd=project))

    assert "  inventory/models.py\n" in result.stdout
    assert "  inventory/tests/test_item_api.py\n" in result.stdout
    assert "  config/settings/base.py\n" in result.stdout
    assert "  specs/inventory.yaml\n" in result.stdout
    assert "Migration plan: inventory/migrations/0001_initial.py" in result.stdout
    assert "  safe         create model Item" in result.stdout
    assert result.stdout.endswith("Dry run: nothing was written.\n")
    assert tree_hash(project) == before
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""


OWN_TEST = '''

def test_our_own_check_of_invoice_lines() -> None:
    """Written by the team, next to the generated tests."""
    assert True
'''

OWN_MODULE = '''"""The team's own report of invoice lines."""

from billing.models import InvoiceLine


def line_count() -> int:
    return InvoiceLine.objects.count()
'''


def test_removing_a_model_keeps_edited_files_and_names_the_modules_importing_it(
    workspace: Workspace,
) -> None:
    project = workspace.project
    edited = project / "billing/tests/test_invoice_line_api.py"
    append(edited, OWN_TEST)
    (project / "reports").mkdir()
    (project / "reports/__init__.py").write_text("", encoding="utf-8")
    (project / "reports/lines.py").write_text(OWN_MODULE, encoding="utf-8")
    commit_all(project, "Our own test and report")
    kept = edited.read_bytes()
    edit_spec(project, remove_model)

    result = ok(scaffold("update", "billing", "--allow-destructive", cwd=project))

    assert edited.read_bytes() == kept
    assert not (project / "billing/tests/test_invoice_line_services.py").exists()
    assert "note: kept billing/tests/test_invoice_line_api.py: the spec no longer generates " in (
        result.stdout
    )
    assert "note: billing.InvoiceLine is removed, but these still refer to it: " in result.stdout
    assert "reports/lines.py:3" in result.stdout
    assert "billing/tests/test_invoice_line_api.py:" in result.stdout
    assert "InvoiceLine" not in (project / "billing/models.py").read_text(encoding="utf-8")
