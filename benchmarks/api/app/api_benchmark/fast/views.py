"""The generated invoice ViewSet with the fast read path: same routes, roles, scope and filters.

On top of the fast output serializers (always on), two changes, each switchable for the
benchmark (BENCH_FAST_PARTS, a "+"-separated subset of PARTS; default both) so that what each
buys can be measured:

- rows:    lists read ``values(*columns)`` rows, never building model instances;
- filters: a request without filter parameters builds no FilterSet (a FilterSet given no data
           filters nothing, so the rows are the same). DRF's ``get_object`` runs the filter
           backends on detail routes too, so this speeds up retrieve as much as list.
"""

import os
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api_benchmark.fast.serializers import InvoiceListOutputSerializer
from api_benchmark.fast.serializers import InvoiceOutputSerializer
from billing import views as generated
from core.filters import ScopedFilterBackend

PARTS = ("rows", "filters")
ENABLED = set(os.environ.get("BENCH_FAST_PARTS", "+".join(PARTS)).split("+")) & set(PARTS)


class QuietScopedFilterBackend(ScopedFilterBackend):
    """ScopedFilterBackend that builds no FilterSet for a request without filter parameters."""

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        """Filter as usual when some parameter may be a filter; else the rows are unchanged."""
        pagination = view.pagination_class
        others = {
            api_settings.SEARCH_PARAM,
            api_settings.ORDERING_PARAM,
            getattr(pagination, "page_query_param", None),
            getattr(pagination, "page_size_query_param", None),
        }
        if "filters" in ENABLED and all(key in others for key in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class InvoiceViewSet(generated.InvoiceViewSet):
    """Invoices of the organization named in the URL."""

    filter_backends = [
        QuietScopedFilterBackend if backend is ScopedFilterBackend else backend
        for backend in generated.InvoiceViewSet.filter_backends
    ]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """List invoices, one page at a time."""
        invoices = self.filter_queryset(self.get_queryset())
        if "rows" in ENABLED:
            invoices = invoices.values(*InvoiceListOutputSerializer.columns)
        page = self.paginate_queryset(invoices)
        data = InvoiceListOutputSerializer(page, many=True).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Show one invoice."""
        return Response(InvoiceOutputSerializer(self.get_object()).data)
