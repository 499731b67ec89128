"""Root URLs: the admin, accounts and tokens, the schema and docs, tenancy and the domain apps."""

from django.contrib import admin
from django.urls import include
from django.urls import path

from core.views import RedocView
from core.views import SchemaView
from core.views import SwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("accounts.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("api/", include("tenancy.urls")),
    # scaffold:domain-urls
]

# Django's own error pages are HTML; answer with the API's JSON error shape instead.
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
