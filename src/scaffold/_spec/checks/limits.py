"""Limits of the three databases and of Django's registry, so `migrate` never finds them.

PostgreSQL cuts identifiers at 63 characters (Django refuses longer column names in its
system checks); MariaDB's utf8mb4 VARCHAR holds 16,383 characters, a row of them 65,535 bytes
and an index key 3,072 bytes (a longer unique constraint becomes a hash there); Django's
permissions hold a 255-character name ("Can change <verbose name>") and a 100-character
codename ("change_<model>").
"""

from __future__ import annotations

from collections.abc import Iterator

from scaffold._spec.checks._common import KeyPath, spec_problem
from scaffold._spec.naming import words
from scaffold._spec.schema import FieldSpec, ModelSpec
from scaffold.errors import SpecProblem

MAX_COLUMN = 63  # PostgreSQL's identifier limit (MariaDB's is 64)
MAX_VARCHAR = 16_383  # characters of a utf8mb4 VARCHAR on MariaDB
MAX_ROW_CHARACTERS = 16_000  # utf8mb4 VARCHARs of one MariaDB row (65,535 bytes, some spare)
MAX_KEY_CHARACTERS = 768  # utf8mb4 characters of an index key: 3,072 bytes
MAX_PERMISSION_NAME = 255 - len("Can delete ")
MAX_MODEL_NAME = 100 - len("change_")
_DEFAULT_LENGTHS = {"string": 255, "email": 254, "url": 200}


def varchar_length(field: FieldSpec) -> int | None:
    """The VARCHAR length of the field's column (as the models template declares it)."""
    if field.type == "choice":
        longest = max((len(value) for value in field.choices or []), default=1)
        return field.max_length or max(32, longest)
    if field.type in _DEFAULT_LENGTHS:
        return field.max_length or _DEFAULT_LENGTHS[field.type]
    return None


def check_limits(name: str, model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    if len(name) > MAX_MODEL_NAME:
        yield spec_problem(
            path,
            f"model name is {len(name)} characters; Django's permission codenames allow "
            f"{MAX_MODEL_NAME}",
            "shorten the model name",
        )
    verbose = model.verbose_name or words(name)
    if len(verbose) > MAX_PERMISSION_NAME:
        yield spec_problem(
            (*path, "verbose_name") if model.verbose_name else path,
            f"the verbose name is {len(verbose)} characters; Django's permission names "
            f'("Can change <verbose name>") allow {MAX_PERMISSION_NAME}',
            "shorten it",
        )
    total = 0
    for field_name, field in model.fields.items():
        where = (*path, "fields", field_name)
        column = f"{field_name}_id" if field.type == "foreign_key" else field_name
        if len(column) > MAX_COLUMN:
            yield spec_problem(
                where,
                f"the column '{column[:20]}...' is {len(column)} characters; PostgreSQL keeps "
                f"{MAX_COLUMN}",
                f"shorten the field name to at most {MAX_COLUMN - (column != field_name) * 3}",
            )
        length = varchar_length(field)
        if length is not None and length > MAX_VARCHAR:
            yield spec_problem(
                (*where, "max_length"),
                f"max_length {length} is more than MariaDB's VARCHAR holds ({MAX_VARCHAR})",
                "use a text field for long values",
            )
        total += length or 0
    if total > MAX_ROW_CHARACTERS:
        yield spec_problem(
            (*path, "fields"),
            f"the model's string columns hold {total:,} characters together; a MariaDB row "
            f"holds {MAX_ROW_CHARACTERS:,}",
            "lower some max_length values, or use text fields for the long ones",
        )
    yield from _check_keys(model, path)


def _check_keys(model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    """Indexes: one B-tree key each. (MariaDB turns a longer unique constraint into a hash.)"""
    for index, names in enumerate(model.indexes):
        fields = [model.fields[name] for name in names if name in model.fields]
        length = sum(varchar_length(field) or 0 for field in fields)
        if length > MAX_KEY_CHARACTERS:
            yield spec_problem(
                (*path, "indexes", index),
                f"this index covers {length} characters of strings; MariaDB's index keys "
                f"hold {MAX_KEY_CHARACTERS}",
                "lower the max_length of its string fields, or index fewer of them",
            )
