"""Runs the worker's stages on hand-made model states, in one Django start, and prints JSON.

Each scenario is a shop app before and after a change, the spec's renames and backfills, and
rows put into an in-memory SQLite database shaped like "before". The tests read the reply:
the plan (safe or destructive, the exact counts) and the migration text.

    python tests/worker/harness.py     (with src/scaffold/_worker on PYTHONPATH)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    USE_TZ=True,
)
django.setup()

from decimal import Decimal  # noqa: E402

from django.apps import apps  # noqa: E402
from django.core import validators  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.db.migrations.graph import MigrationGraph  # noqa: E402
from django.db.migrations.migration import Migration  # noqa: E402
from django.db.migrations.state import ModelState, ProjectState  # noqa: E402
from scaffold_worker import backfill, preflight  # noqa: E402
from scaffold_worker.classify import plan_migration  # noqa: E402
from scaffold_worker.detect import apply_renames, detect_changes, suspected_renames  # noqa: E402

APP = "shop"
Fields = dict[str, models.Field]


def state(**models_: Fields | tuple[Fields, dict[str, Any]]) -> ProjectState:
    """auth and contenttypes as installed, plus the shop models given."""
    project = ProjectState.from_apps(apps)
    for name, spec in models_.items():
        fields, options = spec if isinstance(spec, tuple) else (spec, {})
        all_fields = [("id", models.BigAutoField(primary_key=True)), *fields.items()]
        project.add_model(ModelState(APP, name, all_fields, options=dict(options)))
    return project


def char(length: int = 100, **options: Any) -> models.CharField:
    return models.CharField(max_length=length, **options)


class Loader:
    """What the worker reads from a MigrationLoader: the graph, with shop at 0001."""

    def __init__(self) -> None:
        self.graph = MigrationGraph()
        self.graph.add_node((APP, "0001_initial"), Migration("0001_initial", APP))


def run(
    before: ProjectState,
    after: ProjectState,
    rows: Callable[[Any], None] | None = None,
    declared: dict[str, Any] | None = None,
    read: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """The worker's stages on one scenario, with ``rows`` written into a fresh database.

    With ``read``, the migration is applied to those rows, and ``read`` tells what became
    of them.
    """
    declared = declared or {}
    renamed_state = before.clone()
    renames = apply_renames(renamed_state, after, APP, declared)
    renamed: dict[str, dict[str, str]] = {}
    for item in renames.applied:
        if "field" in item:
            renamed.setdefault(item["model"].lower(), {})[item["field"]] = item["old"]
    instructions = backfill.prepare(
        APP, renamed_state, after, declared.get("backfills", {}), renamed
    )
    problems = [
        *renames.problems,
        *suspected_renames(renamed_state, after, APP),
        *instructions.problems,
    ]
    changes = detect_changes(Loader(), renamed_state, after, {APP}, {APP: renames.operations})
    migrations = changes.get(APP, [])
    operations = [op for migration in migrations for op in migration.operations]
    planned = plan_migration(APP, before.clone(), operations, instructions.by_model)
    texts = []
    for migration in migrations:
        if backfill.resolve_constants(migration.operations, instructions, APP, renamed_state):
            code = backfill.weave(migration, instructions, APP, renamed_state)
            texts.append(backfill.migration_text(migration, code))
        else:
            texts.append(None)
    result = {
        "problems": [problem.as_json() for problem in problems],
        "renames": {"applied": renames.applied, "already": renames.already},
        "texts": texts,
    }
    result["read"] = _with_rows(before, rows, planned, texts if read else [], read)
    result["operations"] = [item.as_json() for item in planned]
    return result


def _with_rows(
    before: ProjectState,
    rows: Callable[[Any], None] | None,
    planned: list[Any],
    texts: list[str | None],
    read: Callable[[Any], Any] | None,
) -> Any:
    """Create the shop tables as ``before`` has them, add the rows, count every check; then
    apply the migrations' texts to them and ``read`` the outcome."""
    historical = before.apps
    with connection.schema_editor() as editor:
        for model in _shop(historical):
            editor.create_model(model)
    if rows:
        rows(historical)
    database = preflight.Database("default", "sqlite", ":memory:", "ready")
    checks = [check for item in planned for check in item.checks]
    preflight.count_all(checks, database, historical, APP)
    current, outcome = before, None
    for text in texts:
        module: dict[str, Any] = {}
        exec(compile(text or "", "<migration>", "exec"), module)
        with connection.schema_editor(atomic=True) as editor:
            current = module["Migration"]("0002_next", APP).apply(current.clone(), editor)
    if read:
        outcome = read(current.apps)
    with connection.schema_editor() as editor:
        for model in reversed(_shop(current.apps)):
            editor.delete_model(model)
    return outcome


def _shop(registry: Any) -> list[Any]:
    return [model for model in registry.get_models() if model._meta.app_label == APP]


# --- scenarios ------------------------------------------------------------------------------


def customers(apps_: Any, *notes: str | None) -> None:
    customer = apps_.get_model(APP, "Customer")
    for index, note in enumerate(notes):
        customer.objects.create(name=f"customer {index}", notes=note)


def rename_and_shorten() -> dict[str, Any]:
    before = state(Customer={"name": char(), "notes": models.TextField(null=True)})
    after = state(Customer={"name": char(), "remarks": char(10, null=True)})
    declared = {"models": {"Customer": {"fields": {"remarks": "notes"}}}}

    def remarks(apps_: Any) -> list[str | None]:
        customer = apps_.get_model(APP, "Customer")
        return list(customer.objects.order_by("pk").values_list("remarks", flat=True))

    notes = ("short", "x" * 11, "y" * 30, None)
    return run(before, after, lambda a: customers(a, *notes), declared, remarks)


def undeclared_rename() -> dict[str, Any]:
    before = state(Customer={"name": char(), "notes": models.TextField()})
    after = state(Customer={"name": char(), "memo": models.TextField(), "code": char()})
    return run(before, after)


def undeclared_model_rename() -> dict[str, Any]:
    before = state(Contact={"name": char(), "phone": char(30)})
    after = state(Person={"name": char(), "phone": char(30)})
    return run(before, after)


def required_without_backfill() -> dict[str, Any]:
    before = state(Customer={"name": char(), "notes": models.TextField(null=True)})
    after = state(Customer={"name": char(), "notes": models.TextField(null=True), "code": char(8)})
    return run(before, after, lambda a: customers(a, "a", "b", "c"))


def required_with_backfill() -> dict[str, Any]:
    before = state(Customer={"name": char(), "notes": models.TextField(null=True)})
    after = state(Customer={"name": char(), "notes": models.TextField(null=True), "code": char(8)})
    declared = {"backfills": {"Customer": {"code": {"value": "LEGACY"}}}}
    return run(before, after, lambda a: customers(a, "a", "b"), declared)


def invalid_backfill() -> dict[str, Any]:
    before = state(Customer={"name": char()})
    after = state(Customer={"name": char(), "code": char(3)})
    return run(before, after, declared={"backfills": {"Customer": {"code": {"value": "LEGACY"}}}})


STATUS = [("draft", "Draft"), ("sent", "Sent"), ("void", "Void")]


def invoices(apps_: Any, *values: tuple[str, Any]) -> None:
    invoice = apps_.get_model(APP, "Invoice")
    for index, (status, amount) in enumerate(values):
        invoice.objects.create(number=f"N{index}", status=status, amount=amount)


def invoice_state(**changes: models.Field) -> ProjectState:
    fields: Fields = {
        "number": char(32),
        "status": char(16, choices=STATUS, default="draft"),
        "amount": models.DecimalField(max_digits=8, decimal_places=2, null=True),
    }
    fields.update(changes)
    return state(Invoice=fields)


def removed_choice() -> dict[str, Any]:
    after = invoice_state(status=char(16, choices=STATUS[:2], default="draft"))
    declared = {"backfills": {"Invoice": {"status": {"value": "sent"}}}}
    values = [("draft", 1), ("void", 2), ("void", 3)]
    return run(invoice_state(), after, lambda a: invoices(a, *values), declared, statuses)


def statuses(apps_: Any) -> list[str]:
    return list(
        apps_.get_model(APP, "Invoice").objects.order_by("pk").values_list("status", flat=True)
    )


def made_required() -> dict[str, Any]:
    after = invoice_state(amount=models.DecimalField(max_digits=8, decimal_places=2))
    declared = {"backfills": {"Invoice": {"amount": {"value": "0"}}}}
    values = [("draft", None), ("draft", 1), ("sent", None)]
    return run(invoice_state(), after, lambda a: invoices(a, *values), declared, amounts)


def amounts(apps_: Any) -> list[str]:
    invoice = apps_.get_model(APP, "Invoice")
    return [
        str(amount) for amount in invoice.objects.order_by("pk").values_list("amount", flat=True)
    ]


def narrowed_digits() -> dict[str, Any]:
    after = invoice_state(amount=models.DecimalField(max_digits=4, decimal_places=1, null=True))
    values = [("draft", Decimal("999.99")), ("draft", Decimal("12.34")), ("draft", Decimal("1.5"))]
    return run(invoice_state(), after, lambda a: invoices(a, *values))


def raised_minimum() -> dict[str, Any]:
    bounded = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        validators=[validators.MinValueValidator(Decimal("5"))],
    )
    values = [("draft", 1), ("draft", 5), ("draft", 7), ("draft", None)]
    return run(invoice_state(), invoice_state(amount=bounded), lambda a: invoices(a, *values))


def new_constraints() -> dict[str, Any]:
    options = {
        "constraints": [
            models.UniqueConstraint(fields=["number"], name="shop_invoice_number_unique"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=2), name="shop_invoice_amount_gte_2_check"
            ),
        ]
    }
    after = state(Invoice=(dict(invoice_state().models[APP, "invoice"].fields), options))

    def rows(apps_: Any) -> None:
        invoice = apps_.get_model(APP, "Invoice")
        for number, amount in [("A", 1), ("A", 2), ("A", 3), ("B", 1), ("C", None)]:
            invoice.objects.create(number=number, amount=amount)

    return run(invoice_state(), after, rows)


def range_made_a_constraint() -> dict[str, Any]:
    """A template release puts the validators' range in the database too, or a narrower one."""
    bounded = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        validators=[validators.MinValueValidator(Decimal("0"))],
    )
    fields = dict(invoice_state(amount=bounded).models[APP, "invoice"].fields)
    options = {
        "constraints": [
            models.CheckConstraint(
                condition=models.Q(amount__gte=Decimal("0")), name="shop_invoice_amount_range"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=Decimal("1")), name="shop_invoice_amount_gte_1"
            ),
        ]
    }

    def rows(apps_: Any) -> None:
        invoices(apps_, ("draft", Decimal("-1")), ("draft", 0), ("draft", 3), ("draft", None))

    return run(invoice_state(amount=bounded), state(Invoice=(fields, options)), rows)


def rename_in_an_index() -> dict[str, Any]:
    def options(field: str) -> dict[str, Any]:
        return {"indexes": [models.Index(fields=[field], name=f"shop_customer_{field}_idx")]}

    before = state(Customer=({"name": char()}, options("name")))
    after = state(Customer=({"full_name": char()}, options("full_name")))
    declared = {"models": {"Customer": {"fields": {"full_name": "name"}}}}

    def names(apps_: Any) -> list[str]:
        customer = apps_.get_model(APP, "Customer")
        return list(customer.objects.order_by("pk").values_list("full_name", flat=True))

    return run(before, after, lambda a: customers_without_notes(a, 2), declared, names)


def rename_from_nothing() -> dict[str, Any]:
    before = state(Customer={"name": char()})
    after = state(Customer={"name": char(), "memo": models.TextField(null=True)})
    return run(before, after, declared={"models": {"Customer": {"fields": {"memo": "notes"}}}})


def rename_already_applied() -> dict[str, Any]:
    before = state(Customer={"memo": models.TextField()})
    return run(before, before, declared={"models": {"Customer": {"fields": {"memo": "notes"}}}})


def owner_through_a_path() -> dict[str, Any]:
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    customer = {"name": char(), "owner": user}
    before = state(
        Customer=customer,
        Invoice={"number": char(), "customer": models.ForeignKey("shop.Customer", models.PROTECT)},
    )
    after = state(
        Customer=customer,
        Invoice={
            "number": char(),
            "customer": models.ForeignKey("shop.Customer", models.PROTECT),
            "owner": models.ForeignKey("auth.User", models.CASCADE, related_name="+"),
        },
    )

    def rows(apps_: Any) -> None:
        owner, _ = apps_.get_model("auth", "User").objects.get_or_create(username="ann")
        customer_ = apps_.get_model(APP, "Customer").objects.create(name="c", owner=owner)
        for number in ("1", "2"):
            apps_.get_model(APP, "Invoice").objects.create(number=number, customer=customer_)

    declared = {"backfills": {"Invoice": {"owner": {"from": "customer__owner"}}}}

    def owners(apps_: Any) -> list[str]:
        invoice = apps_.get_model(APP, "Invoice")
        return list(invoice.objects.order_by("pk").values_list("owner__username", flat=True))

    result = run(before, after, rows, declared, owners)
    result["unresolved"] = run(before, after, rows)["operations"]
    return result


def missing_user() -> dict[str, Any]:
    before = state(Customer={"name": char()})
    after = state(
        Customer={"name": char(), "owner": models.ForeignKey("auth.User", models.CASCADE)}
    )
    declared = {"backfills": {"Customer": {"owner": {"user": "nobody"}}}}
    return run(before, after, lambda a: customers_without_notes(a, 2), declared)


def customers_without_notes(apps_: Any, count: int) -> None:
    for index in range(count):
        apps_.get_model(APP, "Customer").objects.create(name=f"c{index}")


def deleted_model() -> dict[str, Any]:
    before = state(
        Customer={"name": char(), "notes": models.TextField(null=True)},
        Note={"customer": models.ForeignKey("shop.Customer", models.CASCADE)},
    )
    after = state(Customer={"name": char(), "notes": models.TextField(null=True)})

    def rows(apps_: Any) -> None:
        customers(apps_, "a")
        customer = apps_.get_model(APP, "Customer").objects.get()
        for _ in range(3):
            apps_.get_model(APP, "Note").objects.create(customer=customer)

    return run(before, after, rows)


def renamed_model_with_references() -> dict[str, Any]:
    def shop(customer: str) -> ProjectState:
        options = {
            "constraints": [
                models.UniqueConstraint(
                    fields=["name"], name=f"shop_{customer.lower()}_name_unique"
                )
            ]
        }
        reference = models.ForeignKey(f"shop.{customer}", models.PROTECT)
        return state(
            **{customer: ({"name": char()}, options)},
            Invoice={"number": char(), "customer": reference},
        )

    def rows(apps_: Any) -> None:
        for name in ("a", "b"):
            customer = apps_.get_model(APP, "Customer").objects.create(name=name)
            apps_.get_model(APP, "Invoice").objects.create(number=f"N-{name}", customer=customer)

    def names(apps_: Any) -> list[str]:
        invoice = apps_.get_model(APP, "Invoice")
        return list(invoice.objects.order_by("pk").values_list("customer__name", flat=True))

    declared = {"models": {"Client": {"renamed_from": "Customer"}}}
    return run(shop("Customer"), shop("Client"), rows, declared, names)


SCENARIOS = {
    function.__name__: function
    for function in (
        rename_and_shorten,
        undeclared_rename,
        undeclared_model_rename,
        required_without_backfill,
        required_with_backfill,
        invalid_backfill,
        removed_choice,
        made_required,
        narrowed_digits,
        raised_minimum,
        new_constraints,
        range_made_a_constraint,
        rename_in_an_index,
        rename_from_nothing,
        rename_already_applied,
        owner_through_a_path,
        missing_user,
        deleted_model,
        renamed_model_with_references,
    )
}


if __name__ == "__main__":
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # auth's tables, for rows that point to users
    json.dump({name: scenario() for name, scenario in SCENARIOS.items()}, sys.stdout, default=str)
