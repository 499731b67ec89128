"""The FilterSet of a model's list endpoint, with its search and ordering fields."""

from __future__ import annotations

from typing import Any

from scaffold._context.derived import DerivedModel
from scaffold._context.pycode import call, literal, names_list, string


def filter_options(m: DerivedModel) -> dict[str, Any]:
    name, model, targets = m.name, m.spec, m.targets
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
        "search_fields": names_list("search_fields = ", model.search, indent=4).lstrip()
        if model.search
        else None,
        "ordering_fields": names_list("ordering_fields = ", model.ordering, indent=4).lstrip()
        if model.ordering
        else None,
    }
