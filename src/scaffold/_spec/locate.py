"""Point a failure found after rendering (Django's checks, makemigrations) back at the spec.

Django names what it refuses as `app.Model.field` (`shop.Product.code: (fields.E304) ...`);
when that is a model or field of the spec, the error can say which line of the spec made it.
"""

from __future__ import annotations

import re
from pathlib import Path

from scaffold._spec.loader import line_of_key
from scaffold._spec.schema import DomainSpec
from scaffold.errors import CommandFailedError


def spec_location(output: str, spec: DomainSpec, spec_file: Path, text: str) -> str | None:
    """'specs/shop.yaml, line 17 (models.Product.fields.code)' for the first spec name in
    ``output``; None when it names nothing of the spec."""
    mention = re.compile(rf"\b{re.escape(spec.domain)}\.([A-Z][A-Za-z0-9]*)(?:\.([a-z]\w*))?")
    for match in mention.finditer(output):
        model_name, field_name = match[1], match[2]
        model = spec.models.get(model_name)
        if model is None:
            continue
        path: tuple[str, ...] = ("models", model_name)
        if field_name in model.fields:
            path = (*path, "fields", field_name)
        line = line_of_key(text, spec_file, path)
        where = f", line {line}" if line else ""
        return f"{spec_file}{where} ({'.'.join(path)})"
    return None


def located(
    error: CommandFailedError, specs: list[tuple[DomainSpec, Path, str | None]]
) -> CommandFailedError:
    """Django's refusal of generated code, naming the spec line it came from when it can.

    ``specs`` are the specs rendered, each with its file and the text read from it (None: read
    the file again; a pipe cannot be).
    """
    for spec, spec_file, text in specs:
        if text is None:
            try:
                text = spec_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        if where := spec_location(error.message, spec, spec_file, text):
            return CommandFailedError(f"{error.message}\n(from the spec: {where})", hint=error.hint)
    return error
