"""Database constraints a domain gets beyond the spec's own, and what a clash answers (issue 8).

Integer and decimal ranges become check constraints; optional unique texts store blank as
NULL so that blank rows never clash; a clash's message names fields, never the model; the
admin of a row scoped through two parents selects the whole chain its __str__ reads.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from scaffold._context.build import build_domain
from scaffold._context.pycode import LINE_LENGTH
from scaffold._spec import DomainSpec, load_spec
from tests.context.test_build import model

CLINIC = Path(__file__).resolve().parents[2] / "tests" / "e2e" / "specs" / "clinic.yaml"


@pytest.fixture(scope="module")
def clinic() -> dict[str, Any]:
    return build_domain(load_spec(CLINIC))


def field_decl(domain: dict[str, Any], name: str, field: str) -> str:
    decls = model(domain, name)["field_decls"]
    return next(d for d in decls if f"    {field} = models." in d)


def test_a_range_is_a_check_constraint_named_after_its_field(clinic: dict[str, Any]) -> None:
    constraints = model(clinic, "Appointment")["meta"]["constraints"]

    assert (
        "models.CheckConstraint(\n"
        "                condition=models.Q(minutes__gte=5, minutes__lte=480),\n"
        '                name="clinic_appointment_minutes_range",\n'
        '                violation_error_message="Minutes must be between 5 and 480.",\n'
        "            )"
    ) in constraints


def test_decimal_bounds_are_decimals_and_one_sided_ranges_have_one_bound(
    clinic: dict[str, Any],
) -> None:
    constraints = "\n".join(model(clinic, "Prescription")["meta"]["constraints"])

    assert 'dose_mg__gte=Decimal("0.01"), dose_mg__lte=Decimal("10000")' in constraints
    assert "refills__gte=0, refills__lte=12" in constraints


def test_range_constraint_names_fit_postgresql_and_stay_stable() -> None:
    field = "a_rather_long_field_name_for_a_measured_quantity_in_millimetres"
    spec = DomainSpec.model_validate(
        {
            "domain": "laboratory_measurements",
            "models": {
                "CalibratedInstrumentReading": {
                    "scope": "tenant",
                    "fields": {field: {"type": "integer", "min": 0}},
                    "read": ["id"],
                }
            },
        }
    )

    first = "\n".join(
        model(build_domain(spec), "CalibratedInstrumentReading")["meta"]["constraints"]
    )
    again = "\n".join(
        model(build_domain(spec), "CalibratedInstrumentReading")["meta"]["constraints"]
    )
    name = first.split('name="', 1)[1].split('"', 1)[0]

    assert first == again
    assert len(name) <= 60  # PostgreSQL keeps 63 characters, MariaDB 64
    assert name.startswith("laboratory_measurements_calibrated_instrument_")
    assert name.endswith("_range")


def test_a_percent_in_a_constraint_message_is_not_a_format_directive() -> None:
    spec = DomainSpec.model_validate(
        {
            "domain": "shop",
            "models": {
                "Offer": {
                    "scope": "tenant",
                    "fields": {"discount": {"type": "integer"}},
                    "read": ["id"],
                    "constraints": [
                        {"check": "discount <= 100", "message": "Cannot exceed 100% off."}
                    ],
                }
            },
        }
    )

    constraints = "\n".join(model(build_domain(spec), "Offer")["meta"]["constraints"])

    # Django formats the message with % {"name": ...}: a bare % would make the 400 a 500.
    assert 'violation_error_message="Cannot exceed 100%% off."' in constraints


def test_an_optional_unique_text_is_nullable_and_blank_is_stored_as_null(
    clinic: dict[str, Any],
) -> None:
    email = field_decl(clinic, "Patient", "email")

    assert "null=True" in email
    assert "blank=True" in email
    assert 'default=""' not in email
    assert "# noqa: DJ001" in email
    assert "allow_null=True" in "\n".join(model(clinic, "Patient")["create_input"]["decls"])


def test_an_optional_text_outside_unique_constraints_stays_blank_not_null(
    clinic: dict[str, Any],
) -> None:
    label = field_decl(clinic, "Room", "label")

    assert "null=True" not in label
    assert 'default=""' in label


def test_the_suite_proves_two_blank_unique_texts_coexist(clinic: dict[str, Any]) -> None:
    cases = model(clinic, "Patient")["tests"]["blank_uniques"]

    assert [case["field"] for case in cases] == ["email", "national_id"]
    # The second body changes every other unique set, so only the blank field could clash.
    others = {o["key"] for o in cases[0]["others"]}
    assert others == {"national_id", "family_name"}


def test_a_clash_message_names_the_fields_never_the_model(clinic: dict[str, Any]) -> None:
    sets = {
        tuple(u["fields"]): u["expected"] for u in model(clinic, "Patient")["tests"]["unique_sets"]
    }

    assert sets[("email",)] == '    expected = "This value is already in use."'
    assert sets[("family_name", "given_name", "born_on")] == (
        '    expected = "This combination of family name, given name and born on is already in '
        'use."'
    )


def test_a_long_clash_message_wraps_within_the_line_length() -> None:
    """Issue 8 fuzz seed 160083: two long verbose names made a 117-column assert (E501)."""
    spec = DomainSpec.model_validate(
        {
            "domain": "desk",
            "models": {
                "Token": {
                    "scope": "tenant",
                    "fields": {
                        "size_total_amount_title_label_p": {"type": "integer"},
                        "note_note_title_colour_size_budg": {"type": "integer"},
                    },
                    "read": ["id"],
                    "write": [
                        "size_total_amount_title_label_p",
                        "note_note_title_colour_size_budg",
                    ],
                    "constraints": [
                        {
                            "unique": [
                                "size_total_amount_title_label_p",
                                "note_note_title_colour_size_budg",
                            ]
                        }
                    ],
                },
            },
        }
    )
    [unique] = model(build_domain(spec), "Token")["tests"]["unique_sets"]
    lines = unique["expected"].splitlines()
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(unique["expected"]), namespace)  # our own generated source

    assert len(lines) > 1
    assert all(len(line) <= LINE_LENGTH for line in lines)
    assert namespace["expected"] == (
        "This combination of size total amount title label p and note note title colour size "
        "budg is already in use."
    )


def test_the_admin_of_a_row_two_parents_down_selects_the_chain_its_str_reads(
    clinic: dict[str, Any],
) -> None:
    admin = model(clinic, "Prescription")["admin"]

    # Prescription.__str__ shows its appointment, whose __str__ shows its patient.
    assert admin["list_select_related"] == (
        'list_select_related = ["appointment", "appointment__patient"]'
    )


def global_spec() -> DomainSpec:
    return DomainSpec.model_validate(
        {
            "domain": "clinic",
            "models": {
                "Patient": {
                    "scope": "tenant",
                    "fields": {"code": {"type": "uuid"}, "ref": {"type": "string"}},
                    "read": ["id"],
                    "write": ["code", "ref"],
                    "roles": {"create": "admin"},
                    "constraints": [
                        {"unique": ["code"], "within": "global"},
                        {"unique": ["ref"]},
                    ],
                },
            },
        }
    )


def test_a_global_unique_set_leaves_the_scope_out_of_its_constraint() -> None:
    """Issue 13: ``within: global`` is unique across organizations, in the database too."""
    patient = model(build_domain(global_spec()), "Patient")

    assert patient["meta"]["constraints"][:2] == [
        'models.UniqueConstraint(fields=["code"], name="clinic_patient_code_unique")',
        "models.UniqueConstraint(\n"
        '                fields=["organization", "ref"],\n'
        '                name="clinic_patient_ref_unique",\n'
        "            )",
    ]


def test_the_tests_prove_a_global_set_across_scopes_and_vary_it_elsewhere() -> None:
    """The other organization's row cannot share the global value (it would not save), and the
    create there that proves ``ref`` may repeat sends another code."""
    tests = model(build_domain(global_spec()), "Patient")["tests"]
    sets = {tuple(u["fields"]): u for u in tests["unique_sets"]}

    assert tests["collide_fields"] == ["ref"]
    assert sets[("code",)]["across_scopes"] and sets[("code",)]["elsewhere"] is None
    assert sets[("ref",)]["elsewhere"] == [
        {"key": "code", "source": '"6f1c1a52-5d8e-4a0f-9a3c-2b7d8e9f0a10"'}
    ]
