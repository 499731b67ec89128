"""Synthetic domain specs of any size, for benchmarking the generator.

Every model is tenant-scoped, or now and then (one in seven) scoped through a parent foreign key
to an earlier tenant model. Each has a mix of field types, a foreign key to an earlier model,
one unique and one check constraint, filters, search and ordering; one model in five also has
a choice field moved by transitions. The specs pass scaffold's validation.

    python -m benchmarks.synthetic 10 > synth10.yaml       # a 10-model domain named synth10
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import yaml

PARENT_EVERY = 7  # model 7, 14, ... (1-based) is scoped through its parent
CHOICE_EVERY = 5  # model 1, 6, 11, ... has a choice field and transitions
ROLES = {"list": "member", "retrieve": "member", "create": "admin", "update": "admin"}
# Optional extra fields, one per model in turn, so every field type appears.
EXTRAS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("homepage", {"type": "url", "required": False, "default": ""}),
    ("reference", {"type": "uuid"}),
    ("payload", {"type": "json", "required": False, "default": {}}),
    ("seen_at", {"type": "datetime", "null": True, "required": False}),
)
CHECKS = (
    {"check": "ends_on >= starts_on", "message": "The end cannot be before the start."},
    {"check": "amount >= 0"},
    {"check": "quantity <= 1000000"},
)


def model_name(index: int) -> str:
    """The name of the ``index``-th model (0-based): Record001, Record002, ..."""
    return f"Record{index + 1:03d}"


def is_parent_scoped(index: int) -> bool:
    return (index + 1) % PARENT_EVERY == 0


def has_choice(index: int) -> bool:
    return index % CHOICE_EVERY == 0


def _tenant_target(index: int) -> int:
    """An earlier tenant-scoped model (a parent chain must end at a tenant model)."""
    target = index // 2
    while is_parent_scoped(target):
        target -= 1
    return target


def synthetic_model(index: int) -> dict[str, Any]:
    """The spec of the ``index``-th model of a synthetic domain."""
    fields: dict[str, Any] = {
        "name": {"type": "string", "max_length": 120},
        "code": {"type": "string", "max_length": 32, "help_text": "Unique per organization."},
        "quantity": {"type": "integer", "min": 0, "max": 1000000, "default": 1},
        "amount": {"type": "decimal", "max_digits": 12, "decimal_places": 2, "min": 0},
        "active": {"type": "boolean", "default": True},
        "starts_on": {"type": "date"},
        "ends_on": {"type": "date"},
        "notes": {"type": "text", "required": False, "default": ""},
        "contact": {"type": "email", "required": False, "default": ""},
    }
    extra, extra_spec = EXTRAS[index % len(EXTRAS)]
    fields[extra] = dict(extra_spec)
    parent = None
    if index > 0:
        target = _tenant_target(index) if is_parent_scoped(index) else index - 1
        on_delete = "cascade" if is_parent_scoped(index) else "protect"
        fields["ref"] = {
            "type": "foreign_key",
            "to": model_name(target),
            "on_delete": on_delete,
            "related_name": f"{model_name(index).lower()}_set",
        }
        parent = "ref" if is_parent_scoped(index) else None
    transitions: dict[str, Any] = {}
    if has_choice(index):
        fields["status"] = {
            "type": "choice",
            "choices": {"draft": "Draft", "active": "Active", "archived": "Archived"},
            "default": "draft",
        }
        transitions = {
            "activate": {"field": "status", "from": ["draft"], "to": "active", "role": "admin"},
            "archive": {
                "field": "status",
                "from": ["draft", "active"],
                "to": "archived",
                "role": "owner",
            },
        }

    nested: list[Any] = [{"ref": ["id", "name"]}] if "ref" in fields else []
    writable = [name for name in fields if name != "status"]
    shown = ["status"] if "status" in fields else []
    roles = {**ROLES, "destroy": "owner", **{name: t["role"] for name, t in transitions.items()}}
    model: dict[str, Any] = {
        "scope": {"parent": parent} if parent else "tenant",
        "display": "name",
        "fields": fields,
        "read": ["id", *[n for n in fields if n != "ref"], *nested, "created_at", "updated_at"],
        "list": ["id", "name", "code", *shown, *nested],
        "write": {"create": writable, "update": [n for n in writable if n != parent]},
        "roles": roles,
        "constraints": [{"unique": ["code"]}, dict(CHECKS[index % len(CHECKS)])],
        "indexes": [["active", "starts_on"]],
        "filters": ["code", "active", *shown, *(["ref"] if "ref" in fields else [])],
        "search": ["name", "code", *(["ref__name"] if "ref" in fields else [])],
        "ordering": ["name", "amount", "starts_on"],
        "default_ordering": ["name"],
    }
    if transitions:
        model["transitions"] = transitions
    return model


def synthetic_spec(models: int, domain: str | None = None) -> dict[str, Any]:
    """A domain of ``models`` models, named ``synth<models>`` unless ``domain`` is given."""
    if models < 1:
        raise ValueError("a domain needs at least one model")
    return {
        "domain": domain or f"synth{models}",
        "description": f"A synthetic domain of {models} models, for benchmarks.",
        "models": {model_name(index): synthetic_model(index) for index in range(models)},
    }


def add_field(spec: dict[str, Any], model: str, field: str = "label") -> dict[str, Any]:
    """The spec with one more optional string field on ``model``, readable and writable."""
    changed = copy.deepcopy(spec)
    entry = changed["models"][model]
    entry["fields"][field] = {"type": "string", "max_length": 60, "required": False, "default": ""}
    entry["read"].insert(1, field)
    entry["write"]["create"].append(field)
    entry["write"]["update"].append(field)
    return changed


def dump(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, sort_keys=False, width=100, default_flow_style=None)


def write_spec(path: Path, spec: dict[str, Any]) -> Path:
    path.write_text(dump(spec), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print a synthetic domain spec.")
    parser.add_argument("models", type=int, help="how many models")
    parser.add_argument("--domain", help="the domain's name (default: synth<MODELS>)")
    args = parser.parse_args(argv)
    sys.stdout.write(dump(synthetic_spec(args.models, args.domain)))


if __name__ == "__main__":
    main()
