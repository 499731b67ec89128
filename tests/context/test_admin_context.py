"""The admin part of a domain's context: scope declarations, autocomplete, inlines, actions."""

from __future__ import annotations

from typing import Any

from scaffold._context.build import build_domain
from scaffold._context.derived import derive_domain
from scaffold._context.model_class import str_relations
from scaffold._spec import DomainSpec
from tests.context.test_build import model


def test_scoped_models_declare_their_scope_and_the_keys_kept_inside_it(
    billing: dict[str, Any], library: dict[str, Any]
) -> None:
    assert model(billing, "Invoice")["scope_decls"][1:] == [
        '    SCOPE_LOOKUP = "organization"',
        '    SCOPED_RELATIONS = ("customer",)',
    ]
    # The parent defines the scope: it is not a relation to keep inside it.
    assert model(billing, "InvoiceLine")["scoped_relations"] == []
    # A user foreign key must name a member; reference data belongs to everyone.
    assert model(library, "Book")["scoped_relations"] == ["curator"]
    assert model(library, "Genre")["scope_decls"] == [
        "    SCOPE_LOOKUP = None  # reference data: rows belong to no one (core.scoping)"
    ]


def test_transition_fields_are_read_only_and_each_transition_is_an_action(
    billing: dict[str, Any],
) -> None:
    admin = model(billing, "Invoice")["admin"]

    assert admin["readonly_fields"] == (
        'readonly_fields = ["id", "created_at", "updated_at", "status"]'
    )
    assert [(a["method"], a["service"], a["role"]) for a in admin["actions"]] == [
        ("send_invoices", "invoice_send", '"admin"'),
        ("pay_invoices", "invoice_pay", '"admin"'),
        ("void_invoices", "invoice_void", '"owner"'),
    ]


def test_foreign_keys_autocomplete_and_adding_asks_for_the_create_fields(
    billing: dict[str, Any],
) -> None:
    admin = model(billing, "Invoice")["admin"]

    assert admin["autocomplete_fields"] == 'autocomplete_fields = ["organization", "customer"]'
    assert admin["add_fields"].startswith('add_fields = ["organization", "number", "customer"')
    assert "return invoice_create(" in admin["create_call"]


def test_children_scoped_through_a_parent_are_its_inlines(billing: dict[str, Any]) -> None:
    inlines = model(billing, "Invoice")["admin"]["inlines"]

    assert [(i["class"], i["fk_name"]) for i in inlines] == [("InvoiceLineInline", "invoice")]
    assert model(billing, "Customer")["admin"]["inlines"] == []


def test_a_child_names_its_parent_and_the_admin_selects_the_chain(
    billing: dict[str, Any],
) -> None:
    line = model(billing, "InvoiceLine")

    assert line["str_source"] == (
        "f\"{self.invoice if self.invoice_id else '?'} · {self.description}\""
    )
    assert line["admin"]["list_select_related"] == 'list_select_related = ["invoice"]'


def test_str_relations_follow_displayed_keys_through_parents() -> None:
    spec = DomainSpec.model_validate(
        {
            "domain": "shop",
            "models": {
                "Customer": {
                    "scope": "tenant",
                    "fields": {"name": "string"},
                    "read": ["id"],
                },
                "Order": {
                    "scope": "tenant",
                    "display": ["customer", "number"],
                    "fields": {
                        "number": "string",
                        "customer": {"type": "foreign_key", "to": "Customer"},
                    },
                    "read": ["id"],
                },
                "Item": {
                    "scope": {"parent": "order"},
                    "fields": {
                        "order": {"type": "foreign_key", "to": "Order", "on_delete": "cascade"},
                        "sku": "string",
                    },
                    "read": ["id"],
                },
            },
        }
    )

    assert str_relations(derive_domain(spec), "Item") == ["order", "order__customer"]


def test_str_relations_follow_a_foreign_key_into_another_domain() -> None:
    """Issue 8 fuzz seed 10012: the admin changelist ran a query per row when a column's
    model lived in another domain whose ``__str__`` goes through a user foreign key."""
    crm = DomainSpec.model_validate(
        {
            "domain": "crm",
            "models": {
                "Account": {
                    "scope": "tenant",
                    "display": ["manager", "name"],
                    "fields": {
                        "name": "string",
                        "manager": {"type": "foreign_key", "to": "user"},
                    },
                    "read": ["id"],
                },
            },
        }
    )
    sales = DomainSpec.model_validate(
        {
            "domain": "sales",
            "models": {
                "Deal": {
                    "scope": "tenant",
                    "display": ["account", "title"],
                    "fields": {
                        "title": "string",
                        "account": {"type": "foreign_key", "to": "crm.Account"},
                    },
                    "read": ["id"],
                    "admin": {"list_display": ["title", "account"]},
                },
            },
        }
    )

    derived = derive_domain(sales, {"crm": crm})

    assert str_relations(derived, "Deal") == ["account", "account__manager"]
    admin = model(build_domain(sales, {"crm": crm}), "Deal")["admin"]
    assert admin["list_select_related"] == 'list_select_related = ["account", "account__manager"]'
    # Without the other domain's spec only the key itself is known.
    assert str_relations(derive_domain(sales), "Deal") == ["account"]


def test_a_model_without_text_fields_is_still_searchable_by_id() -> None:
    spec = DomainSpec.model_validate(
        {
            "domain": "meter",
            "models": {
                "Reading": {"scope": "tenant", "fields": {"value": "integer"}, "read": ["id"]},
            },
        }
    )

    assert build_domain(spec)["models"][0]["admin"]["search_fields"] == 'search_fields = ["=id"]'


def test_a_nullable_string_shown_alone_never_makes_str_return_none() -> None:
    """Issue 8 fuzz seed 70005: ``__str__`` returned a null nickname, and every admin page
    listing the row was a 500 (TypeError)."""
    from scaffold._context.model_class import str_source

    spec = DomainSpec.model_validate(
        {
            "domain": "site",
            "models": {
                "Page": {
                    "scope": "tenant",
                    "display": "nickname",
                    "fields": {"nickname": {"type": "string", "null": True, "required": False}},
                    "read": ["id"],
                },
            },
        }
    )

    assert str_source(derive_domain(spec).models["Page"]) == 'self.nickname or f"#{self.pk}"'


def test_foreign_keys_in_the_changelist_filters_get_a_scoping_test() -> None:
    """Django's own foreign-key filter listed every organization's rows to staff; each such
    filter gets a generated test that another scope's row is not offered."""
    from pathlib import Path

    from scaffold._spec import load_spec

    clinic = Path(__file__).resolve().parents[1] / "e2e" / "specs" / "clinic.yaml"
    tests = model(build_domain(load_spec(clinic)), "Prescription")["admin_tests"]

    assert [case["field"] for case in tests["filters"]] == ["appointment"]


def test_a_deep_scopes_changelist_filter_key_gets_a_variable_that_fits_the_lines() -> None:
    """Issue 8 fuzz seed 240026: two long parent names make a filter key of 92 characters,
    which no layout of the dict fits into 100 (E501)."""
    parent = "level_total_note_label_entry_vis"
    grandparent = "balance_code_nickname_comment_c"
    spec = DomainSpec.model_validate(
        {
            "domain": "deep",
            "models": {
                "Depot": {
                    "scope": "tenant",
                    "fields": {"name": "string"},
                    "read": ["id"],
                },
                "Shelf": {
                    "scope": {"parent": grandparent},
                    "fields": {grandparent: {"type": "foreign_key", "to": "Depot"}},
                    "read": ["id"],
                },
                "Parcel": {
                    "scope": {"parent": parent},
                    "fields": {parent: {"type": "foreign_key", "to": "Shelf"}},
                    "read": ["id"],
                },
            },
        }
    )
    domain = build_domain(spec)
    deep = model(domain, "Parcel")["admin_tests"]

    assert deep["filter_param"] == f"{parent}__{grandparent}__organization__id__exact"
    assert deep["filter_param_decl"] == (
        f'scope_filter = (\n        "{deep["filter_param"]}"\n    )'
    )
    assert model(domain, "Shelf")["admin_tests"]["filter_param_decl"] is None  # it fits
