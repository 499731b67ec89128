"""What the worker reports about the spec: a kind, where in the spec, and the facts.

scaffold words the message (and maps the place to a file and line); the worker only knows
Django's names, which are the spec's names (models, fields, scope fields).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Where:
    model: str
    field: str | None = None
    key: str | None = None  # renamed_from, backfill


@dataclass
class Problem:
    kind: str
    where: Where
    facts: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "where": asdict(self.where), "facts": self.facts}


class WorkerError(Exception):
    """Something the worker could not do; ``kind`` tells scaffold which remedy to suggest."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
