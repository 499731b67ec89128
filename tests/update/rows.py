"""A project with rows in its tables, on SQLite, PostgreSQL or MariaDB, and ways to read them.

Server databases get a name of this checkout (see tests/e2e/conftest.py), created fresh for
each test and dropped after it, so parallel checkouts and tests never share one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.conftest import DATABASE_NAME, DATABASES
from tests.update.conftest import Workspace, commit_all

ROWS_DATABASE = f"{DATABASE_NAME}_rows"

# Two organizations' worth of billing and crm rows; every value differs from every other.
SEED = """
import datetime
from decimal import Decimal
from accounts.models import User
from tenancy.models import Organization
from billing.models import Customer, Invoice, InvoiceLine
from crm.models import Contact

alice = User.objects.create(username="alice")
User.objects.create(username="bob")
for org_number, slug in enumerate(["acme", "globex"]):
    organization = Organization.objects.create(name=slug.title(), slug=slug)
    for i in range(3):
        customer = Customer.objects.create(
            organization=organization,
            name=f"Customer {org_number}-{i}",
            email=f"c{org_number}{i}@example.com",
            notes=f"Notes of customer {org_number}-{i}, café ✓",
        )
        invoice = Invoice.objects.create(
            organization=organization,
            number=f"INV-{org_number}-{i}-LONGNUMBER",
            customer=customer,
            amount=Decimal("10.25") + i,
            status=["draft", "void", "void"][i],
            issued_on=datetime.date(2024, 1, 1 + i),
            due_on=datetime.date(2024, 2, 1 + i),
        )
        InvoiceLine.objects.create(
            invoice=invoice, description=f"Line {i}", quantity=1 + i, unit_price=Decimal("1.50")
        )
        Contact.objects.create(
            organization=organization, name=f"Contact {org_number}-{i}", phone=f"+1 555 01{i}"
        )
"""


@dataclass(frozen=True)
class Rows:
    """The workspace's project on one database, with the seed rows in it."""

    workspace: Workspace
    name: str  # sqlite, postgres, mariadb
    url: str | None  # DATABASE_URL; None for the project's own SQLite file

    @property
    def project(self) -> Path:
        return self.workspace.project

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env["DJANGO_DEBUG"] = "1"
        if self.url:
            env["DATABASE_URL"] = self.url
        return env

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.project,
            capture_output=True,
            text=True,
            env=self.environment(),
            check=False,
        )

    def migrate(self) -> None:
        result = self.manage("migrate", "--no-input", "-v", "0")
        assert result.returncode == 0, result.stdout + result.stderr

    def query(self, code: str) -> Any:
        """Run ``code`` in the project's Django shell; it sets ``result``, returned as JSON."""
        script = f"import json\n{code}\nprint('\\n' + json.dumps(result, default=str))"
        outcome = self.manage("shell", "-v", "0", "-c", script)
        assert outcome.returncode == 0, outcome.stdout + outcome.stderr
        return json.loads(outcome.stdout.strip().splitlines()[-1])

    def values(self, model: str, *fields: str) -> list[list[Any]]:
        app, name = model.split(".")
        listing = ", ".join(repr(field) for field in fields)
        return self.query(
            f"from {app}.models import {name}\n"
            f"result = [list(row) for row in {name}.objects.order_by('pk').values_list({listing})]"
        )

    def update(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scaffold", "update", *args],
            cwd=self.project,
            capture_output=True,
            text=True,
            env=self.environment(),
            check=False,
        )

    def edit_spec(self, domain: str, change: Any) -> dict[str, Any]:
        """Apply ``change`` to the parsed spec, write it back and commit; return the spec."""
        path = self.project / "specs" / f"{domain}.yaml"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(spec)
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
        commit_all(self.project, f"Change the {domain} spec")
        return spec


def _server(name: str) -> Iterator[str | None]:
    """A fresh, empty database on the server ``name``; dropped again afterwards."""
    server = DATABASES[name]
    if server is None:
        yield None
        return
    host, port, url = server
    url = url.rsplit("/", 1)[0] + f"/{ROWS_DATABASE}"
    if name == "postgres":
        import psycopg

        def execute(sql: str) -> None:
            with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres") as c:
                c.autocommit = True
                c.execute(sql)

        drop = f'DROP DATABASE IF EXISTS "{ROWS_DATABASE}" WITH (FORCE)'
        create = f'CREATE DATABASE "{ROWS_DATABASE}"'
    else:
        import pymysql

        def execute(sql: str) -> None:
            connection = pymysql.connect(host=host, port=port, user="root", password="")
            try:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
            finally:
                connection.close()

        drop = f"DROP DATABASE IF EXISTS `{ROWS_DATABASE}`"
        create = f"CREATE DATABASE `{ROWS_DATABASE}` CHARACTER SET utf8mb4"
    execute(drop)
    execute(create)
    try:
        yield url
    finally:
        execute(drop)


def open_rows(workspace: Workspace, name: str) -> Iterator[Rows]:
    """The workspace's project migrated on database ``name``, with the seed rows in it."""
    for url in _server(name):
        found = Rows(workspace, name, url)
        found.migrate()
        found.query(SEED + "\nresult = None")
        yield found
