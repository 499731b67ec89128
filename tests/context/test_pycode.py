"""Python source snippets: string literals that always mean their text, calls laid out as ruff."""

from __future__ import annotations

import ast
from decimal import Decimal

import pytest

from scaffold._context.pycode import LINE_LENGTH, call, docstring, literal, names_list, string

NASTY = [
    pytest.param("", id="empty"),
    pytest.param("plain", id="plain"),
    pytest.param('say "hi"', id="double quotes"),
    pytest.param("it's", id="single quote"),
    pytest.param("both ' and \"", id="both quotes"),
    pytest.param('"); import os; os.system("x") #', id="breakout attempt"),
    pytest.param('"""', id="triple double quotes"),
    pytest.param("'''", id="triple single quotes"),
    pytest.param("back\\slash", id="backslash"),
    pytest.param("ends with a backslash\\", id="trailing backslash"),
    pytest.param("\\", id="only a backslash"),
    pytest.param('\\"', id="escaped quote in the text"),
    pytest.param("\\n is not a newline", id="backslash n as text"),
    pytest.param("line one\nline two", id="newline"),
    pytest.param("cr\r\nlf", id="crlf"),
    pytest.param("tab\there", id="tab"),
    pytest.param("nul\x00byte", id="nul"),
    pytest.param("bell\x07 esc\x1b del\x7f", id="control characters"),
    pytest.param("line\u2028separator\u2029paragraph\x85next", id="unicode line breaks"),
    pytest.param("zero\u200bwidth \ufeffbom", id="invisible characters"),
    pytest.param("fa\u00e7ade \u2013 \u201cquotes\u201d 日本語 🎉", id="unicode"),
    pytest.param("{x} %s {{ y }}", id="format and template syntax"),
]


@pytest.mark.parametrize("text", NASTY)
def test_string_literal_evaluates_back_to_the_text(text: str) -> None:
    source = string(text)

    assert ast.literal_eval(source) == text
    assert eval(source) == text  # the way Python reads generated code


@pytest.mark.parametrize("text", NASTY)
def test_string_literal_is_one_line_and_one_token(text: str) -> None:
    source = string(text)
    tree = ast.parse(f"x = {source}\n")

    assert len(source.splitlines()) <= 1
    assert len(tree.body) == 1
    assert isinstance(tree.body[0], ast.Assign)
    assert isinstance(tree.body[0].value, ast.Constant)


def test_every_code_point_survives_a_string_literal() -> None:
    # Skip the surrogates: they cannot be written to a UTF-8 source file anyway.
    text = "".join(chr(cp) for cp in range(0x3000) if not 0xD800 <= cp <= 0xDFFF)

    assert ast.literal_eval(string(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain", '"plain"', id="double quotes by default"),
        pytest.param("it's", '"it\'s"', id="a single quote needs no escape"),
        pytest.param('say "hi"', "'say \"hi\"'", id="more double quotes: single-quoted"),
        pytest.param("a\\b", '"a\\\\b"', id="backslash doubled"),
        pytest.param("a\nb", '"a\\nb"', id="newline escaped"),
    ],
)
def test_string_literal_is_quoted_as_ruff_format_would(text: str, expected: str) -> None:
    assert string(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, "None", id="none"),
        pytest.param(True, "True", id="true"),
        pytest.param(0, "0", id="zero"),
        pytest.param(-7, "-7", id="negative"),
        pytest.param(Decimal("10.50"), 'Decimal("10.50")', id="decimal keeps its places"),
        pytest.param(["a", 1], '["a", 1]', id="list"),
        pytest.param({"k": [True]}, '{"k": [True]}', id="dict"),
    ],
)
def test_literal_writes_plain_values(value: object, expected: str) -> None:
    assert literal(value) == expected


def test_literal_refuses_values_it_cannot_write() -> None:
    with pytest.raises(TypeError, match="no literal for object"):
        literal(object())


def _head_and_arg_for_width(width: int, indent: int = 0) -> tuple[str, str]:
    head = "value = models.CharField("
    return head, "x" * (width - indent - len(head) - len(")"))


def test_call_stays_on_one_line_at_exactly_the_line_length() -> None:
    head, arg = _head_and_arg_for_width(LINE_LENGTH, indent=4)

    source = call(head, [arg], indent=4)

    assert source == f"    {head}{arg})"
    assert len(source) == LINE_LENGTH == 100


def test_call_breaks_one_argument_per_line_past_the_line_length() -> None:
    head, arg = _head_and_arg_for_width(LINE_LENGTH + 1, indent=4)

    source = call(head, [arg, "null=True"], indent=4)

    assert source == f"    {head}\n        {arg},\n        null=True,\n    )"


def test_call_breaks_when_an_argument_spans_lines() -> None:
    assert call("f(", ["a", "g(\n)"]) == "f(\n    a,\n    g(\n),\n)"


def test_call_with_no_arguments_is_the_head_and_tail() -> None:
    assert call("f(", []) == "f()"


def test_call_keeps_a_custom_tail_on_the_last_line() -> None:
    head = "def invoice_create("
    params = ["*", "organization: Organization", "number: str" + " " * 60]

    assert call(head, params, tail=") -> Invoice:") == (
        "def invoice_create(\n"
        "    *,\n"
        "    organization: Organization,\n"
        f"    number: str{' ' * 60},\n"
        ") -> Invoice:"
    )


def test_names_list_fits_on_one_line_up_to_the_line_length() -> None:
    head = "fields = "
    name = "n" * (LINE_LENGTH - len(head) - len('[""]'))

    source = names_list(head, [name])

    assert source == f'fields = ["{name}"]'
    assert len(source) == LINE_LENGTH


def test_names_list_breaks_one_name_per_line_past_the_line_length() -> None:
    head = "fields = "
    name = "n" * (LINE_LENGTH - len(head) - len('[""]') + 1)

    assert names_list(head, [name, "id"], indent=8) == (
        f'        fields = [\n            "{name}",\n            "id",\n        ]'
    )


def test_names_list_quotes_names_as_string_literals() -> None:
    assert names_list("fields = ", ['a"b', "c"]) == 'fields = [\'a"b\', "c"]'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("An invoice", "An invoice", id="plain"),
        pytest.param("two\n  lines\tand  spaces", "two lines and spaces", id="whitespace joined"),
        pytest.param('stop """ here', "stop ''' here", id="triple quotes cannot close it"),
        pytest.param("a\\b", "a/b", id="no backslash escapes"),
        pytest.param('quoted "end"', 'quoted "end', id="no quote right before the closing ones"),
    ],
)
def test_docstring_text_cannot_end_the_docstring(text: str, expected: str) -> None:
    body = docstring(text)

    assert body == expected
    assert ast.literal_eval(f'"""{body}."""') == f"{body}."
    assert ast.literal_eval(f'"""{body}"""') == body


@pytest.mark.parametrize("text", NASTY)
def test_docstring_of_any_text_parses_as_one_docstring(text: str) -> None:
    source = f'def f():\n    """{docstring(text)}"""\n'

    tree = ast.parse(source)

    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 1
    assert isinstance(function.body[0], ast.Expr)


def test_a_keyword_string_that_fits_alone_moves_into_parentheses() -> None:
    """Issue 8 fuzz seed 10023: the message fit a line by itself but not after its keyword,
    and was left 102 columns wide (E501)."""
    message = string("Weight must be greater than or equal to 1000000000000.0000.")
    source = call(
        "models.CheckConstraint(",
        ['name="weight_check"', f"violation_error_message={message}"],
        indent=12,
    )

    assert "violation_error_message=(\n" in source
    assert max(len(line) for line in source.splitlines()) <= LINE_LENGTH
    tree = ast.parse(source.strip())
    keywords = {k.arg: ast.literal_eval(k.value) for k in tree.body[0].value.keywords}  # type: ignore[attr-defined]
    assert keywords["violation_error_message"] == ast.literal_eval(message)


def test_a_transition_docstring_drops_its_sources_rather_than_pass_100_columns() -> None:
    """Issue 8 fuzz seed 1120: four long source states made the action's docstring 102 wide."""
    from scaffold._context.services import DOC_ROOM, _transition_doc

    short = _transition_doc("Invoice", ["draft", "sent"], "paid")
    long = _transition_doc(
        "Appointment", ["shipped", "in_review_grade_level_v", "paid", "open"], "archived"
    )

    assert short == "Move an invoice from draft or sent to paid."
    assert long == "Move an appointment to archived."
    assert len(long) <= DOC_ROOM


def test_a_keyword_string_exactly_as_wide_as_the_room_in_parentheses_moves_there() -> None:
    """Issue 8 fuzz seed 90004: the message was 80 characters, which fit the parenthesized
    line (20 + 80) but was judged too wide, and stayed after its keyword (121 columns)."""
    message = string("Colour must be less than or equal to 0." + "5" + "0" * 37 + ".")
    source = call("models.CheckConstraint(", [f"violation_error_message={message}"], indent=12)

    assert max(len(line) for line in source.splitlines()) <= LINE_LENGTH
