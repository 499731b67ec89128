"""The JSON Schema of a spec file, for editors and `scaffold schema`.

Pydantic's schema says what each key holds; the loader's checks refuse more. Whatever of those
refusals JSON Schema can say is added here (name patterns and reserved names, which options
each field type takes, what a default of each type is, ...), so an editor flags it while the
spec is typed. It must never refuse a spec the CLI accepts: tests/spec/test_json_schema.py
holds it to both directions.
"""

from __future__ import annotations

from typing import Any

from scaffold._spec.checks.constants import (
    EMPTY_BY_DEFAULT,
    MAX_CONSTRAINT_NAME,
    NOT_UNIQUE,
    OPTION_TYPES,
    RESERVED_DOMAINS,
    RESERVED_MODELS,
    SCAFFOLD_FIELDS,
    TEXT_TYPES,
)
from scaffold._spec.checks.limits import MAX_COLUMN, MAX_MODEL_NAME, MAX_VARCHAR
from scaffold._spec.checks.python_names import (
    CLASS_BODY_NAMES,
    DJANGO_APPS,
    MODEL_ATTRIBUTES,
    PROJECT_MODULES,
    PROJECT_PACKAGES,
    SERIALIZER_VALIDATE_NAMES,
    STDLIB_MODULES,
    VIEW_ATTRIBUTES,
)
from scaffold._spec.schema import CRUD_ACTIONS, FIELD_TYPES, DomainSpec

# Patterns end in END, the very end of the text in ECMA-262 (editors) and Python (jsonschema)
# alike: Python's `$` also matches before a final newline, and "name\n" is not a name.
END = "(?![\\s\\S])"
SNAKE = f"^[a-z][a-z0-9_]*{END}"
CAMEL = f"^[A-Z][A-Za-z0-9]*{END}"
FIELD_NAME = f"^(?:[a-z](?:[a-z0-9]|_(?!_))*[a-z0-9]|[a-z]){END}"  # no '__', no trailing '_'
TARGET = f"^(?:[A-Z][A-Za-z0-9]*|user|[a-z][a-z0-9_]*\\.[A-Z][A-Za-z0-9]*){END}"
CHECK = "^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*(?:>=|<=|==|!=|>|<)\\s*\\S"
# A number written as text, as Python's Decimal reads it (the loader accepts `min: "1.5"`).
NUMERIC_TEXT = (
    "^\\s*[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)"
    f"(?:[eE][+-]?\\d(?:_?\\d)*)?\\s*{END}"
)
_KEYWORDS = sorted(__import__("keyword").kwlist)


def spec_json_schema() -> dict[str, Any]:
    schema = DomainSpec.model_json_schema(by_alias=True)
    defs = schema["$defs"]
    _domain(schema["properties"])
    _model(defs["ModelSpec"])
    _field(defs["FieldSpec"])
    _transition(defs)
    _constraints(defs)
    # The loader accepts `name: string` for `name: {type: string}`; say so in the schema too.
    fields = defs["ModelSpec"]["properties"]["fields"]
    fields["additionalProperties"] = {
        "anyOf": [fields["additionalProperties"], {"enum": list(FIELD_TYPES)}]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "scaffold domain spec",
        "description": "One domain (a Django app) of a scaffold project: its models and their API.",
    }


def _not_one_of(names: set[str] | frozenset[str] | list[str]) -> dict[str, Any]:
    return {"not": {"enum": sorted(names)}}


def _domain(properties: dict[str, Any]) -> None:
    shadowed = {
        name
        for name in STDLIB_MODULES | PROJECT_PACKAGES | DJANGO_APPS | PROJECT_MODULES
        if name.isidentifier() and name.islower() and not name.startswith("_")
    }
    properties["domain"] |= {
        "pattern": SNAKE,
        "allOf": [_not_one_of(set(_KEYWORDS) | shadowed | RESERVED_DOMAINS)],
        "description": "The app's name: lowercase snake_case, not a module Python or the "
        "project can already import.",
    }
    properties["models"]["propertyNames"] = {
        "pattern": CAMEL,
        "maxLength": MAX_MODEL_NAME,
        "allOf": [_not_one_of(set(RESERVED_MODELS) | set(_KEYWORDS))],
    }


def _model(model: dict[str, Any]) -> None:
    properties = model["properties"]
    properties["fields"]["propertyNames"] = {
        "pattern": FIELD_NAME,
        "maxLength": MAX_COLUMN,
        "allOf": [
            _not_one_of(
                set(_KEYWORDS)
                | SCAFFOLD_FIELDS
                | {n for n in MODEL_ATTRIBUTES if n.islower()}
                | CLASS_BODY_NAMES
                | SERIALIZER_VALIDATE_NAMES
            )
        ],
    }
    properties["transitions"]["propertyNames"] = {
        "pattern": SNAKE,
        "allOf": [_not_one_of(set(_KEYWORDS) | set(CRUD_ACTIONS) | VIEW_ATTRIBUTES)],
    }
    properties["roles"]["propertyNames"] = {"pattern": SNAKE}
    for key in ("filters", "search", "ordering"):
        properties[key]["items"] |= {"pattern": SNAKE}
    properties["default_ordering"]["items"] |= {"pattern": f"^-?[a-z][a-z0-9_]*{END}"}
    properties["indexes"]["items"] |= {"minItems": 1}
    for key in ("read", "list"):
        items = _schema_of(properties[key])["items"]["anyOf"]
        items[0] |= {"pattern": SNAKE}
        items[1] |= {"minProperties": 1, "maxProperties": 1}


def _schema_of(prop: dict[str, Any]) -> dict[str, Any]:
    """The array schema of an optional property (pydantic wraps it in anyOf with null)."""
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "array":
            return option
    return prop


def _field(field: dict[str, Any]) -> None:
    properties = field["properties"]
    for key in ("min", "max"):
        properties[key] = {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": NUMERIC_TEXT},
                {"type": "null"},
            ],
            "default": None,
            "title": key.capitalize(),
        }
    properties["max_length"]["anyOf"][0] |= {"maximum": MAX_VARCHAR}
    properties["to"] = {"anyOf": [{"type": "string", "pattern": TARGET}, {"type": "null"}]}
    properties["related_name"] = {
        "anyOf": [{"type": "string", "pattern": SNAKE}, {"type": "null"}],
        "description": "The accessor on the target model; must not replace one of its attributes.",
    }
    choices = properties["choices"]["anyOf"]
    choices[0]["items"] |= {"pattern": SNAKE}
    choices[1]["propertyNames"] = {"pattern": SNAKE}
    rules: list[dict[str, Any]] = []
    for option, types in OPTION_TYPES.items():
        rules.append(_when_type_not(types, {"not": {"required": [option]}}))
    rules.append(_when_type(("choice",), {"required": ["choices"]}))
    rules.append(
        _when_type(("foreign_key",), {"required": ["to"], "not": {"required": ["default"]}})
    )
    rules.append(_when_type(NOT_UNIQUE, {"properties": {"unique": {"const": False}}}))
    rules.append(
        {
            "if": {"properties": {"on_delete": {"const": "set_null"}}, "required": ["on_delete"]},
            "then": {"properties": {"null": {"const": True}}, "required": ["null"]},
        }
    )
    falls_back = [kind for kind in FIELD_TYPES if kind not in EMPTY_BY_DEFAULT]
    rules.append(
        {
            "if": {
                "properties": {"type": {"enum": falls_back}, "required": {"const": False}},
                "required": ["type", "required"],
            },
            "then": {
                "anyOf": [
                    {"required": ["default"]},
                    {"properties": {"null": {"const": True}}, "required": ["null"]},
                ]
            },
        }
    )
    for types, default in _DEFAULTS:
        rules.append(_when_type(types, {"properties": {"default": default}}))
    field["allOf"] = rules


_DATE = "^\\d{4}-\\d{2}-\\d{2}"
# What a default of each type may be (null aside, which needs null: true: not expressed).
_DEFAULTS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (TEXT_TYPES, {"type": ["string", "null"]}),
    (("integer",), {"type": ["integer", "null"]}),
    (("decimal",), {"type": ["number", "null"]}),
    (("boolean",), {"type": ["boolean", "null"]}),
    (("choice", "uuid"), {"type": ["string", "null"]}),
    # YAML reads 2024-01-31 as a date; editors that turn YAML into JSON see text.
    (("date",), {"anyOf": [{"type": "string", "pattern": f"{_DATE}{END}"}, {"type": "null"}]}),
    (("datetime",), {"anyOf": [{"type": "string", "pattern": _DATE}, {"type": "null"}]}),
]


def _when_type(types: tuple[str, ...], then: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {"type": {"enum": list(types)}}, "required": ["type"]},
        "then": then,
    }


def _when_type_not(types: tuple[str, ...], then: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {"type": {"not": {"enum": list(types)}}}, "required": ["type"]},
        "then": then,
    }


def _transition(defs: dict[str, Any]) -> None:
    properties = defs["TransitionSpec"]["properties"]
    properties["field"] |= {"pattern": SNAKE}
    properties["to"] |= {"pattern": SNAKE}
    properties["from"]["items"] |= {"pattern": SNAKE}


def _constraints(defs: dict[str, Any]) -> None:
    for name in ("UniqueConstraintSpec", "CheckConstraintSpec"):
        prop = defs[name]["properties"]["name"]
        prop["anyOf"][0] |= {"pattern": SNAKE, "maxLength": MAX_CONSTRAINT_NAME}
    defs["CheckConstraintSpec"]["properties"]["check"] |= {"pattern": CHECK}
    defs["UniqueConstraintSpec"]["properties"]["unique"]["items"] |= {"pattern": SNAKE}
