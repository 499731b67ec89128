"""Prose of any length and alphabet leaves a domain clean for the project's own ruff (issue 8).

People write help texts, messages and labels in their language, with typographic quotes and
dashes, and at length. The generated code must pass the project's `ruff check` (E501 line
length, RUF001 ambiguous characters, DJ001) and `ruff format --check` as rendered, and keep
every text intact.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.golden.rendering import render

REPO = Path(__file__).resolve().parents[2]
PROJECT_PYPROJECT = REPO / "template" / "project" / "pyproject.toml.jinja"

# Characters ruff calls ambiguous, spelled out so that this file passes ruff itself.
RSQUO = "\N{RIGHT SINGLE QUOTATION MARK}"
LSQUO = "\N{LEFT SINGLE QUOTATION MARK}"
NDASH = "\N{EN DASH}"
LONG = (
    "Optional; when given, it is unique within the clinic so that reminders reach exactly one "
    "patient and nobody else, whatever the front desk types in here at the start of the day."
)
TYPOGRAPHIC = (
    f"A patient{RSQUO}s “born on” date can{RSQUO}t be {NDASH} or — before {LSQUO}1900{RSQUO}; "
    "C:\\path\\ 🙂"
)
SCRIPTS = "Zoë, José, Ærø, Привет, Γειά, こんにちは世界, ノート, 例えば「テスト」。"
ONE_WORD = "https://example.com/" + "a" * 120
TEXTS = [LONG, TYPOGRAPHIC, SCRIPTS, ONE_WORD, LONG + " " + TYPOGRAPHIC + " " + SCRIPTS]


def prose_spec() -> dict[str, Any]:
    walk_in = "walk-in visit registered at the front desk of the clinic by the receptionist"
    return {
        "domain": "prose",
        "description": TYPOGRAPHIC,
        "models": {
            "Visit": {
                "scope": "tenant",
                "verbose_name": f"visit {NDASH} {LSQUO}walk-in{RSQUO}",
                "verbose_name_plural": f"visits {NDASH} {LSQUO}walk-ins{RSQUO}",
                "fields": {
                    "code": {"type": "string", "max_length": 3, "help_text": LONG},
                    "email": {
                        "type": "email",
                        "required": False,
                        "unique": True,
                        "help_text": TYPOGRAPHIC,
                    },
                    "nickname": {
                        "type": "string",
                        "null": True,
                        "required": False,
                        "help_text": SCRIPTS,
                        "verbose_name": f"nickname {NDASH} “alias”",
                    },
                    "minutes": {"type": "integer", "min": 5, "max": 480, "help_text": ONE_WORD},
                    "kind": {
                        "type": "choice",
                        "choices": {"walk": LONG, "call": TYPOGRAPHIC, "post": SCRIPTS},
                        "default": "walk",
                        "help_text": TEXTS[-1],
                    },
                },
                "read": ["id", "code", "email", "nickname", "minutes", "kind"],
                "write": ["code", "email", "nickname", "minutes"],
                "roles": {"list": "member", "create": "admin", "close": "admin"},
                "constraints": [
                    {"check": "minutes <= 400", "message": TEXTS[-1]},
                    {"check": "minutes >= 10", "message": TYPOGRAPHIC},
                ],
                "transitions": {
                    "close": {"field": "kind", "from": ["walk"], "to": "post", "role": "admin"},
                },
            },
            # Docstrings name the model: a long verbose name must not push them past a line.
            "WalkIn": {
                "scope": "tenant",
                "verbose_name": walk_in,
                "verbose_name_plural": walk_in.replace("visit", "visits"),
                "fields": {"note": {"type": "string", "max_length": 2}},
                "read": ["id", "note"],
                "write": ["note"],
                "roles": {"list": "member", "create": "admin", "update": "admin"},
                "constraints": [{"unique": ["note"]}],
            },
        },
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prose")
    spec = root / "prose.yaml"
    spec.write_text(yaml.safe_dump(prose_spec(), sort_keys=False, allow_unicode=True))
    folder = render(spec, root / "project")
    # The project's ruff settings, as a new project has them (that part of the file is static).
    text = PROJECT_PYPROJECT.read_text()
    settings = text[text.index("[tool.ruff]") :]
    settings = settings[: settings.index("\n[tool.", settings.index("per-file-ignores"))]
    (root / "project" / "pyproject.toml").write_text(settings + "\n")
    return folder


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_the_domain_passes_the_projects_ruff_check(rendered: Path) -> None:
    result = ruff("check", "--output-format", "concise", cwd=rendered.parent)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_domain_is_formatted_as_the_project_formats(rendered: Path) -> None:
    result = ruff("format", "--check", cwd=rendered.parent)

    assert result.returncode == 0, result.stdout + result.stderr


def test_no_line_of_the_models_is_longer_than_the_project_allows_but_one_word(
    rendered: Path,
) -> None:
    for number, line in enumerate((rendered / "models.py").read_text().splitlines(), 1):
        if len(line) > 100:
            assert len(line.split()) == 1, f"models.py:{number}: {line}"


def test_every_text_arrives_intact_as_one_string(rendered: Path) -> None:
    tree = ast.parse((rendered / "models.py").read_text())
    constants = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }

    for text in TEXTS:
        assert text in constants


def test_ambiguous_characters_are_named_escapes_and_other_letters_stay_as_written(
    rendered: Path,
) -> None:
    source = (rendered / "models.py").read_text()

    assert "\\N{RIGHT SINGLE QUOTATION MARK}" in source
    assert "\\N{EN DASH}" in source
    assert "Zoë, José, Ærø" in source
    assert "こんにちは世界" in source
    assert RSQUO not in source


def test_an_optional_unique_string_is_null_when_blank_and_says_why(rendered: Path) -> None:
    source = (rendered / "models.py").read_text()
    email = re.search(r"\n(    # .*\n)*    email = models\.EmailField\((.|\n)*?\n    \)", source)

    assert email is not None
    assert "null=True" in email.group(0)
    assert "blank=True" in email.group(0)
