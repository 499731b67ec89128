"""The context of a domain render, built from examples/billing.yaml and a few small specs."""

from __future__ import annotations

import ast
import datetime
import json
from pathlib import Path
from typing import Any

from scaffold._context.build import build_domain
from scaffold._spec import DomainSpec, load_spec


def model(domain: dict[str, Any], name: str) -> dict[str, Any]:
    return next(m for m in domain["models"] if m["name"] == name)


def declaration(source: str) -> tuple[str, dict[str, Any]]:
    """``models.Index(fields=[...], name="...")`` -> ("Index", {"fields": [...], "name": ...})."""
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Call)
    assert isinstance(node.func, ast.Attribute)
    kwargs = {}
    for keyword in node.keywords:
        assert keyword.arg is not None
        try:
            kwargs[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            kwargs[keyword.arg] = ast.unparse(keyword.value)
    return node.func.attr, kwargs


def constraints(context: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    found = [declaration(source) for source in context["meta"]["constraints"]]
    return [kwargs for name, kwargs in found if name == kind]


def indexes(context: dict[str, Any]) -> list[dict[str, Any]]:
    return [declaration(source)[1] for source in context["meta"]["indexes"]]


def every_db_name(domain: dict[str, Any]) -> list[str]:
    return [
        item["name"]
        for m in domain["models"]
        for item in [
            *constraints(m, "UniqueConstraint"),
            *constraints(m, "CheckConstraint"),
            *indexes(m),
        ]
    ]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    return path


# --- scope ---------------------------------------------------------------------------------


def test_tenant_model_is_scoped_by_its_organization(billing: dict[str, Any]) -> None:
    invoice = model(billing, "Invoice")

    assert invoice["root"] == "tenant"
    assert invoice["scope"] == "tenant"
    assert invoice["scope_lookup"] == "organization"
    assert invoice["scope_kwarg"] == "organization"
    assert invoice["viewset_base"] == "OrganizationViewSet"


def test_child_model_is_scoped_through_its_parent(billing: dict[str, Any]) -> None:
    line = model(billing, "InvoiceLine")

    assert line["root"] == "tenant"
    assert line["scope"] == "parent"
    assert line["parent_field"] == "invoice"
    assert line["scope_lookup"] == "invoice__organization"
    assert line["scope_field_decl"] is None  # no organization column of its own


def test_owner_and_unscoped_models(library: dict[str, Any]) -> None:
    bookmark, genre = model(library, "Bookmark"), model(library, "Genre")

    assert (bookmark["root"], bookmark["scope_lookup"]) == ("owner", "owner")
    assert bookmark["viewset_base"] == "OwnerViewSet"
    assert (genre["root"], genre["scope_lookup"]) == ("none", None)
    assert genre["viewset_base"] == "UnscopedViewSet"


def test_grandchild_is_scoped_through_the_whole_chain(tmp_path: Path) -> None:
    spec = write(
        tmp_path,
        """
domain: shop
models:
  Order:
    scope: tenant
    fields: {number: string}
    read: [id]
  Line:
    scope: {parent: order}
    fields: {order: {type: foreign_key, to: Order, on_delete: cascade}}
    read: [id]
  Note:
    scope: {parent: line}
    fields: {line: {type: foreign_key, to: Line, on_delete: cascade}}
    read: [id]
""",
    )

    domain = build_domain(load_spec(spec))

    assert model(domain, "Note")["scope_lookup"] == "line__order__organization"
    assert domain["factory_order"] == ["Order", "Line", "Note"]


# --- names ---------------------------------------------------------------------------------


def test_names_of_a_two_word_model(billing: dict[str, Any]) -> None:
    line = model(billing, "InvoiceLine")

    assert line["snake"] == "invoice_line"
    assert line["plural"] == "invoice_lines"
    assert line["url"] == "invoice-lines"
    assert line["basename"] == "billing-invoice-line"
    assert line["verbose"] == "invoice line"
    assert line["a_verbose"] == "an invoice line"
    assert line["verbose_plural"] == "invoice lines"
    assert line["list_selector"] == "invoice_line_list"


def test_domain_level_names(billing: dict[str, Any]) -> None:
    assert billing["name"] == "billing"
    assert billing["config_class"] == "BillingConfig"
    assert billing["model_names"] == ["Customer", "Invoice", "InvoiceLine"]
    assert billing["first_party"] == ["accounts", "billing", "core", "tenancy"]
    assert billing["factory_order"] == ["Customer", "Invoice", "InvoiceLine"]


def test_context_is_plain_data(billing: dict[str, Any]) -> None:
    # It is stored in the answers file and replayed by updates: no objects, no shared parts.
    assert json.loads(json.dumps(billing)) == billing


# --- queries -------------------------------------------------------------------------------


def test_nested_relations_are_fetched_with_select_related(billing: dict[str, Any]) -> None:
    assert model(billing, "Invoice")["select_related"] == ["customer"]
    assert model(billing, "Customer")["select_related"] == []
    assert model(billing, "InvoiceLine")["select_related"] == []


def test_default_ordering_ends_with_id_for_a_stable_order(billing: dict[str, Any]) -> None:
    assert (
        model(billing, "Invoice")["meta"]["ordering"] == 'ordering = ["-issued_on", "number", "id"]'
    )
    assert model(billing, "Customer")["meta"]["ordering"] == 'ordering = ["name", "id"]'


def test_ordering_by_a_foreign_key_sorts_by_its_column_so_a_self_reference_cannot_loop() -> None:
    # Found by the spec fuzzer: by the related row's own ordering, Django loops on this model.
    spec = DomainSpec.model_validate(
        {
            "domain": "tree",
            "models": {
                "Node": {
                    "scope": "tenant",
                    "fields": {
                        "name": "string",
                        "parent": {
                            "type": "foreign_key",
                            "to": "Node",
                            "null": True,
                            "required": False,
                            "on_delete": "set_null",
                        },
                    },
                    "read": ["id", "name", "parent"],
                    "default_ordering": ["-parent", "name"],
                }
            },
        }
    )
    ordering = model(build_domain(spec), "Node")["meta"]["ordering"]
    assert ordering == 'ordering = ["-parent_id", "name", "id"]'


# --- constraints and indexes ---------------------------------------------------------------


def test_unique_constraint_is_unique_within_the_organization(billing: dict[str, Any]) -> None:
    assert constraints(model(billing, "Invoice"), "UniqueConstraint") == [
        {"fields": ["organization", "number"], "name": "billing_invoice_number_unique"}
    ]
    assert constraints(model(billing, "Customer"), "UniqueConstraint") == [
        {"fields": ["organization", "email"], "name": "billing_customer_email_unique"}
    ]


def test_unique_constraint_of_a_child_is_unique_within_its_parent(
    library: dict[str, Any],
) -> None:
    assert constraints(model(library, "Chapter"), "UniqueConstraint") == [
        {"fields": ["book", "number"], "name": "library_chapter_number_unique"}
    ]


def test_unique_constraint_of_an_owner_model_is_unique_per_owner(
    library: dict[str, Any],
) -> None:
    assert constraints(model(library, "Bookmark"), "UniqueConstraint") == [
        {"fields": ["owner", "label"], "name": "library_bookmark_label_unique"}
    ]


def test_unique_field_of_an_unscoped_model_is_unique_everywhere(library: dict[str, Any]) -> None:
    assert constraints(model(library, "Genre"), "UniqueConstraint") == [
        {"fields": ["name"], "name": "library_genre_name_unique"}
    ]


def test_check_constraints_carry_a_condition_and_a_message(billing: dict[str, Any]) -> None:
    assert constraints(model(billing, "Invoice"), "CheckConstraint") == [
        {
            "condition": "models.Q(due_on__gte=models.F('issued_on'))",
            "name": "billing_invoice_due_on_gte_issued_on_check",
            "violation_error_message": "The due date cannot be before the issue date.",
        },
        {
            "condition": "models.Q(amount__gte=0)",
            "name": "billing_invoice_amount_gte_0_check",
            "violation_error_message": "Amount must be greater than or equal to 0.",
        },
    ]


def test_indexes_lead_with_the_organization(billing: dict[str, Any]) -> None:
    fields = [index["fields"] for index in indexes(model(billing, "Invoice"))]

    assert fields[0] == ["organization", "status", "due_on"]  # the spec's own index first
    assert all(f[0] == "organization" for f in fields)
    assert ["organization", "number"] not in fields  # the unique constraint already covers it


def test_index_names_fit_django_and_constraint_names_fit_the_databases(
    billing: dict[str, Any], library: dict[str, Any]
) -> None:
    for domain in (billing, library):
        for m in domain["models"]:
            for index in indexes(m):
                assert len(index["name"]) <= 30, index
            for kind in ("UniqueConstraint", "CheckConstraint"):
                for constraint in constraints(m, kind):
                    assert len(constraint["name"]) <= 60, constraint


def test_database_names_are_unique_in_a_domain(
    billing: dict[str, Any], library: dict[str, Any]
) -> None:
    for domain in (billing, library):
        names = every_db_name(domain)
        assert len(names) == len(set(names)), names


def test_indexes_on_fields_sharing_a_prefix_get_distinct_names(tmp_path: Path) -> None:
    spec = write(
        tmp_path,
        """
domain: shop
models:
  Order:
    scope: tenant
    fields:
      amount_net: decimal
      amount_gross: decimal
    read: [id, amount_net, amount_gross]
    filters: [amount_net, amount_gross]
""",
    )

    names = [index["name"] for index in indexes(model(build_domain(load_spec(spec)), "Order"))]

    assert len(names) == 2
    assert names[0] != names[1], names


def test_long_names_are_shortened_within_the_limits(tmp_path: Path) -> None:
    long_field = "a_remarkably_long_field_name_for_an_index"
    spec = write(
        tmp_path,
        f"""
domain: warehouse_management
models:
  InventoryAdjustmentRecord:
    scope: tenant
    fields:
      {long_field}: {{type: string, unique: true}}
      other_remarkably_long_field_name: integer
    read: [id]
    constraints:
      - check: "other_remarkably_long_field_name >= 0"
    filters: [other_remarkably_long_field_name]
""",
    )

    context = model(build_domain(load_spec(spec)), "InventoryAdjustmentRecord")

    [unique] = constraints(context, "UniqueConstraint")
    [check] = constraints(context, "CheckConstraint")
    [index] = indexes(context)
    assert unique["fields"] == ["organization", long_field]
    assert len(unique["name"]) <= 60 and unique["name"].endswith("_unique")
    assert len(check["name"]) <= 60 and check["name"].endswith("_check")
    assert len(index["name"]) <= 30 and index["name"].endswith("_idx")


# --- services, serializers, permissions ----------------------------------------------------


def test_services_of_a_model(billing: dict[str, Any]) -> None:
    invoice = model(billing, "Invoice")

    assert invoice["service_functions"] == [
        *("invoice_create", "invoice_update", "invoice_delete"),
        *("invoice_send", "invoice_pay", "invoice_void"),
    ]
    assert invoice["create_signature"] == (
        "def invoice_create(\n"
        "    *,\n"
        "    organization: Organization,\n"
        "    number: str,\n"
        "    customer: Customer,\n"
        "    amount: Decimal,\n"
        "    issued_on: date,\n"
        "    due_on: date,\n"
        '    memo: str = "",\n'
        ") -> Invoice:"
    )


def test_transitions_name_their_states(billing: dict[str, Any]) -> None:
    void = model(billing, "Invoice")["transitions"][2]

    assert void["name"] == "void"
    assert void["service"] == "invoice_void"
    assert void["sources"] == "[Invoice.Status.DRAFT, Invoice.Status.SENT]"
    assert void["target"] == "Invoice.Status.VOID"
    assert void["role"] == "owner"
    assert void["doc"] == "Move an invoice from draft or sent to void."


def test_roles_list_crud_actions_then_transitions(billing: dict[str, Any]) -> None:
    assert model(billing, "Invoice")["roles"] == [
        {"action": "list", "role": "member"},
        {"action": "retrieve", "role": "member"},
        {"action": "create", "role": "admin"},
        {"action": "update", "role": "admin"},
        {"action": "destroy", "role": "owner"},
        {"action": "send", "role": "admin"},
        {"action": "pay", "role": "admin"},
        {"action": "void", "role": "owner"},
    ]


def test_list_output_shows_less_than_the_detail(billing: dict[str, Any]) -> None:
    customer = model(billing, "Customer")

    assert customer["has_list_output"] is True
    assert customer["list_output"]["field_names"] == ["id", "name", "email"]
    assert customer["output"]["field_names"] == [
        *("id", "name", "email", "notes", "created_at", "updated_at"),
    ]


def test_nested_output_serializer_for_an_expanded_foreign_key(billing: dict[str, Any]) -> None:
    invoice = model(billing, "Invoice")

    assert invoice["nested_serializers"] == [
        {
            "field": "customer",
            "class": "InvoiceCustomerOutputSerializer",
            "model": "Customer",
            "fields": 'fields = ["id", "name"]',
        }
    ]
    assert invoice["output"]["declared"] == [
        "customer = InvoiceCustomerOutputSerializer(read_only=True)"
    ]


def test_foreign_key_input_is_limited_to_rows_in_scope(billing: dict[str, Any]) -> None:
    decls = model(billing, "Invoice")["create_input"]["decls"]

    assert "    customer = ScopedPrimaryKeyRelatedField(selector=customer_list)" in decls


def test_a_factory_reaching_through_a_parent_climbs_one_level_per_hop() -> None:
    """Record008 (tenant) points at Record007, scoped through its own parent ``ref``."""
    from benchmarks.synthetic import synthetic_spec

    spec = DomainSpec.model_validate(synthetic_spec(10))
    record = next(m for m in build_domain(spec)["models"] if m["name"] == "Record008")
    declaration = next(d for d in record["tests"]["factory_decls"] if d.startswith("ref ="))

    assert 'ref__organization=factory.SelfAttribute("...organization")' in declaration


# --- defaults the spec fuzzer found broken ----------------------------------------------------


def _event_domain() -> dict[str, Any]:
    spec = DomainSpec.model_validate(
        {
            "domain": "calendar_app",
            "models": {
                "Event": {
                    "scope": "tenant",
                    "fields": {
                        "on": {"type": "date", "default": datetime.date(2024, 2, 29)},
                        "at": {"type": "datetime", "default": datetime.datetime(2024, 2, 29, 8)},
                        "extra": {"type": "json", "required": False, "default": {"a": [1]}},
                    },
                    "read": ["id"],
                    "write": ["on", "at", "extra"],
                    "roles": {"create": "admin"},
                }
            },
        }
    )
    return model(build_domain(spec), "Event")


def test_date_and_datetime_defaults_are_python_values_and_datetimes_are_aware() -> None:
    event = _event_domain()
    assert "    on = models.DateField(default=datetime.date(2024, 2, 29))" in event["field_decls"]
    assert "default=datetime.datetime(2024, 2, 29, 8, 0, 0, tzinfo=datetime.UTC)" in "".join(
        event["field_decls"]
    )
    assert "on: date = date(2024, 2, 29)," in event["create_signature"]
    assert "at: datetime = datetime(2024, 2, 29, 8, 0, 0, tzinfo=UTC)," in event["create_signature"]


def test_a_json_default_is_a_callable_so_rows_never_share_it() -> None:
    event = _event_domain()
    declaration = next(d for d in event["field_decls"] if d.lstrip().startswith("extra ="))
    assert 'default=functools.partial(copy.deepcopy, {"a": [1]})' in declaration
    assert "extra: Any | None = None," in event["create_signature"]
    assert event["json_defaults"] == ['extra = {"a": [1]} if extra is None else extra']


def test_a_str_too_long_for_one_f_string_line_is_a_join_ruff_can_wrap() -> None:
    # Found by the spec fuzzer: long displayed field names made __str__ an E501 line.
    spec = DomainSpec.model_validate(
        {
            "domain": "shop",
            "models": {
                "Order": {"scope": "tenant", "fields": {"name": "string"}, "read": ["id"]},
                "Line": {
                    "scope": {"parent": "order_of_the_line"},
                    "display": ["count_of_items_ordered", "balance_of_the_account"],
                    "fields": {
                        "order_of_the_line": {"type": "foreign_key", "to": "Order"},
                        "count_of_items_ordered": "integer",
                        "balance_of_the_account": "decimal",
                    },
                    "read": ["id"],
                },
            },
        }
    )
    source = model(build_domain(spec), "Line")["str_source"]
    assert source.startswith('" ".join([')
    assert 'str(self.order_of_the_line) if self.order_of_the_line_id else "?",' in source
    assert all(len("        " + line) <= 100 for line in source.splitlines())


def test_validators_too_long_for_one_line_are_one_a_line() -> None:
    # Found by the spec fuzzer: min 1000 and max 10**12 made a 107-column validators line.
    from scaffold._context.fields import model_declaration
    from scaffold._spec.schema import FieldSpec

    field = FieldSpec(type="decimal", min=1000, max=10**12)
    source = model_declaration("amount_of_money", field, None, "Ledger")
    assert '            MaxValueValidator(Decimal("1000000000000")),' in source
    assert all(len(line) <= 100 for line in source.splitlines())
