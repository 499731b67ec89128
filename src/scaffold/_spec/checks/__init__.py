"""Cross-checks of a schema-valid spec: names, references, scopes, whitelists and roles."""

from __future__ import annotations

from collections.abc import Iterator

from scaffold._spec.checks._common import Domain, KeyPath, Verdict
from scaffold._spec.checks.collisions import check_generated_names
from scaffold._spec.checks.constants import (
    AUDIT_FIELDS,
    COMPARABLE_KINDS,
    DEFAULT_DECIMAL_PLACES,
    DEFAULT_MAX_DIGITS,
    DEFAULT_MAX_LENGTH,
    EMPTY_BY_DEFAULT,
    EXTERNAL_MODEL,
    IDENTIFIER,
    MAX_CONSTRAINT_NAME,
    MODEL_NAME,
    NOT_FILTERABLE,
    NOT_UNIQUE,
    NUMBER_TYPES,
    OPTION_TYPES,
    RESERVED_DOMAINS,
    RESERVED_MODELS,
    ROLES_BY_ROOT,
    ROOT_NAMES,
    SCAFFOLD_FIELDS,
    SEARCH_TYPES,
    TARGET_ROOTS,
    TEXT_TYPES,
)
from scaffold._spec.checks.constraints import (
    check_constraints,
    check_field_comparisons_agree,
    check_fields_keep_a_value,
    check_indexes,
    check_unique_sets_hold_two_rows,
    check_unique_sets_vary,
)
from scaffold._spec.checks.evolution import check_field_evolution, check_model_renames
from scaffold._spec.checks.fields import check_field
from scaffold._spec.checks.limits import check_limits
from scaffold._spec.checks.names import check_domain_name, check_model_names
from scaffold._spec.checks.queries import check_queries
from scaffold._spec.checks.roles import check_roles
from scaffold._spec.checks.scopes import check_scope
from scaffold._spec.checks.transitions import check_transitions
from scaffold._spec.checks.whitelists import check_display, check_reads, check_write
from scaffold._spec.schema import DomainSpec, ModelSpec
from scaffold.errors import SpecProblem

__all__ = [
    "AUDIT_FIELDS",
    "COMPARABLE_KINDS",
    "DEFAULT_DECIMAL_PLACES",
    "DEFAULT_MAX_DIGITS",
    "DEFAULT_MAX_LENGTH",
    "EMPTY_BY_DEFAULT",
    "EXTERNAL_MODEL",
    "IDENTIFIER",
    "MAX_CONSTRAINT_NAME",
    "MODEL_NAME",
    "NOT_FILTERABLE",
    "NOT_UNIQUE",
    "NUMBER_TYPES",
    "OPTION_TYPES",
    "RESERVED_DOMAINS",
    "RESERVED_MODELS",
    "ROLES_BY_ROOT",
    "ROOT_NAMES",
    "SCAFFOLD_FIELDS",
    "SEARCH_TYPES",
    "TARGET_ROOTS",
    "TEXT_TYPES",
    "KeyPath",
    "Verdict",
    "check_spec",
]


def check_spec(spec: DomainSpec) -> list[SpecProblem]:
    """Every problem the schema cannot see; paths only, the loader adds the lines."""
    domain = Domain(spec)
    problems = [*check_domain_name(spec.domain), *check_model_names(spec)]
    problems.extend(check_model_renames(spec))
    problems.extend(check_generated_names(spec))
    for name, model in spec.models.items():
        problems.extend(_check_model(domain, name, model))
    return problems


def _check_model(domain: Domain, name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    path: KeyPath = ("models", name)
    yield from check_scope(domain, name, model, path)
    if model.display is not None:
        yield from check_display(model, path)
    for field_name, field in model.fields.items():
        yield from check_field(domain, name, model, field_name, field)
    yield from check_reads(domain, name, model, path)
    yield from check_write(domain, name, model, path)
    yield from check_roles(domain, name, model, path)
    yield from check_constraints(domain, name, model, path)
    yield from check_unique_sets_vary(model, path)
    yield from check_unique_sets_hold_two_rows(model, path)
    yield from check_field_comparisons_agree(model, path)
    yield from check_fields_keep_a_value(model, path)
    yield from check_indexes(model, path)
    yield from check_queries(domain, model, path)
    yield from check_transitions(domain, model, path)
    yield from check_field_evolution(name, model)
    yield from check_limits(name, model, path)
