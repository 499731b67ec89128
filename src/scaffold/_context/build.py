"""Turn a checked spec into the data the domain templates lay out.

Every name, declaration and test case is computed here, in Python, so it can be unit-tested;
the Jinja templates only place the pieces.
"""

from __future__ import annotations

import json
from typing import Any

from scaffold._context import tests as test_data
from scaffold._context.fields import (
    Target,
    annotation,
    choice_items,
    choices_class,
    input_declaration,
    is_required,
    model_declaration,
    service_default,
)
from scaffold._context.pycode import call, docstring, literal, names_list, string
from scaffold._context.relations import SCOPE_FIELDS, scope_lookup, scope_root, target_of
from scaffold._spec.expressions import parse_check
from scaffold._spec.naming import db_name, kebab, pluralize, snake_case, words
from scaffold._spec.schema import (
    CheckConstraintSpec,
    DomainSpec,
    ModelSpec,
    ParentScope,
    UniqueConstraintSpec,
)

AUDIT_FIELDS = ("created_at", "updated_at")
CRUD = ("list", "retrieve", "create", "update", "destroy")
VIEWSET_BASES = {
    "tenant": "OrganizationViewSet",
    "owner": "OwnerViewSet",
    "none": "UnscopedViewSet",
}
OPERATOR_WORDS = {
    ">=": "greater than or equal to",
    ">": "greater than",
    "<=": "less than or equal to",
    "<": "less than",
    "==": "equal to",
    "!=": "different from",
}


def build_domain(spec: DomainSpec) -> dict[str, Any]:
    """The ``domain`` answer of a domain render: plain data, safe to store as YAML."""
    models = [_model(spec, name, model) for name, model in spec.models.items()]
    return json.loads(json.dumps(_domain(spec, models)))  # plain data: no shared objects


def _domain(spec: DomainSpec, models: list[dict[str, Any]]) -> dict[str, Any]:
    domain = spec.domain
    targets = [
        target_of(spec, field.to)
        for model in spec.models.values()
        for field in model.fields.values()
        if field.type == "foreign_key" and field.to
    ]
    external = {t.model: t for t in targets if not t.local and t.root != "user"}
    return {
        "name": domain,
        "title": words(domain).title(),
        "config_class": "".join(part.capitalize() for part in domain.split("_")) + "Config",
        "models": models,
        "model_names": sorted(model["name"] for model in models),
        "organization_models": [m["name"] for m in models if m["root"] == "tenant"],
        "account_models": [m["name"] for m in models if m["root"] != "tenant"],
        "has_organization_models": any(m["root"] == "tenant" for m in models),
        "has_account_models": any(m["root"] != "tenant" for m in models),
        "first_party": sorted({"accounts", "core", "tenancy", domain, *(t.app for t in targets)}),
        "external_models": [{"module": t.module, "model": t.model} for t in external.values()],
        "external_selectors": [
            {"module": t.selector_module, "selector": t.selector}
            for t in {t.selector: t for t in targets if not t.local and t.selector}.values()
        ],
        "external_factories": [
            {"module": t.factory_module, "factory": t.factory}
            for t in {t.factory: t for t in targets if not t.local}.values()
            if t.factory != "UserFactory"
        ],
        "factory_order": _dependency_order(spec),
        "generated_files": _generated_files(models),
    }


STATIC_FILES = (
    "__init__.py",
    "admin.py",
    "apps.py",
    "filters.py",
    "models.py",
    "permissions.py",
    "selectors.py",
    "serializers.py",
    "services.py",
    "urls.py",
    "views.py",
    "migrations/__init__.py",
    "tests/__init__.py",
    "tests/factories.py",
    "tests/payloads.py",
)


def _generated_files(models: list[dict[str, Any]]) -> list[str]:
    """The Python files the domain template writes (keep in step with template/domain/)."""
    files = list(STATIC_FILES)
    for model in models:
        snake = model["snake"]
        files += [f"tests/test_{snake}_api.py", f"tests/test_{snake}_services.py"]
        files.append(f"tests/test_{snake}_admin.py")
        if model["offers"]["list"]:
            files.append(f"tests/test_{snake}_queries.py")
        if model["transitions"] or model["tests"]["race_unique"]:
            files.append(f"tests/test_{snake}_contention.py")
    return files


def _dependency_order(spec: DomainSpec) -> list[str]:
    """Models ordered so each one's foreign-key targets in the domain come first."""
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered or name in path:
            return
        for field in spec.models[name].fields.values():
            if field.type == "foreign_key" and field.to in spec.models and field.to != name:
                visit(field.to, (*path, name))
        ordered.append(name)

    for name in spec.models:
        visit(name, ())
    return ordered


def _model(spec: DomainSpec, name: str, model: ModelSpec) -> dict[str, Any]:
    domain = spec.domain
    snake = snake_case(name)
    root = scope_root(spec, name)
    lookup = scope_lookup(spec, name)
    targets = {
        field: target_of(spec, field_spec.to)
        for field, field_spec in model.fields.items()
        if field_spec.type == "foreign_key" and field_spec.to
    }
    verbose_name = model.verbose_name or words(name)
    verbose_plural = model.verbose_name_plural or pluralize(snake_case(name)).replace("_", " ")
    offered = {action: role for action, role in model.roles.items()}
    context: dict[str, Any] = {
        "name": name,
        "snake": snake,
        "plural": pluralize(snake),
        "url": kebab(pluralize(snake)),
        "basename": f"{domain}-{kebab(name)}",
        "verbose": docstring(verbose_name),
        "a_verbose": _with_article(docstring(verbose_name)),
        "A_verbose": _sentence_case(_with_article(docstring(verbose_name))),
        "verbose_plural": docstring(verbose_plural),
        "verbose_name_decl": f"verbose_name = {string(verbose_name)}",
        "verbose_name_plural_decl": f"verbose_name_plural = {string(verbose_plural)}",
        "root": root,
        "scope": "parent" if isinstance(model.scope, ParentScope) else model.scope,
        "parent_field": model.scope.parent if isinstance(model.scope, ParentScope) else None,
        "scope_lookup": lookup,
        "scope_kwarg": SCOPE_FIELDS.get(root),
        "scope_type": {"tenant": "Organization", "owner": "User"}.get(root),
        "scope_field_decl": _scope_field(root, model),
        "viewset_base": VIEWSET_BASES[root],
        "choices": _choices(model),
        "field_decls": [
            model_declaration(field, field_spec, targets.get(field), name)
            for field, field_spec in model.fields.items()
        ],
        "meta": _meta(domain, snake, root, model),
        "str_source": _str_source(model),
        "select_related": _select_related(model),
        "list_selector": f"{snake}_list",
        "actions": [
            {"name": action, "role": role} for action, role in offered.items() if action in CRUD
        ],
        "offers": {action: action in offered for action in CRUD},
        "roles": [
            *({"action": a, "role": r} for a, r in offered.items() if a not in model.transitions),
            *({"action": a, "role": t.role} for a, t in model.transitions.items()),
        ],
        "transitions": _transitions(name, snake, model),
        "fk_fields": [
            {
                "name": field,
                "target": target.model,
                "selector": target.selector,
                "unscoped": target.selector is None,
            }
            for field, target in targets.items()
        ],
    }
    context.update(_serializers(name, model, targets))
    context.update(_services(name, snake, model, targets))
    context.update(_filters(name, model, targets))
    context["admin"] = _admin(model, targets, root)
    context["serializer_classes"] = sorted(
        {
            context["output"]["class"],
            context["list_output"]["class"],
            *([context["create_input"]["class"]] if model.create_fields else []),
            *([context["update_input"]["class"]] if model.update_fields else []),
        }
    )
    context["service_functions"] = [
        *([context["create_service"]] if model.create_fields else []),
        *([context["update_service"]] if model.update_fields else []),
        *([context["delete_service"]] if "destroy" in offered else []),
        *(t["service"] for t in context["transitions"]),
    ]
    context["tests"] = test_data.model_tests(spec, name, model, context, targets)
    return context


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _scope_field(root: str, model: ModelSpec) -> str | None:
    if isinstance(model.scope, ParentScope):
        return None
    if root == "tenant":
        return call(
            "organization = models.ForeignKey(",
            ['"tenancy.Organization"', "on_delete=models.CASCADE", 'related_name="+"'],
            indent=4,
        )
    if root == "owner":
        return call(
            "owner = models.ForeignKey(",
            ["settings.AUTH_USER_MODEL", "on_delete=models.CASCADE", 'related_name="+"'],
            indent=4,
        )
    return None


def _choices(model: ModelSpec) -> list[dict[str, Any]]:
    result = []
    for field, spec in model.fields.items():
        if spec.type != "choice":
            continue
        members = [
            f"{value.upper()} = {string(value)}, {string(label)}"
            for value, label in choice_items(spec)
        ]
        result.append({"class": choices_class(field), "members": members})
    return result


def _scope_prefix(root: str, model: ModelSpec) -> list[str]:
    """Fields that make a unique key unique within its scope, not across the database."""
    if isinstance(model.scope, ParentScope):
        return [model.scope.parent]
    return [SCOPE_FIELDS[root]] if root in SCOPE_FIELDS else []


def _meta(domain: str, snake: str, root: str, model: ModelSpec) -> dict[str, Any]:
    prefix = _scope_prefix(root, model)
    constraints: list[str] = []
    unique_sets: list[list[str]] = [
        [field] for field, spec in model.fields.items() if spec.unique
    ] + [list(c.unique) for c in model.constraints if isinstance(c, UniqueConstraintSpec)]
    explicit_names = {
        tuple(c.unique): c.name
        for c in model.constraints
        if isinstance(c, UniqueConstraintSpec) and c.name
    }
    seen: set[tuple[str, ...]] = set()
    for fields in unique_sets:
        key = tuple(fields)
        if key in seen:
            continue
        seen.add(key)
        all_fields = [*[p for p in prefix if p not in fields], *fields]
        name = explicit_names.get(key) or db_name(domain, snake, *fields, suffix="unique", limit=60)
        constraints.append(
            call(
                "models.UniqueConstraint(",
                [
                    names_list("fields=", all_fields),
                    f"name={string(name)}",
                ],
                indent=12,
            ).lstrip()
        )
    for check in model.constraints:
        if isinstance(check, CheckConstraintSpec):
            constraints.append(_check_constraint(domain, snake, model, check))
    indexes = _indexes(domain, snake, root, model, prefix)
    ordering = [*model.default_ordering]
    if not any(term.lstrip("-") in ("id", "pk") for term in ordering):
        ordering.append("id")
    return {
        "ordering": names_list("ordering = ", ordering, indent=8).lstrip(),
        "constraints": constraints,
        "indexes": indexes,
    }


def _check_constraint(domain: str, snake: str, model: ModelSpec, check: CheckConstraintSpec) -> str:
    expression = parse_check(check.check)
    if expression.right_field is not None:
        right = f"models.F({string(expression.right_field)})"
        right_name = expression.right_field
        right_words = words(expression.right_field)
    else:
        value = expression.right_value
        right = literal(value)
        right_name = str(value).lower().replace("-", "neg").replace(".", "_")
        right_words = str(value) if not isinstance(value, bool) else str(value).lower()
    lookup = (
        expression.left
        if expression.lookup == "exact"
        else f"{expression.left}__{expression.lookup}"
    )
    condition = f"models.Q({lookup}={right})"
    if expression.negated:
        condition = f"~{condition}"
    name = check.name or db_name(
        domain,
        snake,
        expression.left,
        expression.lookup if not expression.negated else "ne",
        _identifier(right_name),
        suffix="check",
        limit=60,
    )
    message = check.message or (
        f"{words(expression.left).capitalize()} must be "
        f"{OPERATOR_WORDS[expression.operator]} {right_words}."
    )
    return call(
        "models.CheckConstraint(",
        [
            f"condition={condition}",
            f"name={string(name)}",
            f"violation_error_message={string(message)}",
        ],
        indent=12,
    ).lstrip()


def _identifier(text: str) -> str:
    return "".join(char if char.isalnum() else "_" for char in text.lower()).strip("_") or "x"


def _indexes(domain: str, snake: str, root: str, model: ModelSpec, prefix: list[str]) -> list[str]:
    """Indexes for the scoped queries: the scope field first, then each filter or sort key."""
    scope = (
        [SCOPE_FIELDS[root]]
        if root in SCOPE_FIELDS and not isinstance(model.scope, ParentScope)
        else []
    )
    unique_leads = {
        (c.unique[0],) for c in model.constraints if isinstance(c, UniqueConstraintSpec)
    } | {(f,) for f, s in model.fields.items() if s.unique}
    wanted: list[list[str]] = []
    for index in model.indexes:
        wanted.append([*scope, *[f for f in index if f not in scope]])
    keys = [*model.filters, *model.ordering, *(t.lstrip("-") for t in model.default_ordering[:1])]
    for key in keys:
        if key in ("id", "pk") or (key,) in unique_leads:
            continue
        spec = model.fields.get(key)
        if spec is not None and spec.type == "foreign_key" and not scope:
            continue  # a foreign key has its own index
        if scope:
            wanted.append([*scope, key])
    result: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for fields in wanted:
        if tuple(fields) in seen or (len(fields) < 2 and fields[0] in SCOPE_FIELDS.values()):
            continue
        if any(len(other) > len(fields) and other[: len(fields)] == fields for other in wanted):
            continue  # a longer index with the same leading columns serves these queries too
        seen.add(tuple(fields))
        name = db_name(domain, snake, *fields, suffix="idx", limit=30)
        result.append(
            call(
                "models.Index(",
                [names_list("fields=", fields), f"name={string(name)}"],
                indent=12,
            ).lstrip()
        )
    return result


def _str_source(model: ModelSpec) -> str:
    display = model.display
    if display is None:
        display = next(
            (f for f, s in model.fields.items() if s.type in ("string", "email", "choice")),
            None,
        )
    if display is None:
        return 'f"#{self.pk}"'
    names = [display] if isinstance(display, str) else list(display)
    if len(names) == 1 and model.fields[names[0]].type in ("string", "email", "url", "text"):
        return f"self.{names[0]}"
    return 'f"' + " ".join("{self." + n + "}" for n in names) + '"'


def _read_names(items: list[Any]) -> list[str]:
    return [item if isinstance(item, str) else next(iter(item)) for item in items]


def _select_related(model: ModelSpec) -> list[str]:
    """Relations the output serializers nest: fetched in the same query, never one per row."""
    related: list[str] = []
    for item in [*model.read, *(model.list_ or [])]:
        if isinstance(item, dict):
            field = next(iter(item))
            if field not in related:
                related.append(field)
    return related


def _serializers(name: str, model: ModelSpec, targets: dict[str, Target]) -> dict[str, Any]:
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
                declared.append(f"{field} = {ref['class']}(read_only=True)")
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
                input_declaration(field, model.fields[field], targets.get(field), name)
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
            f"What a caller may send to create {_with_article(docstring(verbose_name))}.",
        ),
        "update_input": inputs(
            model.update_fields,
            f"{name}UpdateInputSerializer",
            f"What a caller may change on {_with_article(docstring(verbose_name))}.",
        ),
    }


def _services(
    name: str, snake: str, model: ModelSpec, targets: dict[str, Target]
) -> dict[str, Any]:
    root_kwarg: list[str] = []
    root = None
    if not isinstance(model.scope, ParentScope) and model.scope in SCOPE_FIELDS:
        root = SCOPE_FIELDS[model.scope]
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
        (f, "dict" if model.fields[f].default in (None, {}) else "list")
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
            f"{field} = {factory}() if {field} is None else {field}"
            for field, factory in mutable_defaults
        ],
        "update_fields_decl": names_list(f"{snake.upper()}_UPDATE_FIELDS = ", model.update_fields),
        "update_fields_const": f"{snake.upper()}_UPDATE_FIELDS",
    }


def _transitions(name: str, snake: str, model: ModelSpec) -> list[dict[str, Any]]:
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
                "doc": docstring(
                    f"Move {_with_article(words(name))} from "
                    f"{' or '.join(transition.from_)} to {transition.to}."
                ),
            }
        )
    return result


def _filters(name: str, model: ModelSpec, targets: dict[str, Target]) -> dict[str, Any]:
    declared = []
    lookups: dict[str, list[str]] = {}
    for field in model.filters:
        spec = model.fields[field]
        if spec.type == "foreign_key":
            target = targets[field]
            if target.selector:
                declared.append(f"{field} = ScopedModelChoiceFilter(selector={target.selector})")
            else:
                declared.append(
                    f"{field} = filters.ModelChoiceFilter(queryset={target.model}.objects.all())"
                )
        elif spec.type in ("integer", "decimal", "date", "datetime"):
            lookups[field] = ["exact", "gte", "lte"]
        else:
            lookups[field] = ["exact"]
    meta_fields = (
        call(
            "fields = {",
            [f"{string(f)}: {literal(v)}" for f, v in lookups.items()],
            indent=8,
            tail="}",
        ).lstrip()
        if lookups
        else None
    )
    return {
        "filterset": f"{name}Filter",
        "filter_declared": declared,
        "filter_meta_fields": meta_fields,
        "filter_names": list(model.filters),
        "filter_fk_declared_names": [
            f for f in model.filters if model.fields[f].type == "foreign_key"
        ],
        "search_fields": names_list("search_fields = ", model.search, indent=4).lstrip()
        if model.search
        else None,
        "ordering_fields": names_list("ordering_fields = ", model.ordering, indent=4).lstrip()
        if model.ordering
        else None,
    }


def _admin(model: ModelSpec, targets: dict[str, Target], root: str) -> dict[str, Any]:
    fields = list(model.fields)
    display = model.admin.list_display or [
        "id",
        *[f for f in fields if model.fields[f].type not in ("text", "json")][:5],
    ]
    search = (
        model.admin.search
        or model.search
        or [f for f in fields if model.fields[f].type in ("string", "email")][:3]
    )
    list_filter = (
        model.admin.list_filter
        or [f for f in fields if model.fields[f].type in ("choice", "boolean", "date")][:4]
    )
    scope_fk = (
        [SCOPE_FIELDS[root]]
        if root in SCOPE_FIELDS and not isinstance(model.scope, ParentScope)
        else []
    )
    raw_id = [*scope_fk, *targets]
    related = [f for f in display if f in targets]
    parent = model.scope.parent if isinstance(model.scope, ParentScope) else None
    if parent and parent not in related:
        related.append(parent)  # __str__ of a child often names its parent
    return {
        "list_display": names_list("list_display = ", display, indent=4).lstrip(),
        "search_fields": names_list("search_fields = ", search, indent=4).lstrip()
        if search
        else None,
        "list_filter": names_list("list_filter = ", list_filter, indent=4).lstrip()
        if list_filter
        else None,
        "readonly_fields": names_list(
            "readonly_fields = ", ["id", *AUDIT_FIELDS], indent=4
        ).lstrip(),
        "raw_id_fields": names_list("raw_id_fields = ", raw_id, indent=4).lstrip()
        if raw_id
        else None,
        "list_select_related": names_list("list_select_related = ", related, indent=4).lstrip()
        if related
        else None,
        "scope_lookup": None,
    }
