"""The JSON parser every view uses, with limits on size, nesting and non-standard numbers."""

import json
import math
from collections.abc import Mapping
from typing import IO
from typing import Any
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _reject_constant(name: str) -> NoReturn:
    raise ParseError(f"JSON parse error - {name} is not a valid JSON value.")


def _parse_finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 overflows to infinity
        _reject_constant(text)
    return value


def nesting_exceeds(data: Any, limit: int) -> bool:
    """Tell whether arrays/objects nest deeper than limit, without recursing ourselves."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    """Parse JSON bodies up to DATA_UPLOAD_MAX_MEMORY_SIZE, MAX_DEPTH levels deep, without NaN."""

    max_depth = MAX_DEPTH

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Parse the request body, or raise ParseError / RequestDataTooBig."""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        # DRF reads the body as a stream, which skips Django's size check; apply it here.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        try:
            # str.encode accepts text codecs only (no decompressing "charsets" such as bz2).
            "".encode(encoding)
            text = raw.decode(encoding)
        except (LookupError, UnicodeError) as exc:
            raise ParseError("The request body is not valid text in its charset.") from exc
        try:
            data = json.loads(
                text, parse_constant=_reject_constant, parse_float=_parse_finite_float
            )
        except RecursionError as exc:
            raise ParseError("JSON nested too deeply.") from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        if nesting_exceeds(data, self.max_depth):
            raise ParseError("JSON nested too deeply.")
        return data
