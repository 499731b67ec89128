"""Django's error views in the API's JSON shape (HTML under the admin), the schema and docs."""

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import csrf
from django.views import defaults
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView
from drf_spectacular.views import SpectacularRedocView
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.exception_handler import BAD_REQUEST
from core.exception_handler import NOT_FOUND
from core.exception_handler import PAYLOAD_TOO_LARGE
from core.exception_handler import PERMISSION_DENIED
from core.exception_handler import SERVER_ERROR
from core.exception_handler import error_payload

CSRF_FAILED = ("csrf_failed", "CSRF verification failed.")


def _json_error(status: int, code: str, message: str) -> HttpResponse:
    # Rendered by DRF's renderer so that the bytes equal those of the same error from a DRF view.
    body = JSONRenderer().render(error_payload(code, message))
    return HttpResponse(body, status=status, content_type="application/json")


def _in_admin(request: HttpRequest) -> bool:
    # The admin is a site for people: its errors are pages (a lookup popup, a stale form).
    return request.path.startswith(reverse("admin:index"))


def _admin_page(request: HttpRequest, template: str, title: str, status: int) -> HttpResponse:
    context = {**admin.site.each_context(request), "title": title}
    return render(request, template, context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refused before any view ran."""
    if _in_admin(request):
        return defaults.bad_request(request, exception or BadRequest())
    if isinstance(exception, RequestDataTooBig):
        return _json_error(413, *PAYLOAD_TOO_LARGE)
    return _json_error(400, *BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403."""
    if _in_admin(request):
        return _admin_page(request, "admin/403.html", "Permission denied", 403)
    return _json_error(403, *PERMISSION_DENIED)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: the same body as a missing object in the API, never the model's name."""
    if _in_admin(request):
        return _admin_page(request, "admin/404.html", "Page not found", 404)
    return _json_error(404, *NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the error is logged; the response says nothing about it."""
    if _in_admin(request):
        return defaults.server_error(request, template_name="admin/500.html")
    return _json_error(500, *SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a session-authenticated write without a valid CSRF token."""
    if _in_admin(request):
        return csrf.csrf_failure(request, reason)
    return _json_error(403, *CSRF_FAILED)


class JsonErrorsMixin:
    """Answer errors as JSON even from views whose renderers are YAML or HTML."""

    def handle_exception(self, exc: Exception) -> Response:
        """Render the error with the JSON renderer."""
        self.request.accepted_renderer = JSONRenderer()  # type: ignore[attr-defined]
        self.request.accepted_media_type = JSONRenderer.media_type  # type: ignore[attr-defined]
        response: Response = super().handle_exception(exc)  # type: ignore[misc]
        return response


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema: JSON by default, YAML with `?format=yaml`."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]


class SwaggerView(JsonErrorsMixin, SpectacularSwaggerView):
    """Swagger UI over the schema, its assets served by this site."""


class RedocView(JsonErrorsMixin, SpectacularRedocView):
    """Redoc over the schema, its assets served by this site."""
