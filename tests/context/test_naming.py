"""Names derived from spec names: snake case, plurals, words, and database identifiers."""

from __future__ import annotations

import re

import pytest

from scaffold._spec.naming import db_name, kebab, pluralize, snake_case, words


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Invoice", "invoice", id="one word"),
        pytest.param("InvoiceLine", "invoice_line", id="two words"),
        pytest.param("HTTPLog", "http_log", id="leading acronym"),
        pytest.param("ABTest", "ab_test", id="two-letter acronym"),
        pytest.param("Invoice2Line", "invoice2_line", id="digit ends a word"),
        pytest.param("invoice_line", "invoice_line", id="already snake case"),
    ],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("invoice", "invoices", id="plain"),
        pytest.param("invoice_line", "invoice_lines", id="only the last word"),
        pytest.param("category", "categories", id="consonant y"),
        pytest.param("product_category", "product_categories", id="consonant y, last word"),
        pytest.param("day", "days", id="vowel y"),
        pytest.param("key", "keys", id="vowel y again"),
        pytest.param("status", "statuses", id="s"),
        pytest.param("address", "addresses", id="ss"),
        pytest.param("box", "boxes", id="x"),
        pytest.param("tax_box", "tax_boxes", id="x, last word"),
        pytest.param("batch", "batches", id="ch"),
        pytest.param("wish", "wishes", id="sh"),
        pytest.param("person", "people", id="irregular"),
        pytest.param("sales_person", "sales_people", id="irregular, last word"),
        pytest.param("child", "children", id="irregular child"),
    ],
)
def test_pluralize(word: str, expected: str) -> None:
    assert pluralize(word) == expected


def test_words_and_kebab_split_camel_and_snake_names() -> None:
    assert words("InvoiceLine") == "invoice line"
    assert words("invoice_line") == "invoice line"
    assert kebab("InvoiceLine") == "invoice-line"


def test_db_name_that_fits_is_the_parts_joined() -> None:
    assert db_name("billing", "invoice", "number", suffix="unique", limit=60) == (
        "billing_invoice_number_unique"
    )


def test_db_name_at_exactly_the_limit_is_kept_whole() -> None:
    name = db_name("a" * 20, "b" * 5, suffix="idx", limit=30)

    assert name == "a" * 20 + "_" + "b" * 5 + "_idx"
    assert len(name) == 30


@pytest.mark.parametrize("limit", [30, 60])
def test_db_name_too_long_is_cut_to_the_limit_with_a_hash(limit: int) -> None:
    parts = ("billing", "invoice_line_item", "organization", "very_long_field_name")

    name = db_name(*parts, suffix="idx", limit=limit)

    assert len(name) <= limit
    assert re.fullmatch(r"billing_[a-z_]*_[0-9a-f]{8}_idx", name), name
    assert not name.startswith("_")
    assert "__" not in name


def test_db_name_is_stable() -> None:
    parts = ("billing", "invoice_line_item", "organization", "very_long_field_name")

    assert db_name(*parts, suffix="unique", limit=30) == db_name(*parts, suffix="unique", limit=30)


def test_db_names_that_differ_only_past_the_cut_stay_distinct() -> None:
    common = ("billing", "invoice_line_item", "organization")

    first = db_name(*common, "amount_net", suffix="idx", limit=30)
    second = db_name(*common, "amount_gross", suffix="idx", limit=30)

    assert first[:17] == second[:17]
    assert first != second


def test_db_name_keeps_its_suffix() -> None:
    for suffix in ("idx", "unique", "check"):
        assert db_name("x" * 80, suffix=suffix, limit=30).endswith(f"_{suffix}")
