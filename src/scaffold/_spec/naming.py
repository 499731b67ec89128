"""Names derived from spec names: snake case, plurals, verbose names, URL segments."""

from __future__ import annotations

import hashlib
import re

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def snake_case(name: str) -> str:
    """``InvoiceLine`` -> ``invoice_line``; ``HTTPLog`` -> ``http_log``."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def pluralize(word: str) -> str:
    """Plural of a snake-case name's last word: ``invoice_line`` -> ``invoice_lines``."""
    head, _, last = word.rpartition("_")
    prefix = f"{head}_" if head else ""
    if last in _IRREGULAR_PLURALS:
        return prefix + _IRREGULAR_PLURALS[last]
    if re.search(r"(s|x|z|ch|sh)\Z", last):
        return f"{prefix}{last}es"
    if re.search(r"[^aeiou]y\Z", last):
        return f"{prefix}{last[:-1]}ies"
    return f"{prefix}{last}s"


def words(name: str) -> str:
    """``invoice_line`` or ``InvoiceLine`` -> ``invoice line``."""
    return snake_case(name).replace("_", " ")


def kebab(name: str) -> str:
    return snake_case(name).replace("_", "-")


def db_name(*parts: str, suffix: str, limit: int) -> str:
    """A constraint or index name within ``limit`` characters, stable and unique.

    PostgreSQL cuts identifiers at 63 characters and Django refuses index names over 30,
    so long names keep a readable prefix and end in a hash of the full name.
    """
    full = "_".join([*parts, suffix])
    if len(full) <= limit:
        return full
    digest = hashlib.sha1(full.encode()).hexdigest()[:8]
    keep = limit - len(digest) - len(suffix) - 2
    return f"{full[:keep].rstrip('_')}_{digest}_{suffix}"
