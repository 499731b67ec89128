"""The project's URLs with the billing invoices served by the fast read path."""

from django.urls import include
from django.urls import path
from rest_framework.routers import SimpleRouter

from api_benchmark.fast.views import InvoiceViewSet
from config.urls import handler404  # noqa: F401
from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns

router = SimpleRouter()
router.register("invoices", InvoiceViewSet, basename="billing-invoice")

urlpatterns = [
    path("api/orgs/<slug:organization_slug>/billing/", include(router.urls)),
    *project_urlpatterns,
]
