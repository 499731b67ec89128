"""The derived domain model: scopes and relations resolved once per spec."""

from __future__ import annotations

from pathlib import Path

from scaffold._context.derived import derive_domain
from scaffold._spec import load_spec

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
LIBRARY = REPO / "tests" / "e2e" / "specs" / "library.yaml"


def test_each_model_knows_its_scope_root_and_lookup_path() -> None:
    models = derive_domain(load_spec(BILLING)).models

    assert (models["Invoice"].root, models["Invoice"].scope_lookup) == ("tenant", "organization")
    line = models["InvoiceLine"]
    assert (line.root, line.scope, line.parent_field) == ("tenant", "parent", "invoice")
    assert line.scope_lookup == "invoice__organization"
    assert line.scope_field is None  # it reaches the organization through its invoice
    assert models["Customer"].scope_field == "organization"


def test_forward_relations_know_where_they_point() -> None:
    derived = derive_domain(load_spec(LIBRARY))
    book = derived.models["Book"]

    assert list(book.forward) == ["genre", "curator"]
    assert book.targets["genre"].root == "none"
    assert book.targets["curator"].root == "user"
    chapter_book = derived.models["Chapter"].targets["book"]
    assert (chapter_book.model, chapter_book.root, chapter_book.local) == ("Book", "tenant", True)


def test_reverse_relations_list_who_points_at_a_model() -> None:
    models = derive_domain(load_spec(BILLING)).models

    assert [(r.model, r.field) for r in models["Invoice"].reverse] == [("InvoiceLine", "invoice")]
    assert [(r.model, r.field) for r in models["Customer"].reverse] == [("Invoice", "customer")]
    assert models["InvoiceLine"].reverse == []


def test_unique_sets_lead_with_the_scope_fields() -> None:
    library = derive_domain(load_spec(LIBRARY)).models

    [chapter] = library["Chapter"].unique_sets
    assert (chapter.scope_fields, chapter.fields, chapter.reported) == (
        ["book"],
        ["number"],
        "number",
    )
    [genre] = library["Genre"].unique_sets
    assert genre.scope_fields == []  # unscoped: unique across the table
    [book] = library["Book"].unique_sets
    assert (book.scope_fields, book.fields, book.writable) == (
        ["organization"],
        ["title", "edition"],
        True,
    )
