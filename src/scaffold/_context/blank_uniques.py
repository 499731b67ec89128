"""Optional strings under a unique constraint store "no value" as NULL, never as "".

Two rows left blank would otherwise hold the same "" and clash in the constraint, on SQLite,
PostgreSQL and MariaDB alike. NULLs never clash (a conditional constraint on != "" would do
too, but MariaDB cannot enforce conditions), so these fields are nullable and the project's
InputSerializer turns a blank input into null for every nullable text field (issue 8).
"""

from __future__ import annotations

from scaffold._context.fields import is_required
from scaffold._spec.schema import DomainSpec, FieldSpec, ModelSpec, UniqueConstraintSpec

TEXT_TYPES = ("string", "text", "email", "url")


def with_blank_as_null(spec: DomainSpec) -> DomainSpec:
    """The spec with each optional text field of a unique constraint made nullable."""
    models = {name: _model(model) for name, model in spec.models.items()}
    return spec.model_copy(update={"models": models})


def blank_as_null(model: ModelSpec, name: str) -> bool:
    """Is ``name`` an optional text field of one of the model's unique constraints?"""
    spec = model.fields[name]
    unique = spec.unique or any(
        name in c.unique for c in model.constraints if isinstance(c, UniqueConstraintSpec)
    )
    return spec.type in TEXT_TYPES and unique and not is_required(spec) and not spec.null


def _model(model: ModelSpec) -> ModelSpec:
    fields = {
        name: _nullable(spec) if blank_as_null(model, name) else spec
        for name, spec in model.fields.items()
    }
    return model.model_copy(update={"fields": fields})


def _nullable(spec: FieldSpec) -> FieldSpec:
    data = spec.model_dump(exclude_unset=True, by_alias=True)
    if data.get("default") == "":
        del data["default"]  # blank is what NULL now stands for
    return FieldSpec.model_validate({**data, "null": True, "required": False})
