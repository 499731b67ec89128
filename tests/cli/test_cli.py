"""The command line itself: its help, and `scaffold schema`.

``data/help.txt`` is the expected ``scaffold --help``, normalised so the terminal width and
the box drawing do not matter: one line per row, a command and its one-line help together.
After changing the commands on purpose, rewrite it and review the diff:

    SCAFFOLD_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_cli.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from typer.testing import CliRunner

from scaffold.cli import app

HELP = Path(__file__).parent / "data" / "help.txt"
REGENERATE = os.environ.get("SCAFFOLD_REGENERATE_GOLDEN") == "1"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_BORDERS = "─╭╮╰╯"


def normalise_help(text: str) -> list[str]:
    """Rows of a rich help screen: box titles kept, borders dropped, wrapped lines joined."""
    rows: list[str] = []
    in_paragraph = False  # the previous line was unboxed text, so this one may continue it
    for raw in _ANSI.sub("", text).splitlines():
        line = raw.strip()
        if not line:
            in_paragraph = False
            continue
        if line[0] in "╭╰":  # a box's top or bottom border; the top one carries its title
            title = line.strip(_BORDERS + " ")
            if title:
                rows.append(title)
            in_paragraph = False
            continue
        if line[0] == "│":
            cell = line.strip("│").rstrip()
            if cell.startswith("  ") and rows:  # a wrapped line: its first column is empty
                rows[-1] += " " + cell.strip()
            else:
                rows.append(" ".join(cell.split()))
            continue
        if in_paragraph:
            rows[-1] += " " + " ".join(line.split())
        else:
            rows.append(" ".join(line.split()))
        in_paragraph = True
    return rows


def test_help_lists_each_command_with_its_one_line_help() -> None:
    result = CliRunner().invoke(app, ["--help"], prog_name="scaffold")

    assert result.exit_code == 0
    rows = normalise_help(result.output)
    if REGENERATE:
        HELP.write_text("\n".join(rows) + "\n")
    assert rows == HELP.read_text().splitlines()


def test_help_normalisation_joins_wrapped_cells() -> None:
    narrow = (
        " Usage: scaffold [OPTIONS]\n"
        " COMMAND\n"
        "\n"
        " Generate code.\n"
        "\n"
        "╭─ Commands ──────────────╮\n"
        "│ schema   Print the JSON │\n"
        "│          Schema.        │\n"
        "╰─────────────────────────╯\n"
    )

    assert normalise_help(narrow) == [
        "Usage: scaffold [OPTIONS] COMMAND",
        "Generate code.",
        "Commands",
        "schema Print the JSON Schema.",
    ]


def test_schema_prints_the_json_schema_of_spec_files() -> None:
    result = CliRunner().invoke(app, ["schema"])

    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "scaffold domain spec"
    assert schema["required"] == ["domain", "models"]
    assert set(schema["properties"]) == {"domain", "description", "models"}
    assert schema["properties"]["models"]["additionalProperties"] == {"$ref": "#/$defs/ModelSpec"}


def test_schema_accepts_the_field_type_shorthand() -> None:
    schema = json.loads(CliRunner().invoke(app, ["schema"]).output)

    fields = schema["$defs"]["ModelSpec"]["properties"]["fields"]
    shorthand = fields["additionalProperties"]["anyOf"][1]
    assert shorthand["enum"][:3] == ["string", "text", "integer"]
    assert "foreign_key" in shorthand["enum"]
