"""The domain spec: its schema, loading with line numbers, and the checks across it."""

from scaffold._spec.json_schema import spec_json_schema
from scaffold._spec.loader import (
    load_spec,
    read_spec,
    read_spec_text,
    spec_error,
)
from scaffold._spec.schema import DomainSpec, FieldSpec, ModelSpec

__all__ = [
    "DomainSpec",
    "FieldSpec",
    "ModelSpec",
    "load_spec",
    "read_spec",
    "read_spec_text",
    "spec_error",
    "spec_json_schema",
]
