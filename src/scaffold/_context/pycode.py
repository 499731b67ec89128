"""Python source snippets: literals that cannot inject code, and calls laid out as ruff would.

Every value that comes from a spec reaches generated Python through ``literal`` (or is a
validated identifier), so a help text like ``"); import os; ("`` stays a string.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

LINE_LENGTH = 100


def string(value: str) -> str:
    """A Python string literal quoted as ruff format would quote it.

    Characters ruff would call ambiguous there (typographic quotes and dashes, homoglyphs next
    to Latin letters) are written as ``\\N{...}`` escapes, so the literal passes ``ruff check``
    (RUF001) and still holds the text.
    """
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
    return quote + without_ambiguity("".join(out), named_escape) + quote


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def width(text: str) -> int:
    """Columns ``text`` takes, as ruff counts them for E501 (wide East Asian characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def named_escape(char: str) -> str:
    """``\\N{EN DASH}``, or ``\\u2013`` for a character without a name."""
    name = unicodedata.name(char, "")
    if name:
        return "\\N{" + name + "}"
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def wrapped_string(value: str, room: int) -> list[str]:
    """``value`` as implicitly concatenated literals of at most ``room`` columns each, split
    after spaces. Words are never cut: one longer than a line stands alone, without spaces,
    which ruff's E501 allows (as it allows a long URL)."""
    parts: list[str] = []
    current = value[: len(value) - len(value.lstrip())]
    for token in re.findall(r"\S+\s*", value):
        if current.strip() and width(string(current + token)) > room:
            parts.append(current)
            current = ""
        if width(string(current + token)) > room:
            word = token.rstrip()
            if current:
                parts.append(current)
            parts.append(word)
            current = token[len(word) :]  # its spaces start the next part
            continue
        current += token
    if current or not parts:
        parts.append(current)
    return [string(part) for part in parts]


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

    ``head`` includes the opening bracket (``models.CharField(``, ``fields = [``). An argument
    that is a long string literal (``help_text="..."``) is split into parenthesized parts.
    """
    args = list(args)
    pad = " " * indent
    one_line = f"{pad}{head}{', '.join(args)}{tail}"
    if width(one_line) <= LINE_LENGTH and "\n" not in one_line:
        return one_line
    body = "".join(f"{_fitted_argument(arg, indent + 4)},\n" for arg in args)
    return f"{pad}{head}\n{body}{pad}{tail}"


_LITERAL_ARGUMENT = re.compile(r"(?P<keyword>[A-Za-z_][A-Za-z0-9_]*=)?(?P<literal>[\"'].*)\Z", re.S)


def _fitted_argument(arg: str, indent: int) -> str:
    pad = " " * indent
    match = _LITERAL_ARGUMENT.match(arg)
    if len(pad) + width(arg) + 1 <= LINE_LENGTH or match is None:
        return pad + arg
    try:
        value = ast.literal_eval(match["literal"])
    except (SyntaxError, ValueError):
        return pad + arg
    if not isinstance(value, str) or not any(char.isspace() for char in value):
        return pad + arg  # names, and prose of one word, are never split
    parts = wrapped_string(value, LINE_LENGTH - indent - 4)
    if len(parts) == 1 and width(parts[0]) > LINE_LENGTH - indent - 4:
        return pad + arg  # one word longer than a line: E501 allows it as it is
    inner = " " * (indent + 4)
    lines = "".join(f"{inner}{part}\n" for part in parts)
    return f"{pad}{match['keyword'] or ''}(\n{lines}{pad})"


def assignment(target: str, value: str, *, indent: int = 0) -> str:
    """``target = "text"``, the text split into parenthesized parts when the line is long."""
    pad = " " * indent
    line = f"{pad}{target} = {string(value)}"
    if width(line) <= LINE_LENGTH:
        return line
    inner = " " * (indent + 4)
    parts = "".join(f"{inner}{part}\n" for part in wrapped_string(value, LINE_LENGTH - indent - 4))
    return f"{pad}{target} = (\n{parts}{pad})"


def names_list(head: str, names: Iterable[str], *, indent: int = 0) -> str:
    """``fields = ["a", "b"]`` laid out like ``call``."""
    return call(head + "[", (string(name) for name in names), indent=indent, tail="]")


def docstring(text: str, *, limit: int | None = None) -> str:
    """A one-line docstring body that cannot close the quotes early.

    Characters ruff would call ambiguous become the plain ones they look like (a typographic
    apostrophe an ASCII one): a docstring is the code's own prose, where escapes are noise.
    With ``limit``, a longer text is cut after a word and ends in "...", so that a docstring
    naming it still fits a line.
    """
    printable = "".join(char if char.isprintable() else " " for char in text)
    cleaned = " ".join(printable.replace("\\", "/").replace('"""', "'''").split())
    if limit is not None and width(cleaned) > limit:
        cut = cleaned[: limit - 3]
        while width(cut) > limit - 3:
            cut = cut[:-1]
        cleaned = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" .,;:-") + "..."
    plain = without_ambiguity(cleaned, lambda c: _PLAIN.get(c, _LOOKALIKE.get(c, "?")))
    return plain.replace('"""', "'''").rstrip('"')


# Plain stand-ins for the typographic characters people type most; others take the ASCII
# character ruff names as their look-alike.
_PLAIN = dict.fromkeys(
    "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}\N{PRIME}", "'"
)
_PLAIN |= dict.fromkeys(
    "\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{EN DASH}\N{EM DASH}\N{MINUS SIGN}", "-"
)
_PLAIN |= {"\N{HORIZONTAL ELLIPSIS}": "..."}
# What ruff says about each non-ASCII character met so far: ambiguous or not, and the ASCII
# character it looks like.
_AMBIGUOUS: dict[str, bool] = {}
_LOOKALIKE: dict[str, str] = {}


def without_ambiguity(source: str, replace: Callable[[str], str]) -> str:
    """``source`` (the inside of a literal) with each character ruff would report replaced.

    ruff reports an ambiguous character outside words always, and inside a word when the word
    also holds ASCII or nothing but ambiguous characters (so Cyrillic or Japanese words stay as
    written). A replacement splits words anew, hence the passes until nothing is left.
    """
    ambiguous = ambiguous_characters(source)
    if not ambiguous:
        return source
    while True:
        flagged = _reported(source, ambiguous)
        if not flagged:
            return source
        source = "".join(replace(c) if i in flagged else c for i, c in enumerate(source))


def _reported(source: str, ambiguous: set[str]) -> set[int]:
    flagged: set[int] = set()
    word: list[int] = []
    for index, char in enumerate([*source, " "]):
        if char.isalnum():
            word.append(index)
            continue
        if word:
            letters = [source[i] for i in word]
            mixed = any(c.isascii() for c in letters)
            plain_unicode = any(not c.isascii() and c not in ambiguous for c in letters)
            if mixed or not plain_unicode:
                flagged |= {i for i in word if source[i] in ambiguous}
            word = []
        if char in ambiguous and index < len(source):
            flagged.add(index)
    return flagged


def ambiguous_characters(text: str) -> set[str]:
    """The characters of ``text`` that ``ruff check`` (RUF001) reports in a string literal.

    ruff's own table decides (asked once per new character, next to an ASCII letter, where ruff
    is strictest); without ruff, every non-ASCII character counts as ambiguous.
    """
    unknown = sorted({c for c in text if not c.isascii() and c.isprintable()} - set(_AMBIGUOUS))
    if unknown:
        _AMBIGUOUS.update(_ask_ruff(unknown))
    return {c for c in text if _AMBIGUOUS.get(c)}


_RUFF_PROBE = (
    *(sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--quiet", "--exit-zero"),
    *("--select", "RUF001", "--output-format", "json", "--stdin-filename", "probe.py"),
)


def _ask_ruff(chars: list[str]) -> dict[str, bool]:
    source = "".join(f'x = "a{char}a"\n' for char in chars)
    try:
        result = subprocess.run(
            [*_RUFF_PROBE, "-"],
            input=source,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            timeout=60,
        )
        reports = json.loads(result.stdout)
        rows = {item["location"]["row"]: item["message"] for item in reports}
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError):
        return dict.fromkeys(chars, True)
    for index, char in enumerate(chars):
        lookalike = re.search(r"Did you mean `(.)`", rows.get(index + 1, ""))
        if lookalike:
            _LOOKALIKE[char] = lookalike[1]
    return {char: index + 1 in rows for index, char in enumerate(chars)}
