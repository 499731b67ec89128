"""What the worker is told about a domain's spec: its declared renames and backfills."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from scaffold._spec.schema import DomainSpec

FORMS = ("from", "user", "organization")


def app_request(spec: DomainSpec) -> dict[str, Any]:
    """``{"models": {Model: {renamed_from, fields: {new: old}}}, "backfills": {...}}``."""
    models: dict[str, Any] = {}
    backfills: dict[str, dict[str, Any]] = {}
    for name, model in spec.models.items():
        entry: dict[str, Any] = {}
        if model.renamed_from:
            entry["renamed_from"] = model.renamed_from
        renamed = {
            field: spec.renamed_from for field, spec in model.fields.items() if spec.renamed_from
        }
        if renamed:
            entry["fields"] = renamed
        if entry:
            models[name] = entry
        values = {
            field: instruction(spec.backfill)
            for field, spec in model.fields.items()
            if spec.has_backfill
        }
        values.update({field: instruction(value) for field, value in model.backfill.items()})
        if values:
            backfills[name] = values
    return {"models": models, "backfills": backfills}


def instruction(value: Any) -> dict[str, Any]:
    """A backfill as JSON: ``{"value": v}`` or the mapping form as written."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in FORMS:
        return {key: str(item) for key, item in value.items()}
    return {"value": _json(value)}


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
