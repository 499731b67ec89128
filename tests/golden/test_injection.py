"""Free text of a spec reaches generated Python only as string constants, never as code.

Help texts, choice labels, verbose names and check messages are written by people and may
hold quotes, backslashes, newlines or deliberate break-out attempts. Each generated file must
parse, keep every such text intact inside a string, and run nothing of it.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec import load_spec
from scaffold.errors import SpecError
from tests.golden.rendering import render

BREAKOUT = '"); import os; os.system("x") #'
TEXTS = {
    "breakout": BREAKOUT,
    "single": "x'); import os; os.system('x') #",
    "triple_single": "'''; import os; os.system('x'); '''",
    "triple_double": '"""; import os; os.system("x"); """',
    "backslashes": "C:\\temp\\ and a trailing backslash \\",
    "newlines": 'first line\nimport os\nos.system("x")\n',
    "jinja": "{{ 7 * 7 }} {% if true %}raw{% endif %} {# hidden #}",
    "mixed": 'it\'s "quoted" \\" \t tabbed \u2028 separated',
}
# Python modules a generated models.py may import; nothing else.
MODELS_IMPORTS = {"decimal", "django.conf", "django.core.validators", "django.db", "core.scoping"}


def injection_spec() -> dict[str, Any]:
    return {
        "domain": "hostile",
        "description": TEXTS["breakout"],
        "models": {
            "Ticket": {
                "scope": "tenant",
                "verbose_name": TEXTS["triple_double"],
                "verbose_name_plural": TEXTS["backslashes"],
                "fields": {
                    "title": {
                        "type": "string",
                        "help_text": TEXTS["breakout"],
                        "verbose_name": TEXTS["single"],
                    },
                    "body": {
                        "type": "text",
                        "required": False,
                        "default": TEXTS["mixed"],
                        "help_text": TEXTS["newlines"],
                    },
                    "budget": {
                        "type": "decimal",
                        "min": 0,
                        "help_text": TEXTS["jinja"],
                        "verbose_name": TEXTS["triple_single"],
                    },
                    "state": {
                        "type": "choice",
                        "choices": {
                            "open": TEXTS["breakout"],
                            "closed": TEXTS["triple_double"],
                            "parked": TEXTS["newlines"],
                        },
                        "default": "open",
                        "help_text": TEXTS["backslashes"],
                    },
                },
                "read": ["id", "title", "body", "budget", "state", "created_at"],
                "write": ["title", "body", "budget"],
                "roles": {
                    "list": "member",
                    "retrieve": "member",
                    "create": "admin",
                    "update": "admin",
                    "close": "admin",
                },
                "constraints": [
                    {"check": "budget >= 0", "message": TEXTS["breakout"]},
                    {"check": "budget <= 1000", "message": TEXTS["newlines"]},
                ],
                "transitions": {
                    "close": {
                        "field": "state",
                        "from": ["open", "parked"],
                        "to": "closed",
                        "role": "admin",
                    },
                },
                "filters": ["state"],
                "search": ["title"],
            },
            "Memo": {
                "scope": "owner",
                "verbose_name": TEXTS["single"],
                "verbose_name_plural": TEXTS["mixed"],
                "fields": {"text": {"type": "string", "help_text": TEXTS["triple_single"]}},
                "read": ["id", "text"],
                "write": ["text"],
                "roles": {"list": "authenticated", "update": "authenticated"},
            },
        },
    }


# Where each text must arrive intact, as one string constant of models.py.
EXPECTED_IN_MODELS = [
    ("help_text", TEXTS["breakout"]),
    ("help_text", TEXTS["newlines"]),
    ("help_text", TEXTS["jinja"]),
    ("help_text", TEXTS["backslashes"]),
    ("help_text", TEXTS["triple_single"]),
    ("verbose_name", TEXTS["single"]),
    ("verbose_name", TEXTS["triple_single"]),
    ("verbose_name", TEXTS["triple_double"]),
    ("verbose_name_plural", TEXTS["backslashes"]),
    ("verbose_name_plural", TEXTS["mixed"]),
    ("default", TEXTS["mixed"]),
    ("violation_error_message", TEXTS["breakout"]),
    ("violation_error_message", TEXTS["newlines"]),
]
CHOICE_LABELS = [TEXTS["breakout"], TEXTS["triple_double"], TEXTS["newlines"]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    spec = root / "hostile.yaml"
    spec.write_text(yaml.safe_dump(injection_spec(), sort_keys=False, allow_unicode=True))
    return render(spec, root / "out")


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if ".ruff_cache" not in p.parts)


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def string_constants(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def keyword_strings(tree: ast.AST, name: str) -> list[str]:
    return [
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword)
        and node.arg == name
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ]


def test_every_generated_python_file_parses(rendered: Path) -> None:
    files = python_files(rendered)

    assert len(files) > 10
    for path in files:
        parsed(path)  # raises SyntaxError, naming the file


def test_no_generated_file_calls_os_system_or_imports_os(rendered: Path) -> None:
    for path in python_files(rendered):
        tree = parsed(path)
        for node in ast.walk(tree):
            where = f"{path.relative_to(rendered)}:{getattr(node, 'lineno', '?')}"
            assert not (isinstance(node, ast.Attribute) and node.attr == "system"), where
            assert not (isinstance(node, ast.Name) and node.id == "os"), where
            if isinstance(node, ast.Import):
                assert "os" not in {alias.name for alias in node.names}, where
            if isinstance(node, ast.ImportFrom):
                assert node.module != "os", where


def test_no_text_of_the_spec_ends_up_in_a_comment(rendered: Path) -> None:
    for path in python_files(rendered):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
        for token in tokens:
            if token.type == tokenize.COMMENT:
                assert "os.system" not in token.string, f"{path}:{token.start[0]}"
                assert "7 * 7" not in token.string, f"{path}:{token.start[0]}"


def test_models_import_only_what_models_need(rendered: Path) -> None:
    tree = parsed(rendered / "models.py")
    modules = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module or "")

    assert modules <= MODELS_IMPORTS


def test_models_module_holds_only_imports_and_classes(rendered: Path) -> None:
    tree = parsed(rendered / "models.py")
    docstring, *rest = tree.body

    assert isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)
    assert all(isinstance(node, ast.Import | ast.ImportFrom | ast.ClassDef) for node in rest)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body[1:]:  # after the docstring: no bare expressions
                assert not isinstance(statement, ast.Expr), ast.unparse(statement)


@pytest.mark.parametrize(
    ("keyword", "text"),
    [pytest.param(k, t, id=f"{k}-{i}") for i, (k, t) in enumerate(EXPECTED_IN_MODELS)],
)
def test_text_arrives_intact_as_a_keyword_string(rendered: Path, keyword: str, text: str) -> None:
    tree = parsed(rendered / "models.py")

    strings = keyword_strings(tree, keyword)
    if keyword in ("verbose_name", "verbose_name_plural"):  # also `verbose_name = ...` in Meta
        strings += [
            node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == [keyword]
            and isinstance(node.value, ast.Constant)
        ]
    assert text in strings


def test_choice_labels_arrive_intact(rendered: Path) -> None:
    tree = parsed(rendered / "models.py")
    members = {
        target.id: ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name == "State"
        for node in node.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    assert members == {
        "OPEN": ("open", CHOICE_LABELS[0]),
        "CLOSED": ("closed", CHOICE_LABELS[1]),
        "PARKED": ("parked", CHOICE_LABELS[2]),
    }


def test_template_syntax_in_a_spec_is_not_rendered(rendered: Path) -> None:
    every_string = {s for path in python_files(rendered) for s in string_constants(parsed(path))}

    assert TEXTS["jinja"] in every_string
    assert not any("49" in s and "raw" in s for s in every_string)


def test_answers_file_keeps_the_texts_as_written(rendered: Path) -> None:
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text())

    assert answers["spec"] == injection_spec()


def test_a_nul_character_in_a_verbose_name_is_refused_before_rendering(tmp_path: Path) -> None:
    # No database stores NUL in text and no name needs one: the loader refuses it at its line.
    spec = injection_spec()
    spec["models"]["Memo"]["verbose_name"] = "memo\x00"
    path = tmp_path / "nul.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    [problem] = caught.value.problems
    assert (problem.dotted_path, problem.hint) == (
        "models.Memo.verbose_name",
        "remove the \\0 or \\x00 escape",
    )
    assert "holds a NUL character, which databases cannot store" in problem.message
