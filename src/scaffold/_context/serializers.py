"""Output and input serializers: explicit read fields, nested relations, write whitelists."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.fields import choices_class, input_declaration
from scaffold._context.prose import with_article
from scaffold._context.pycode import docstring, names_list
from scaffold._spec.naming import words

# Names DRF's type stubs give attributes of Field and Serializer. A serializer field so named is
# fine at run time (DRF moves declared fields out of the class), but mypy reads the declaration
# as overriding the attribute with another type; `parent` and `root` hold serializers.
_STUB_ATTRIBUTES = frozenset(
    {
        *("allow_null", "context", "data", "default_error_messages", "default_validators"),
        *("error_messages", "errors", "field_name", "fields", "help_text", "label", "many"),
        *("parent", "partial", "read_only", "required", "root", "source", "source_attrs"),
        *("style", "validators", "write_only"),
    }
)
_SERIALIZER_ATTRIBUTES = _STUB_ATTRIBUTES - {"parent", "root"}


def _declared(name: str, declaration: str, *, serializer: bool = False) -> str:
    """The declaration, with the pragma mypy needs when ``name`` shadows a stub attribute."""
    if name not in (_SERIALIZER_ATTRIBUTES if serializer else _STUB_ATTRIBUTES):
        return declaration
    first, newline, rest = declaration.partition("\n")
    return f"{first}  # type: ignore[assignment]{newline}{rest}"


def _read_names(items: list[Any]) -> list[str]:
    return [item if isinstance(item, str) else next(iter(item)) for item in items]


def serializer_shapes(m: DerivedModel) -> dict[str, Any]:
    name, model, targets = m.name, m.spec, m.targets
    verbose_name = model.verbose_name or words(name)
    nested: dict[str, dict[str, Any]] = {}
    for item in [*model.read, *(model.list_ or [])]:
        if isinstance(item, dict):
            field, subfields = next(iter(item.items()))
            key = f"{field}:{','.join(subfields)}"
            if key not in nested:
                suffix = (
                    "" if not any(k.startswith(f"{field}:") for k in nested) else str(len(nested))
                )
                nested[key] = {
                    "field": field,
                    "class": f"{name}{choices_class(field)}{suffix}OutputSerializer",
                    "model": targets[field].model,
                    "fields": names_list("fields = ", subfields, indent=8).lstrip(),
                }

    def output(items: list[Any], class_name: str) -> dict[str, Any]:
        declared = []
        for item in items:
            if isinstance(item, dict):
                field, subfields = next(iter(item.items()))
                ref = nested[f"{field}:{','.join(subfields)}"]
                declaration = f"{field} = {ref['class']}(read_only=True)"
                declared.append(_declared(field, declaration, serializer=True))
        return {
            "class": class_name,
            "declared": declared,
            "fields": names_list("fields = ", _read_names(items), indent=8).lstrip(),
            "field_names": _read_names(items),
            "nested_keys": {
                next(iter(item)): list(next(iter(item.values())))
                for item in items
                if isinstance(item, dict)
            },
        }

    detail = output(model.read, f"{name}OutputSerializer")
    listing = (
        output(model.list_, f"{name}ListOutputSerializer")
        if model.list_ is not None and model.list_ != model.read
        else None
    )

    def inputs(fields: list[str], class_name: str, doc: str) -> dict[str, Any]:
        return {
            "class": class_name,
            "doc": doc,
            "decls": [
                _declared(
                    field, input_declaration(field, model.fields[field], targets.get(field), name)
                )
                for field in fields
            ],
            "fields": fields,
        }

    return {
        "nested_serializers": list(nested.values()),
        "output": detail,
        "list_output": listing or detail,
        "has_list_output": listing is not None,
        "create_input": inputs(
            model.create_fields,
            f"{name}CreateInputSerializer",
            f"What a caller may send to create {with_article(docstring(verbose_name, limit=28))}.",
        ),
        "update_input": inputs(
            model.update_fields,
            f"{name}UpdateInputSerializer",
            f"What a caller may change on {with_article(docstring(verbose_name, limit=28))}.",
        ),
    }
