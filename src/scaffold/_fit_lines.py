"""Keep generated lines within 100 columns where ruff format cannot: test names and one-line
docstrings made long by the spec's own names (a domain, model or field name may be as long as
the database allows, 63 characters).

Run by the template as a copier task before ``ruff format``, on every render (``update``
renders the old and the new version the same way, so a 3-way merge sees identical lines):

    python -m scaffold._fit_lines FILE...

- A test function whose ``def`` line passes 100 columns drops the model prefix every test of
  its file shares (the file names the model); if it is still too long it is cut and ends in a
  short hash of the full name, so names stay distinct and stable.
- A one-line docstring that passes 100 columns is wrapped at spaces onto indented lines.
"""

from __future__ import annotations

import hashlib
import re
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

LINE_LENGTH = 100
_TEST_DEF = re.compile(r"^(?P<indent>[ \t]*)def (?P<name>test_\w+)\(", re.M)
_ONE_LINE_DOC = re.compile(r'^(?P<indent>[ \t]*)"""(?P<text>(?:(?!""").)+)"""$', re.M)


def fit_source(source: str) -> str:
    """The source with over-long test names and one-line docstrings brought within limits."""
    return _fit_docstrings(_fit_test_names(source))


def _fit_test_names(source: str) -> str:
    names = [match["name"] for match in _TEST_DEF.finditer(source)]
    if not names:
        return source
    shared = _shared_prefix(names)
    renamed: dict[str, str] = {}
    taken = set(names)
    for match in _TEST_DEF.finditer(source):
        name, room = match["name"], LINE_LENGTH - len(match["indent"]) - len("def (")
        if len(name) <= room or name in renamed:
            continue
        shorter = "test_" + name[len(shared) :] if shared else name
        if len(shorter) > room or shorter in taken:
            digest = hashlib.sha256(name.encode()).hexdigest()[:6]
            shorter = f"{shorter[: room - 7].rstrip('_')}_{digest}"
        renamed[name] = shorter
        taken.add(shorter)
    for old, new in renamed.items():
        source = re.sub(rf"\b{re.escape(old)}\b", new, source)
    return source


def _shared_prefix(names: list[str]) -> str:
    """``test_<model>_``: the words every test name of the file starts with, after test_."""
    if len(names) < 2:
        return ""
    words = [name.split("_") for name in names]
    shared: list[str] = []
    for column in zip(*words, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    if len(shared) < 2:  # only "test"
        return ""
    # Keep at least one word of every name after the prefix.
    while shared and any(len(w) <= len(shared) for w in words):
        shared.pop()
    return "_".join(shared) + "_" if len(shared) >= 2 else ""


def _fit_docstrings(source: str) -> str:
    def wrap(match: re.Match[str]) -> str:
        indent, text = match["indent"], match["text"]
        if len(match[0]) <= LINE_LENGTH or " " not in text.strip():
            return match[0]
        # Room for the closing quotes on every line: ruff format moves them up to the text.
        lines = textwrap.wrap(
            text,
            width=LINE_LENGTH - len(indent) - 3,
            initial_indent='"""',
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines[-1] += '"""'
        return "\n".join(indent + line for line in lines)

    return _ONE_LINE_DOC.sub(wrap, source)


def main(argv: Sequence[str]) -> int:
    for name in argv:
        path = Path(name)
        if path.suffix != ".py" or not path.is_file():
            continue
        source = path.read_text(encoding="utf-8")
        fitted = fit_source(source)
        if fitted != source:
            path.write_text(fitted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
