"""The JSON parser refuses bodies that are too deep, not standard JSON, or too large."""

import io

import pytest
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError

from core.parsers import MAX_DEPTH
from core.parsers import BoundedJSONParser


def parse(body: bytes, **context: object) -> object:
    return BoundedJSONParser().parse(io.BytesIO(body), "application/json", context)


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def test_json_is_parsed() -> None:
    assert parse(b'{"name": "Acme", "tags": ["a"], "amount": "1.50"}') == {
        "name": "Acme",
        "tags": ["a"],
        "amount": "1.50",
    }


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert parse(nested(MAX_DEPTH)) is not None


def test_nesting_past_the_limit_is_refused() -> None:
    with pytest.raises(ParseError, match=r"JSON nested too deeply\."):
        parse(nested(MAX_DEPTH + 1))


def test_nesting_too_deep_for_the_json_module_is_refused() -> None:
    with pytest.raises(ParseError, match=r"JSON nested too deeply\."):
        parse(nested(200_000))


def test_nesting_inside_objects_counts_too() -> None:
    body = b'{"a": ' * (MAX_DEPTH + 1) + b"1" + b"}" * (MAX_DEPTH + 1)

    with pytest.raises(ParseError, match=r"JSON nested too deeply\."):
        parse(body)


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_non_finite_numbers_are_refused(literal: bytes) -> None:
    with pytest.raises(ParseError, match="not a valid JSON value"):
        parse(b'{"amount": ' + literal + b"}")


def test_malformed_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="JSON parse error"):
        parse(b'{"name": ')


def test_body_in_a_non_text_charset_is_refused() -> None:
    with pytest.raises(ParseError):
        parse(b"{}", encoding="bz2_codec")


def test_body_over_the_upload_limit_is_refused(settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10

    with pytest.raises(RequestDataTooBig):
        parse(b'{"name": "more than ten bytes"}')
