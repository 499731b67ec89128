"""Filtering whose choices of related rows are limited to what the caller may see."""

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import Protocol
from typing import cast

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import HttpRequest
from django_filters import FilterSet
from django_filters import ModelChoiceFilter
from django_filters import ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.views import APIView


class _ScopedView(Protocol):
    def get_scope(self) -> dict[str, Any]: ...


class ScopedModelChoiceFilter(ModelChoiceFilter):
    """Filter on a related row chosen among those `selector(**scope)` returns."""

    def __init__(self, *args: Any, selector: Callable[..., QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(*args, **kwargs)


class ScopedFilterSet(FilterSet):
    """A FilterSet that receives the view's scope and limits related choices to it."""

    def __init__(self, *args: Any, scope: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        for name, filter_ in self.filters.items():
            if isinstance(filter_, ScopedModelChoiceFilter):
                if scope is None:
                    raise ImproperlyConfigured(f"{type(self).__name__} needs a scope.")
                filter_.queryset = filter_.selector(**scope)
            elif (
                isinstance(filter_, ModelChoiceFilter | ModelMultipleChoiceFilter)
                and name not in self.declared_filters
            ):
                # A filter generated from Meta.fields offers every row of the related model,
                # telling a caller which ids exist in other tenants. Declare the filter:
                # scoped, or with an explicit queryset for shared reference data.
                raise ImproperlyConfigured(
                    f"{type(self).__name__}.{name} chooses related rows without a scope; "
                    "use ScopedModelChoiceFilter(selector=...)."
                )


class ScopedFilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend that hands `view.get_scope()` to scoped filter sets."""

    filterset_base = ScopedFilterSet

    def get_filterset(self, request: HttpRequest, queryset: QuerySet[Any], view: APIView) -> Any:
        """Build the view's filter set, passing the scope when it takes one."""
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        if issubclass(filterset_class, ScopedFilterSet):
            # A core.viewsets.ScopedViewSet (which cannot be imported here: DRF's generics
            # import this module while they load).
            kwargs["scope"] = cast(_ScopedView, view).get_scope()
        return filterset_class(**kwargs)
