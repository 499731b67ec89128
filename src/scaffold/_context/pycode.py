"""Python source snippets: literals that cannot inject code, and calls laid out as ruff would.

Every value that comes from a spec reaches generated Python through ``literal`` (or is a
validated identifier), so a help text like ``"); import os; ("`` stays a string.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

LINE_LENGTH = 100


def string(value: str) -> str:
    """A Python string literal quoted as ruff format would quote it."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = []
    for char in value:
        if char in ("\\", quote):
            out.append("\\" + char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif not char.isprintable():
            out.append(repr(char)[1:-1])
        else:
            out.append(char)
    return quote + "".join(out) + quote


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(value: Any) -> str:
    """Python source for a plain value (str, bool, int, Decimal, None, list, dict)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"Decimal({string(str(value))})"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


def call(head: str, args: Iterable[str], *, indent: int = 0, tail: str = ")") -> str:
    """``head(arg, arg)`` on one line when it fits, else one argument per line.

    ``head`` includes the opening bracket (``models.CharField(``, ``fields = [``).
    """
    args = list(args)
    pad = " " * indent
    one_line = f"{pad}{head}{', '.join(args)}{tail}"
    if len(one_line) <= LINE_LENGTH and "\n" not in one_line:
        return one_line
    inner = " " * (indent + 4)
    body = "".join(f"{inner}{arg},\n" for arg in args)
    return f"{pad}{head}\n{body}{pad}{tail}"


def names_list(head: str, names: Iterable[str], *, indent: int = 0) -> str:
    """``fields = ["a", "b"]`` laid out like ``call``."""
    return call(head + "[", (string(name) for name in names), indent=indent, tail="]")


def docstring(text: str) -> str:
    """A one-line docstring body that cannot close the quotes early."""
    printable = "".join(char if char.isprintable() else " " for char in text)
    cleaned = " ".join(printable.replace("\\", "/").replace('"""', "'''").split())
    return cleaned.rstrip('"')
