"""A failure Django reports after rendering names the spec line it came from."""

from __future__ import annotations

from pathlib import Path

from scaffold._spec import read_spec_text
from scaffold._spec.locate import spec_location

MINIMAL = Path(__file__).parent / "valid/minimal.yaml"


def test_a_field_django_names_is_found_in_the_spec() -> None:
    spec, _, text = read_spec_text(MINIMAL)
    output = "SystemCheckError:\nshop.Product.price: (fields.E130) DecimalFields must define..."

    assert spec_location(output, spec, MINIMAL, text) == (
        f"{MINIMAL}, line 17 (models.Product.fields.price)"
    )


def test_a_model_django_names_is_found_in_the_spec() -> None:
    spec, _, text = read_spec_text(MINIMAL)

    assert spec_location("shop.Category: (models.E012)", spec, MINIMAL, text) == (
        f"{MINIMAL}, line 4 (models.Category)"
    )


def test_output_naming_nothing_of_the_spec_has_no_location() -> None:
    spec, _, text = read_spec_text(MINIMAL)

    assert spec_location("billing.Invoice: (models.E012)", spec, MINIMAL, text) is None


def test_a_refusal_naming_a_spec_field_gets_the_spec_line_and_keeps_its_tip() -> None:
    from scaffold._spec.locate import located
    from scaffold.errors import CommandFailedError

    spec, _, _ = read_spec_text(MINIMAL)
    error = CommandFailedError("shop.Product.price: (fields.E130) ...", hint="fix it")

    found = located(error, [(spec, MINIMAL, None)])

    assert found.message.endswith(
        f"(from the spec: {MINIMAL}, line 17 (models.Product.fields.price))"
    )
    assert found.hint == "fix it"
