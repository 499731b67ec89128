"""State transitions: their names, roles, choice field and states."""

from __future__ import annotations

import keyword
from collections.abc import Iterator

from scaffold._spec.checks._common import (
    SNAKE_CASE_TIP,
    Domain,
    KeyPath,
    choice_values,
    spec_problem,
    unknown_name,
)
from scaffold._spec.checks.constants import IDENTIFIER
from scaffold._spec.checks.python_names import VIEW_ATTRIBUTES
from scaffold._spec.checks.roles import ROLE_TIP, role_problem
from scaffold._spec.schema import CRUD_ACTIONS, ModelSpec
from scaffold.errors import SpecProblem

VERB_TIP = "choose another verb, such as 'approve', 'check_in' or 'ship'"


def check_transitions(domain: Domain, model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    model_name = str(path[-1])
    for name, transition in model.transitions.items():
        where = (*path, "transitions", name)
        if not IDENTIFIER.fullmatch(name):
            yield spec_problem(
                where,
                f"transition name {name!r} must be lowercase snake_case",
                SNAKE_CASE_TIP,
            )
        elif keyword.iskeyword(name):
            yield spec_problem(where, f"transition name '{name}' is a Python keyword", VERB_TIP)
        elif name in CRUD_ACTIONS:
            yield spec_problem(
                where, f"transition name '{name}' is the name of a CRUD action", VERB_TIP
            )
        elif name in model.fields:
            yield spec_problem(where, f"transition name '{name}' is also a field name", VERB_TIP)
        elif name in VIEW_ATTRIBUTES:
            yield spec_problem(
                where,
                f"transition name '{name}' would replace the attribute {name} of the generated "
                "viewset (Django REST framework's or scaffold's)",
                VERB_TIP,
            )
        if message := role_problem(domain, model_name, name, transition.role):
            yield spec_problem((*where, "role"), message, ROLE_TIP)
        field = model.fields.get(transition.field)
        if field is None:
            yield spec_problem(
                (*where, "field"), *unknown_name("field", transition.field, model.fields)
            )
            continue
        if field.type != "choice":
            yield spec_problem(
                (*where, "field"),
                f"'{transition.field}' is a {field.type} field; transitions change choice fields",
                "name a choice field: its choices are the states",
            )
            continue
        if not field.has_default:
            yield spec_problem(
                (*where, "field"),
                f"'{transition.field}' needs a default: the state a new row starts in",
                f"add default: <state> to '{transition.field}'",
            )
        states = choice_values(field)
        for index, state in enumerate(transition.from_):
            if state not in states:
                yield spec_problem((*where, "from", index), *unknown_name("state", state, states))
        if transition.to not in states:
            yield spec_problem((*where, "to"), *unknown_name("state", transition.to, states))
        elif transition.to in transition.from_:
            yield spec_problem(
                (*where, "to"),
                f"'{transition.to}' is also a from-state; a transition changes the state",
                f"remove '{transition.to}' from from",
            )
