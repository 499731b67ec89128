"""An edited spec reaches the domain through `scaffold update`, with an altering migration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.update.conftest import (
    Workspace,
    commit_all,
    git,
    ok,
    ordered,
    replace,
    run_suite,
    scaffold,
)

pytestmark = pytest.mark.e2e

OWNER_FUNCTION = '''

def customer_greeting(*, customer: Customer) -> str:
    """How the owners greet a customer (not generated)."""
    return f"Dear {customer.name}"
'''

PAYMENT = {
    "scope": "tenant",
    "display": "reference",
    "fields": {
        "invoice": {
            "type": "foreign_key",
            "to": "Invoice",
            "on_delete": "protect",
            "related_name": "payments",
        },
        "reference": {"type": "string", "max_length": 40},
        "amount": {"type": "decimal", "max_digits": 12, "decimal_places": 2, "min": 0},
    },
    "read": ["id", "invoice", "reference", "amount", "created_at"],
    "write": {"create": ["invoice", "reference", "amount"], "update": ["reference"]},
    "roles": {
        "list": "member",
        "retrieve": "member",
        "create": "admin",
        "update": "admin",
        "destroy": "owner",
    },
    "constraints": [{"unique": ["reference"]}],
    "filters": ["invoice"],
    "default_ordering": ["created_at"],
}


def evolve(spec: dict[str, Any]) -> None:
    """A field and its whitelisting, a model in and a model out, roles, transitions, checks."""
    models = spec["models"]
    customer = models["Customer"]
    customer["fields"]["phone"] = {
        "type": "string",
        "max_length": 30,
        "required": False,
        "default": "",
    }
    customer["read"].insert(customer["read"].index("notes") + 1, "phone")
    customer["write"].append("phone")
    customer["roles"]["destroy"] = "owner"
    invoice = models["Invoice"]
    del invoice["transitions"]["void"]
    invoice["constraints"] = [c for c in invoice["constraints"] if c.get("check") != "amount >= 0"]
    del models["InvoiceLine"]
    models["Payment"] = PAYMENT


def manage(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        check=False,
    )


def test_an_edited_spec_is_merged_and_gets_an_altering_migration(workspace: Workspace) -> None:
    project = workspace.project
    # Next to a function the spec keeps (edits next to removed code conflict, as they should).
    replace(
        project / "billing/services.py",
        r"^def customer_delete\(.*\n(    .*\n)+",
        lambda match: match.group(0) + OWNER_FUNCTION,
    )
    spec_file = project / "specs/billing.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    evolve(spec)
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    commit_all(project, "Payments instead of lines; customers have a phone")

    refused = scaffold("update", "billing", cwd=project)
    assert refused.returncode == 1
    assert "destructive  delete model InvoiceLine and its table" in refused.stderr
    assert "run again with --allow-destructive" in refused.stderr
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""

    result = ok(scaffold("update", "billing", "--allow-destructive", cwd=project))
    assert "destructive  delete model InvoiceLine and its table" in result.stdout
    assert "safe         add field Customer.phone" in result.stdout

    migrations = project / "billing/migrations"
    assert sorted(path.name for path in migrations.glob("0001_*.py")) == ["0001_initial.py"]
    created = list(migrations.glob("0002_*.py"))
    assert len(created) == 1, sorted(path.name for path in migrations.iterdir())
    assert f"New migration: billing/migrations/{created[0].name}" in result.stdout
    migration = created[0].read_text(encoding="utf-8")
    assert '("billing", "0001_initial")' in migration
    assert "initial = True" not in migration
    assert "migrations.AddField(" in migration
    assert 'name="phone"' in migration
    assert "migrations.CreateModel(" in migration
    assert 'name="Payment"' in migration
    assert "migrations.DeleteModel(" in migration
    assert 'name="InvoiceLine"' in migration
    assert "migrations.RemoveConstraint(" in migration

    check = manage(project, "makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stdout + check.stderr

    tests = project / "billing/tests"
    assert not (tests / "test_invoice_line_api.py").exists()
    assert (tests / "test_payment_api.py").is_file()
    assert "InvoiceLine" not in (project / "billing/models.py").read_text(encoding="utf-8")
    serializers = (project / "billing/serializers.py").read_text(encoding="utf-8")
    assert '"phone"' in serializers
    assert OWNER_FUNCTION in (project / "billing/services.py").read_text(encoding="utf-8")

    answers = yaml.safe_load((project / "billing/.copier-answers.yml").read_text())
    assert ordered(answers["spec"]) == ordered(spec)
    status = ok(scaffold("status", cwd=project)).stdout
    assert "spec unchanged" in next(line for line in status.splitlines() if "billing" in line)

    suite = run_suite(project, "billing")
    assert suite.returncode == 0, suite.stdout[-3000:]


def test_after_a_conflict_is_resolved_the_next_update_makes_the_migration(
    workspace: Workspace,
) -> None:
    project = workspace.project
    services = project / "billing/services.py"
    # Appended right after the last generated function, which the spec change removes.
    services.write_text(services.read_text(encoding="utf-8") + OWNER_FUNCTION, encoding="utf-8")
    spec_file = project / "specs/billing.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    evolve(spec)
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    commit_all(project, "Payments instead of lines")

    conflicted = scaffold("update", "billing", cwd=project)

    assert conflicted.returncode == 1
    assert "billing/services.py" in conflicted.stderr
    assert not list((project / "billing/migrations").glob("0002_*.py"))
    text = services.read_text(encoding="utf-8")
    start, end = text.index("<<<<<<< "), text.index(">>>>>>> ")
    theirs = text[text.index("=======\n", start) + len("=======\n") : end]
    rest = text[text.index("\n", end) + 1 :]
    services.write_text(text[:start] + theirs + OWNER_FUNCTION + rest, encoding="utf-8")
    commit_all(project, "Resolved")

    result = ok(scaffold("update", "billing", "--allow-destructive", cwd=project))

    assert "New migration: billing/migrations/0002_" in result.stdout
    assert OWNER_FUNCTION in services.read_text(encoding="utf-8")
    check = manage(project, "makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stdout + check.stderr
