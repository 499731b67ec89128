"""Optional links the factories leave empty are filled in by the tests that read them (issue 8).

A model whose unique sets leave a scope few rows (a unique choice of three values) cannot give
every row pointing to it a row of its own, so the factories leave optional links to it empty;
the list and detail tests set them first, so their nested output is still proven.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.golden.rendering import render

SPEC = {
    "domain": "net",
    "models": {
        "Router": {
            "scope": "owner",
            "fields": {
                "rank": {"type": "choice", "choices": ["open", "paid", "draft"], "unique": True},
                "code": {"type": "string"},
            },
            "read": ["id", "code"],
            "write": ["rank", "code"],
        },
        "Clinic": {
            "scope": "owner",
            "fields": {
                "name": {"type": "string"},
                "client": {
                    "type": "foreign_key",
                    "to": "Router",
                    "null": True,
                    "required": False,
                    "on_delete": "set_null",
                },
            },
            "read": ["id", "name", {"client": ["id", "code"]}],
            "write": ["name", "client"],
            "roles": {"list": "authenticated", "retrieve": "authenticated"},
        },
    },
}


def test_the_list_and_detail_tests_fill_in_a_spared_link_before_reading_it(
    tmp_path: Path,
) -> None:
    """Issue 8 fuzz seed 160036: the list test read ``item["client"]`` of a row whose factory
    left client empty (None), and failed with a TypeError."""
    spec = tmp_path / "net.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    tests = (render(spec, tmp_path / "out") / "tests" / "test_clinic_api.py").read_text()
    fill = "Clinic.objects.filter(pk=own.pk).update(client="

    for name in ("list_shows_exactly_the_list_fields", "detail_shows_exactly_the_read_fields"):
        body = tests.split(f"def test_clinic_{name}(", 1)[1].split("\ndef ", 1)[0]
        assert fill in body.split('set(item["client"])', 1)[0], name
