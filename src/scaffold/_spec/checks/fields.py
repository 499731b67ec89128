"""One field: its options, choices, foreign key and default."""

from __future__ import annotations

import datetime
import json
import keyword
import re
import uuid
from collections.abc import Iterator
from decimal import Decimal

from scaffold._spec.checks._common import (
    SNAKE_CASE_TIP,
    Domain,
    KeyPath,
    choice_values,
    spec_problem,
    unknown_name,
)
from scaffold._spec.checks.constants import (
    DEFAULT_DECIMAL_PLACES,
    DEFAULT_MAX_DIGITS,
    EMPTY_BY_DEFAULT,
    EXTERNAL_MODEL,
    IDENTIFIER,
    NOT_UNIQUE,
    NUMBER_TYPES,
    OPTION_TYPES,
    SCAFFOLD_FIELDS,
    TEXT_TYPES,
)
from scaffold._spec.checks.names import check_field_name
from scaffold._spec.checks.python_names import MODEL_ATTRIBUTES, USER_ATTRIBUTES
from scaffold._spec.checks.scopes import check_relation
from scaffold._spec.schema import FieldSpec, ModelSpec
from scaffold.errors import SpecProblem

# Django's default max_length of each text type (CharField needs one; scaffold gives 255).
TEXT_LIMITS = {"string": 255, "email": 254, "url": 200}
INTEGER_RANGE = (-2_147_483_648, 2_147_483_647)  # IntegerField on every supported database
MAX_JSON_DEPTH = 32  # the project's JSON parser refuses deeper bodies
MAX_JSON_DEFAULT = 10_000  # characters: a default is written into models.py
URL = re.compile(r"\A(?:https?|ftps?)://[^\s/?#]+[^\s]*\Z")


def check_field(
    domain: Domain, model_name: str, model: ModelSpec, name: str, field: FieldSpec
) -> Iterator[SpecProblem]:
    path: KeyPath = ("models", model_name, "fields", name)
    if found := check_field_name(name, model):
        yield spec_problem(path, *found)
    for option, types in OPTION_TYPES.items():
        if option in field.model_fields_set and field.type not in types:
            allowed = " and ".join(types) if len(types) < 3 else ", ".join(types)
            yield spec_problem(
                (*path, option),
                f"{option} applies only to {allowed} fields, not to {field.type}",
                f"remove {option}, or change the type",
            )
    if (
        field.required is False
        and not field.null
        and not field.has_default
        and field.type not in EMPTY_BY_DEFAULT
    ):
        yield spec_problem(
            (*path, "required"),
            f"field '{name}' is optional but has no value to fall back on; "
            "give it a default or null: true",
            "add default: <value> or null: true, or make it required",
        )
    if field.type == "choice":
        yield from _check_choices(field, path)
    elif field.type == "foreign_key":
        yield from _check_foreign_key(domain, model_name, field, path)
    elif field.type == "decimal":
        digits = field.max_digits or DEFAULT_MAX_DIGITS
        places = DEFAULT_DECIMAL_PLACES if field.decimal_places is None else field.decimal_places
        if places > digits:
            yield spec_problem(
                (*path, "decimal_places"),
                f"decimal_places ({places}) cannot exceed max_digits ({digits})",
                "max_digits counts every digit, those after the point included",
            )
    if field.min is not None and field.max is not None and field.min > field.max:
        yield spec_problem(
            (*path, "max"),
            f"max ({field.max}) is less than min ({field.min})",
            "swap them, or fix the one that is wrong",
        )
    if field.unique and field.type in NOT_UNIQUE:
        yield spec_problem(
            (*path, "unique"),
            f"a {field.type} field cannot be unique",
            "use a string field with a max_length to make it unique",
        )
    if field.has_default and (message := value_error(field, field.default)):
        yield spec_problem(
            (*path, "default"), message, "give a default the field accepts, or remove it"
        )


def _check_choices(field: FieldSpec, path: KeyPath) -> Iterator[SpecProblem]:
    if field.choices is None:
        yield spec_problem(
            path, "a choice field needs choices", "add choices: [draft, paid] or {draft: Draft}"
        )
        return
    if not field.choices:
        yield spec_problem(
            (*path, "choices"), "choices must not be empty", "list the values the field may hold"
        )
    seen: set[str] = set()
    for index, value in enumerate(choice_values(field)):
        where = (*path, "choices", index if isinstance(field.choices, list) else value)
        if not IDENTIFIER.fullmatch(value):
            yield spec_problem(
                where,
                f"choice {value!r} must be lowercase snake_case, like 'paid'",
                "use a mapping of name: label to show other text, like {paid: 'Paid in full'}",
            )
        elif value in seen:
            yield spec_problem(where, f"choice '{value}' is listed twice", "remove the repeat")
        seen.add(value)


def _check_foreign_key(
    domain: Domain, model_name: str, field: FieldSpec, path: KeyPath
) -> Iterator[SpecProblem]:
    models = domain.spec.models
    if field.to is None:
        yield spec_problem(
            path,
            "a foreign_key field needs 'to': a model of this domain, user or app.Model",
            "add to: <Model>, like to: Customer",
        )
        return
    if field.to not in models and field.to != "user" and not EXTERNAL_MODEL.fullmatch(field.to):
        message, hint = unknown_name("model", field.to, models)
        yield spec_problem((*path, "to"), f"{message}, user or <app>.<Model>", hint)
    elif field.to.split(".")[0] == domain.spec.domain and "." in field.to:
        yield spec_problem(
            (*path, "to"),
            f"'{field.to}' names this domain; a model of the domain is written without it",
            f"write to: {field.to.split('.')[1]}",
        )
    else:
        yield from check_relation(domain, model_name, field.to, (*path, "to"))
    if field.on_delete == "set_null" and not field.null:
        yield spec_problem(
            (*path, "on_delete"),
            "on_delete set_null needs null: true",
            "add null: true, or choose protect, cascade or restrict",
        )
    if field.related_name is not None:
        if not IDENTIFIER.fullmatch(field.related_name) or keyword.iskeyword(field.related_name):
            yield spec_problem(
                (*path, "related_name"),
                f"related_name {field.related_name!r} must be a lowercase snake_case name",
                SNAKE_CASE_TIP,
            )
        elif reason := _related_name_clash(domain, field.to, field.related_name):
            yield spec_problem(
                (*path, "related_name"),
                f"related_name '{field.related_name}' {reason}",
                "choose another related_name, such as the plural of this model's name",
            )
        elif owner := domain.related_names.get((field.to, field.related_name)):
            yield spec_problem(
                (*path, "related_name"),
                f"related_name '{field.related_name}' of {field.to} is already used by {owner}",
                "each foreign key to a model needs its own related_name",
            )
        else:
            domain.related_names[(field.to, field.related_name)] = f"{path[1]}.{path[3]}"


def value_error(field: FieldSpec, value: object, noun: str = "default") -> str | None:
    """Why ``value`` cannot be the field's default (or backfill); None when it can."""
    if field.type == "foreign_key":
        return f"a foreign key cannot have a {noun}"
    if value is None:
        return None if field.null else f"a {noun} of null needs null: true"
    if field.type in TEXT_TYPES:
        return _text_error(field, value, noun)
    elif field.type == "boolean" and not isinstance(value, bool):
        return f"the {noun} must be true or false"
    elif field.type == "choice" and value not in choice_values(field):
        choices = ", ".join(choice_values(field))
        if not isinstance(value, str):
            return f"the {noun} must be one of the choices: {choices}"
        return f"{noun} '{value}' is not one of the choices: {choices}"
    elif field.type in NUMBER_TYPES:
        return _number_error(field, value, noun)
    elif field.type == "date" and type(value) is not datetime.date:
        return f"the {noun} must be a date such as 2024-01-31"
    elif field.type == "datetime" and not isinstance(value, datetime.datetime):
        return f"the {noun} must be a date and time such as 2024-01-31 12:00:00"
    elif field.type == "uuid" and not _is_uuid(value):
        return f"the {noun} must be a UUID"
    elif field.type == "uuid" and not _is_storable_uuid(str(value)):
        return (
            f"the {noun} {value} is a UUID MariaDB cannot store (version 8 or more of the "
            "reserved NCS variant); use a random (version 4) UUID"
        )
    elif field.type == "json":
        return _json_error(value, noun)
    return None


def _text_error(field: FieldSpec, value: object, noun: str) -> str | None:
    if not isinstance(value, str):
        return f"the {noun} must be text"
    limit = field.max_length or TEXT_LIMITS.get(field.type)
    if limit is not None and len(value) > limit:
        return f"the {noun} is longer than max_length ({limit})"
    if field.type == "email" and value and not _looks_like_email(value):
        return f"the {noun} {value!r} is not an email address"
    if field.type == "url" and value and not URL.fullmatch(value):
        return f"the {noun} {value!r} is not an http(s) URL"
    return None


def _looks_like_email(value: str) -> bool:
    user, at, host = value.rpartition("@")
    return bool(at and user and "." in host.strip(".") and not any(c.isspace() for c in value))


def _json_error(value: object, noun: str) -> str | None:
    """What the project's JSON parser would accept: JSON values, 32 levels, a modest size."""
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return f"the {noun} must be JSON: objects, lists, text, numbers, true, false or null"
    if _depth(value) > MAX_JSON_DEPTH:
        return f"the {noun} is nested deeper than {MAX_JSON_DEPTH} levels"
    if len(text) > MAX_JSON_DEFAULT:
        return f"the {noun} is {len(text):,} characters of JSON; keep it under {MAX_JSON_DEFAULT:,}"
    return None


def _depth(value: object) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _number_error(field: FieldSpec, value: object, noun: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return f"the {noun} must be a number"
    if field.type == "integer" and not isinstance(value, int):
        return f"the {noun} must be a whole number"
    number = Decimal(str(value))
    if not number.is_finite():
        return f"the {noun} must be a finite number"
    if field.type == "integer" and not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
        low, high = INTEGER_RANGE
        return f"the {noun} ({value}) is outside the integer column's range ({low} to {high})"
    if field.type == "decimal" and (message := _digits_error(field, number, noun, value)):
        return message
    if field.min is not None and number < field.min:
        return f"the {noun} ({value}) is less than min ({field.min})"
    if field.max is not None and number > field.max:
        return f"the {noun} ({value}) is more than max ({field.max})"
    return None


def _digits_error(field: FieldSpec, number: Decimal, noun: str, value: object) -> str | None:
    """Django's DecimalValidator, which the model's full_clean runs on the default too."""
    digits = field.max_digits or DEFAULT_MAX_DIGITS
    places = DEFAULT_DECIMAL_PLACES if field.decimal_places is None else field.decimal_places
    _, digit_tuple, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by the caller
    if exponent >= 0:
        given, whole = 0, len(digit_tuple) + exponent
    else:
        given = -exponent
        whole = max(len(digit_tuple) - given, 0)
    if given > places:
        return f"the {noun} ({value}) has {given} decimal places; the field keeps {places}"
    if whole > digits - places:
        return (
            f"the {noun} ({value}) has {whole} digits before the point; the field allows "
            f"{digits - places} (max_digits {digits} - decimal_places {places})"
        )
    return None


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _is_storable_uuid(value: str) -> bool:
    """The rule of the generated core.validators.validate_storable_uuid."""
    parsed = uuid.UUID(value)
    return not (parsed.bytes[6] & 0x80 and not parsed.bytes[8] & 0x80)


def _related_name_clash(domain: Domain, to: str, related_name: str) -> str | None:
    """The reverse accessor lands on the target model: it must not replace what is there."""
    if related_name in MODEL_ATTRIBUTES:
        return f"is an attribute of every Django model; {to}.{related_name} would be replaced"
    if to == "user" and related_name in USER_ATTRIBUTES:
        return f"is an attribute of the user model; user.{related_name} would be replaced"
    target = domain.spec.models.get(to)
    if target is not None and (related_name in target.fields or related_name in SCAFFOLD_FIELDS):
        return f"is also a field of {to}"
    return None
