"""Service functions: create, update and delete signatures, and state transitions."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.fields import annotation, choices_class, is_required, service_default
from scaffold._context.prose import with_article
from scaffold._context.pycode import call, docstring, literal, names_list
from scaffold._spec.naming import words


def service_shapes(m: DerivedModel) -> dict[str, Any]:
    name, snake, model, targets = m.name, m.snake, m.spec, m.targets
    root_kwarg: list[str] = []
    root = m.scope_field
    if root:
        root_kwarg = [f"{root}: {'Organization' if root == 'organization' else 'User'}"]
    params = ["*", *root_kwarg]
    assignments = [f"{root}={root}"] if root else []
    required = [f for f in model.create_fields if is_required(model.fields[f])]
    optional = [f for f in model.create_fields if not is_required(model.fields[f])]
    for field in [*required, *optional]:
        spec = model.fields[field]
        hint = annotation(spec, targets.get(field))
        default = service_default(field, spec, name)
        if default is None and not is_required(spec):
            params.append(f"{field}: {hint} | None = None")
        elif default is None:
            params.append(f"{field}: {hint}")
        else:
            params.append(f"{field}: {hint} = {default}")
        assignments.append(f"{field}={field}")
    mutable_defaults = [
        (f, _fresh_json_default(model.fields[f].default))
        for f in optional
        if model.fields[f].type == "json" and service_default(f, model.fields[f], name) is None
    ]
    return {
        "create_service": f"{snake}_create",
        "update_service": f"{snake}_update",
        "delete_service": f"{snake}_delete",
        "create_signature": call(f"def {snake}_create(", params, tail=f") -> {name}:"),
        "create_instance": call(f"{snake} = {name}(", assignments, indent=4),
        "json_defaults": [
            f"{field} = {fresh} if {field} is None else {field}"
            for field, fresh in mutable_defaults
        ],
        "update_fields_decl": names_list(f"{snake.upper()}_UPDATE_FIELDS = ", model.update_fields),
        "update_fields_const": f"{snake.upper()}_UPDATE_FIELDS",
    }


def _fresh_json_default(default: Any) -> str:
    """A new copy of a json field's default for each row."""
    if default in (None, {}):
        return "dict()"
    if default == []:
        return "list()"
    return literal(default)  # a literal: evaluated afresh on each call


def transition_shapes(m: DerivedModel) -> list[dict[str, Any]]:
    name, snake, model = m.name, m.snake, m.spec
    result = []
    for action, transition in model.transitions.items():
        cls = choices_class(transition.field)
        sources = ", ".join(f"{name}.{cls}.{state.upper()}" for state in transition.from_)
        result.append(
            {
                "name": action,
                "service": f"{snake}_{action}",
                "field": transition.field,
                "sources": f"[{sources}]",
                "target": f"{name}.{cls}.{transition.to.upper()}",
                "from_values": list(transition.from_),
                "to_value": transition.to,
                "role": transition.role,
                "doc": _transition_doc(name, transition.from_, transition.to),
            }
        )
    return result


# A docstring's line inside a method: 100 columns less its indent (8) and quotes (6).
DOC_ROOM = 86


def _transition_doc(name: str, sources: list[str], target: str) -> str:
    """``Move an invoice from draft or sent to paid.``; without the sources when they would
    pass the line's 100 columns (E501: fuzz seed 1120)."""
    thing = with_article(words(name))
    full = docstring(f"Move {thing} from {' or '.join(sources)} to {target}.")
    return full if len(full) <= DOC_ROOM else docstring(f"Move {thing} to {target}.")
