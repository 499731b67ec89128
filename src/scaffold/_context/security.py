"""A domain's security summary: SECURITY.md, and the short form `new-domain` prints.

Derived from the same data the code is generated from (the derived model and the model's
context), so the summary says what the code does: who may do what, which rows a query sees,
which fields go out and come in, what the database refuses, what is locked, and which
generated tests prove it. Only identifiers and validated expressions reach it, each quoted as
Markdown code (`code_span`): no spec prose.
"""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.relations import SCOPE_FIELDS
from scaffold._spec.schema import CRUD_ACTIONS, CheckConstraintSpec

AUDIT_FIELDS = ("id", "created_at", "updated_at")
WHO = {
    "public": "anyone, signed in or not; reads only",
    "authenticated": "any signed-in user",
    "staff": "staff users",
    "member": "members, admins and owners of the organization",
    "admin": "admins and owners of the organization",
    "owner": "owners of the organization",
}
# A signed-in user on an owner-scoped model: only ever their own rows.
OWN_ROWS = "any signed-in user, for their own rows"


def code_span(text: str) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def codes(names: list[str]) -> str:
    return ", ".join(code_span(name) for name in names) if names else "none"


def model_security(m: DerivedModel, context: dict[str, Any]) -> dict[str, Any]:
    """The summary of one model, as lines of Markdown the template lays out."""
    spec = m.spec
    return {
        "scope": _scope(m),
        "permissions": _permissions(m),
        "not_offered": [a for a in CRUD_ACTIONS if a not in spec.roles],
        "list_fields": _exposed(context["list_output"]) if context["offers"]["list"] else None,
        "detail_fields": _exposed(context["output"]) if context["offers"]["retrieve"] else None,
        "create_fields": codes(spec.create_fields) if context["offers"]["create"] else None,
        "update_fields": codes(spec.update_fields) if context["offers"]["update"] else None,
        "server_set": codes(_server_set(m)),
        "relations": _relations(m),
        "constraints": _constraints(m),
        "locks": [
            f"{code_span(t['name'])}: {code_span(t['field'])} from "
            f"{' or '.join(code_span(v) for v in t['from_values'])} to "
            f"{code_span(t['to_value'])}, role "
            f"{code_span(t['role'])}; the row is re-read under `select_for_update()` and its "
            "state checked again, so two callers never both move it"
            for t in context["transitions"]
        ],
        "tests": _tests(m, context),
    }


def short_summary(model: dict[str, Any]) -> str:
    """One line per model for `new-domain`'s output."""
    security = model["security"]
    by_role: dict[str, list[str]] = {}
    for permission in security["permissions"]:
        by_role.setdefault(permission["role"], []).append(permission["action"])
    allowed = ", ".join(f"{'/'.join(a)} {role}" for role, a in by_role.items()) or "no actions"
    closed = (
        f"; not offered: {', '.join(security['not_offered'])}" if security["not_offered"] else ""
    )
    return f"{model['name']}: {security['scope']['short']}; {allowed}{closed}"


def _scope(m: DerivedModel) -> dict[str, str]:
    lookup = code_span(m.scope_lookup) if m.scope_lookup else ""
    through = f" through their parent {code_span(m.parent_field)}" if m.parent_field else ""
    if m.root == "tenant":
        text = (
            f"rows belong to an organization{through}; every query filters on {lookup} = the "
            "organization in the URL, and a caller who is not its member gets 404"
        )
        short = f"tenant ({m.scope_lookup})"
    elif m.root == "owner":
        text = (
            f"rows belong to a user{through}; every query filters on {lookup} = the signed-in user"
        )
        short = f"owner ({m.scope_lookup})"
    else:
        text = "not scoped (`scope: none`): every caller the role admits sees every row"
        short = "unscoped"
    return {"text": text, "short": short}


def _permissions(m: DerivedModel) -> list[dict[str, str]]:
    """The least role of each offered action, as the views enforce it."""
    actions = [(a, r) for a, r in m.spec.roles.items() if a not in m.spec.transitions]
    actions += [(name, t.role) for name, t in m.spec.transitions.items()]
    return [
        {
            "action": action,
            "role": role,
            "who": OWN_ROWS if m.root == "owner" and role == "authenticated" else WHO[role],
        }
        for action, role in actions
    ]


def _exposed(output: dict[str, Any]) -> str:
    parts = []
    for name in output["field_names"]:
        nested = output["nested_keys"].get(name)
        parts.append(f"{code_span(name)} ({codes(nested)})" if nested else code_span(name))
    return ", ".join(parts)


def _server_set(m: DerivedModel) -> list[str]:
    """What no caller sends: ids, timestamps, the scope, and fields no write accepts (states
    only transitions move, defaults)."""
    fields = list(AUDIT_FIELDS)
    if m.root in SCOPE_FIELDS and not m.parent_field:
        fields.append(SCOPE_FIELDS[m.root])
    written = {*m.spec.create_fields, *m.spec.update_fields}
    return fields + [f for f in m.spec.fields if f not in written]


def _relations(m: DerivedModel) -> list[str]:
    lines = []
    for field, relation in m.forward.items():
        target = relation.target
        if target.root == "user":
            named, where = "user", "users the caller's scope allows (an organization's members)"
        else:
            named = target.model if target.local else f"{target.app}.{target.model}"
            where = f"rows of {code_span(named)} the caller can see"
        lines.append(
            f"{code_span(field)} → {code_span(named)}: accepts only {where}; any other id is "
            "refused like a missing one"
        )
    return lines


def _constraints(m: DerivedModel) -> list[str]:
    lines = []
    for unique in m.unique_sets:
        if unique.across_scopes:
            within = (
                " across every scope (`within: global`): a clash with another scope's row is "
                "a 400 too, which tells the caller the value exists there"
            )
        else:
            within = f" within {codes(unique.scope_fields)}" if unique.scope_fields else ""
        lines.append(f"unique {codes(unique.fields)}{within}")
    for constraint in m.spec.constraints:
        if isinstance(constraint, CheckConstraintSpec):
            lines.append(f"check {code_span(constraint.check)}")
    for name, field in m.spec.fields.items():
        if field.min is not None or field.max is not None:
            low = "" if field.min is None else f"{field.min} ≤ "
            high = "" if field.max is None else f" ≤ {field.max}"
            lines.append(f"range {code_span(f'{low}{name}{high}')}")
    return lines


def _tests(m: DerivedModel, context: dict[str, Any]) -> list[str]:
    """The generated test files of the model and what each proves (as the offered actions
    make them)."""
    snake, offers = m.snake, context["offers"]
    proves = ["every principal against every action (the access matrix)"]
    if (offers["retrieve"] or offers["update"] or offers["destroy"]) and m.root != "none":
        proves.append("rows of another scope answer 404 like missing ones")
    if offers["create"] or offers["update"]:
        proves.append("keys that are not writable are refused (the row re-read)")
        proves.append("invalid values and broken constraints answer 400")
    if offers["create"] and any(f in m.forward for f in m.spec.create_fields):
        proves.append("foreign keys out of scope are refused like missing ones")
    if offers["list"]:
        in_scope = ", and only rows in scope" if m.root != "none" else ""
        proves.append(f"the list shows exactly its fields{in_scope}")
    if offers["retrieve"]:
        proves.append("the detail shows exactly its fields")
    files = [
        f"`tests/test_{snake}_api.py`: {'; '.join(proves)}",
        f"`tests/test_{snake}_services.py`: the services' rules and constraints without HTTP",
        f"`tests/test_{snake}_admin.py`: the admin's pages, its rows, choices and actions "
        "scoped for staff, its read-only fields",
    ]
    if offers["list"]:
        files.append(f"`tests/test_{snake}_queries.py`: list queries stay constant as rows grow")
    contention = []
    if context["transitions"]:
        contention.append("concurrent calls of one transition on one row: exactly one succeeds")
    if context["tests"]["race_unique"]:
        contention.append("concurrent creates with one unique key: exactly one row is written")
    if contention:
        files.append(
            f"`tests/test_{snake}_contention.py` (PostgreSQL and MariaDB): {'; '.join(contention)}"
        )
    return files
