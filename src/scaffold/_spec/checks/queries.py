"""What list endpoints and the admin may filter, search and order by."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from scaffold._spec.checks._common import Domain, KeyPath, Verdict, check_names, unknown_name
from scaffold._spec.checks.constants import AUDIT_FIELDS, NOT_FILTERABLE, SEARCH_TYPES
from scaffold._spec.checks.python_names import QUERY_PARAMETERS
from scaffold._spec.checks.whitelists import readable
from scaffold._spec.schema import ModelSpec
from scaffold.errors import SpecProblem


def _filterable(model: ModelSpec, name: str) -> Verdict:
    field = model.fields.get(name)
    if field is None:
        return unknown_name("field", name, model.fields)
    if field.type in NOT_FILTERABLE:
        return (
            f"'{name}' is a {field.type} field; text and json fields cannot be filtered",
            "use search for text, or leave it out",
        )
    return None


def _api_filterable(model: ModelSpec, name: str) -> Verdict:
    if name in QUERY_PARAMETERS:
        return (
            f"a filter '{name}' would read the query parameter ?{name}=, which the list "
            "endpoints already use for paging, search, ordering or the format",
            "rename the field, or leave it out of filters",
        )
    return _filterable(model, name)


def _orderable(model: ModelSpec, name: str) -> Verdict:
    if name in AUDIT_FIELDS:
        return None
    field = model.fields.get(name)
    if field is None:
        return unknown_name("field", name, [*AUDIT_FIELDS, *model.fields])
    if field.type in NOT_FILTERABLE:
        return (
            f"'{name}' is a {field.type} field; text and json fields cannot be ordered by",
            "order by a string, number or date field",
        )
    return None


def _searchable(domain: Domain, model: ModelSpec, name: str) -> Verdict:
    base, _, nested = name.partition("__")
    field = model.fields.get(base)
    if field is None:
        return unknown_name("field", base, model.fields)
    if not nested:
        if field.type not in SEARCH_TYPES:
            return (
                f"'{name}' is a {field.type} field; search needs text or choice fields",
                "use filters for numbers, dates and foreign keys",
            )
        return None
    target = domain.target(field)
    if target is None:
        return (
            f"'{base}' is not a foreign key to a model of this domain",
            "search across a foreign key as <foreign key>__<text field>",
        )
    related = target.fields.get(nested)
    if related is None:
        return unknown_name("field", nested, target.fields, of=str(field.to))
    if related.type not in ("string", "text", "email"):
        return (
            f"'{name}' is a {related.type} field; search across a foreign key needs text",
            "name a string, text or email field of the related model",
        )
    return None


def check_queries(domain: Domain, model: ModelSpec, path: KeyPath) -> Iterator[SpecProblem]:
    filterable, searchable = partial(_filterable, model), partial(_searchable, domain, model)
    orderable = partial(_orderable, model)
    yield from check_names((*path, "filters"), model.filters, partial(_api_filterable, model))
    yield from check_names((*path, "search"), model.search, searchable)
    yield from check_names((*path, "ordering"), model.ordering, orderable)
    bare = [name.removeprefix("-") for name in model.default_ordering]
    yield from check_names((*path, "default_ordering"), bare, orderable)
    admin = model.admin
    for key, names, verdict in (
        ("list_display", admin.list_display, partial(readable, model)),
        ("search", admin.search, searchable),
        ("list_filter", admin.list_filter, filterable),
    ):
        yield from check_names((*path, "admin", key), names or [], verdict)
