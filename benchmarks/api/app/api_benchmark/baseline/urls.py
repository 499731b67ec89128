"""The baseline on the generated API's paths, so both answer the same URLs byte for byte."""

from django.urls import include
from django.urls import path
from rest_framework.routers import SimpleRouter

from api_benchmark.baseline.views import InvoiceViewSet

router = SimpleRouter()
router.register("invoices", InvoiceViewSet, basename="billing-invoice")

urlpatterns = [
    path("api/orgs/<slug:organization_slug>/billing/", include(router.urls)),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
