"""Generated lines the spec's long names push past 100 columns are fitted (issue 8, F3)."""

from __future__ import annotations

import ast

from scaffold._fit_lines import LINE_LENGTH, fit_source

MODEL = "medication_dispensing_record_entry"


def test_long_test_names_drop_the_words_every_test_of_their_file_shares() -> None:
    """The file (test_<model>_admin.py) names what the shared words said."""
    source = (
        f"def test_{MODEL}_admin_refuses_responsible_pharmacist_user_account_of_another_org(\n"
        "    client: object,\n"
        ") -> None:\n"
        "    pass\n\n\n"
        f"def test_{MODEL}_admin_pages_load() -> None:\n"
        "    pass\n"
    )

    fitted = fit_source(source)

    names = [node.name for node in ast.parse(fitted).body if isinstance(node, ast.FunctionDef)]
    assert names == [
        "test_refuses_responsible_pharmacist_user_account_of_another_org",
        f"test_{MODEL}_admin_pages_load",  # short enough: left as it is
    ]


def test_a_name_still_too_long_is_cut_and_keeps_a_stable_distinct_ending() -> None:
    long = "test_" + "_".join(["responsible_pharmacist_user_account"] * 4)
    source = f"def {long}() -> None:\n    pass\n\n\ndef {long}_again() -> None:\n    pass\n"

    fitted = fit_source(source)

    names = [node.name for node in ast.parse(fitted).body if isinstance(node, ast.FunctionDef)]
    assert len(set(names)) == 2
    assert all(len(f"def {name}(") <= LINE_LENGTH for name in names)
    assert fit_source(source) == fitted  # the same text on every render: updates merge cleanly


def test_a_long_one_line_docstring_is_wrapped_and_means_the_same_words() -> None:
    text = (
        "Change the writable fields of ``medication_dispensing_record_line_item`` that "
        "``data`` names."
    )
    source = f'def f() -> None:\n    """{text}"""\n'

    fitted = fit_source(source)

    assert max(len(line) for line in fitted.splitlines()) <= LINE_LENGTH
    function = ast.parse(fitted).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert " ".join(str(ast.get_docstring(function)).split()) == text
