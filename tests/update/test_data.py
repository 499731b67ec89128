"""On a project with rows, on SQLite, PostgreSQL and MariaDB: renames keep every value, the
pre-flight counts exactly what a change would break, and backfills fill existing rows."""

from __future__ import annotations

from typing import Any

import pytest

from tests.update.conftest import git, tree_hash
from tests.update.rows import Rows

pytestmark = pytest.mark.e2e


def rename_notes(billing: dict[str, Any]) -> None:
    """notes -> remarks, with a help text while at it (a rename that also alters)."""
    customer = billing["models"]["Customer"]
    notes = customer["fields"].pop("notes")
    customer["fields"]["remarks"] = {
        **notes,
        "help_text": "Seen by staff only.",
        "renamed_from": "notes",
    }
    for key in ("read", "write"):
        customer[key] = ["remarks" if f == "notes" else f for f in customer[key]]


def rename_contacts(crm: dict[str, Any]) -> None:
    """Contact -> Person, phone -> telephone."""
    person = crm["models"].pop("Contact")
    person["renamed_from"] = "Contact"
    person["fields"]["telephone"] = {**person["fields"].pop("phone"), "renamed_from": "phone"}
    for key in ("read", "write"):
        person[key] = ["telephone" if f == "phone" else f for f in person[key]]
    crm["models"]["Person"] = person


def test_renames_keep_every_value(rows: Rows) -> None:
    customers = rows.values("billing.Customer", "id", "name", "email", "notes")
    contacts = rows.values("crm.Contact", "id", "organization__slug", "name", "phone")
    rows.edit_spec("billing", rename_notes)
    rows.edit_spec("crm", rename_contacts)

    result = rows.update("billing", "crm")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "safe         rename field Customer.notes to remarks" in result.stdout
    assert "safe         rename model Contact to Person" in result.stdout
    assert "safe         rename field Person.phone to telephone" in result.stdout
    assert "destructive" not in result.stdout
    rows.migrate()
    assert rows.values("billing.Customer", "id", "name", "email", "remarks") == customers
    assert rows.values("crm.Person", "id", "organization__slug", "name", "telephone") == contacts
    check = rows.manage("makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stdout + check.stderr

    if rows.name == "sqlite":  # what renamed_from means afterwards: nothing, and it says so
        git(rows.project, "add", "--all")
        git(rows.project, "commit", "--quiet", "-m", "Renamed")
        again = rows.update("billing")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "Migration plan" not in again.stdout
        assert "renamed_from took effect in an earlier migration" in again.stdout


def narrow_everything(spec: dict[str, Any]) -> None:
    """Each kind of change the pre-flight counts rows for, at once."""
    invoice = spec["models"]["Invoice"]
    invoice["fields"]["number"]["max_length"] = 12  # 'INV-0-0-LONGNUMBER' is 18 long
    invoice["fields"]["status"]["choices"].pop("void")  # two of each organization's three
    del invoice["transitions"]["void"]
    invoice["constraints"].append({"check": "amount >= 11"})  # 10.25 breaks it, twice
    customer = spec["models"]["Customer"]
    customer["fields"]["code"] = {"type": "string", "max_length": 10}  # required, no backfill
    customer["read"].append("code")
    customer["write"].append("code")


def test_the_preflight_counts_exactly_what_would_break_and_refuses(rows: Rows) -> None:
    rows.edit_spec("billing", narrow_everything)
    before = tree_hash(rows.project)
    data_before = rows.values("billing.Invoice", "id", "number", "status", "amount")

    result = rows.update("billing", "--allow-destructive")

    assert result.returncode == 1
    err = result.stderr
    assert "alter field Invoice.number: max_length 32 -> 12; 6 rows longer than 12" in err
    assert "alter field Invoice.status: removes choice(s) void; 4 rows holding void" in err
    assert "Invoice: amount >= 11; 2 rows breaking it" in err
    assert "add field Customer.code; 6 rows need a value" in err
    assert "=====> 6 rows of Invoice: number longer than 12 characters" in err
    assert "=====> 4 rows of Invoice: status holds void, a choice the spec removes" in err
    assert "=====> 2 rows of Invoice: breaking the new check constraint" in err
    assert "=====> field 'code' is new and required: existing Customer rows (6 here)" in err
    assert git(rows.project, "status", "--porcelain", "--untracked-files=all") == ""
    if rows.name == "sqlite":
        assert tree_hash(rows.project) == before  # db.sqlite3 included: read-only checks
    assert rows.values("billing.Invoice", "id", "number", "status", "amount") == data_before


def backfill_everything(billing: dict[str, Any]) -> None:
    invoice = billing["models"]["Invoice"]
    invoice["fields"]["status"]["choices"].pop("void")
    invoice["fields"]["status"]["backfill"] = "sent"
    del invoice["transitions"]["void"]
    customer = billing["models"]["Customer"]
    customer["fields"]["code"] = {"type": "string", "max_length": 10, "backfill": "LEGACY"}
    customer["read"].append("code")
    customer["write"].append("code")


def give_contacts_a_creator(crm: dict[str, Any]) -> None:
    contact = crm["models"]["Contact"]
    contact["fields"]["created_by"] = {
        "type": "foreign_key",
        "to": "user",
        "on_delete": "protect",
        "backfill": {"user": "alice"},
    }
    contact["read"].append("created_by")
    contact["write"].append("created_by")


def contacts_belong_to_their_creator(crm: dict[str, Any]) -> None:
    contact = crm["models"]["Contact"]
    contact["scope"] = "owner"
    contact["backfill"] = {"owner": {"from": "created_by"}}
    contact["roles"] = {action: "authenticated" for action in contact["roles"]}
    del contact["fields"]["created_by"]  # the owner is the creator now: its column can go
    for key in ("read", "write"):
        contact[key].remove("created_by")


def test_backfills_give_existing_rows_their_values_once(rows: Rows) -> None:
    statuses = rows.values("billing.Invoice", "id", "status")
    rows.edit_spec("billing", backfill_everything)
    rows.edit_spec("crm", give_contacts_a_creator)

    refused = rows.update("billing", "crm")  # removing a choice is destructive
    assert refused.returncode == 1
    assert "removes choice(s) void; 4 rows holding void, which get the backfill 'sent'" in (
        refused.stderr
    )
    result = rows.update("billing", "crm", "--allow-destructive")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "add field Customer.code; 6 rows get the backfill 'LEGACY'" in result.stdout
    assert "add field Contact.created_by; 6 rows get the backfill user 'alice'" in result.stdout
    rows.migrate()
    assert rows.values("billing.Customer", "code") == [["LEGACY"]] * 6
    expected = [[pk, "sent" if status == "void" else status] for pk, status in statuses]
    assert rows.values("billing.Invoice", "id", "status") == expected
    assert rows.values("crm.Contact", "created_by__username") == [["alice"]] * 6
    models = (rows.project / "billing/models.py").read_text(encoding="utf-8")
    assert "LEGACY" not in models  # one-off: the model never gets it as a default
    git(rows.project, "add", "--all")
    git(rows.project, "commit", "--quiet", "-m", "Backfilled")

    # A scope change: tenant -> owner, each contact's owner taken from the column it replaces.
    rows.edit_spec("crm", contacts_belong_to_their_creator)
    result = rows.update("crm", "--allow-destructive")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "remove field Contact.organization and its column; 6 rows with a value" in result.stdout
    assert "add field Contact.owner; 6 rows get the backfill from created_by" in result.stdout
    assert "remove field Contact.created_by and its column; 6 rows with a value" in result.stdout
    rows.migrate()
    assert rows.values("crm.Contact", "owner__username") == [["alice"]] * 6
    check = rows.manage("makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stdout + check.stderr
