"""Root URLs: the admin, the token endpoint, tenancy and the domain apps."""

from django.contrib import admin
from django.urls import include
from django.urls import path

from core.views import ObtainTokenView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("api/", include("tenancy.urls")),
    # scaffold:domain-urls
]

# Django's own error pages are HTML; answer with the API's JSON error shape instead.
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
