"""Django's error views in the API's JSON shape, the schema and docs pages."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.http import HttpResponse
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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refused before any view ran."""
    if isinstance(exception, RequestDataTooBig):
        return _json_error(413, *PAYLOAD_TOO_LARGE)
    return _json_error(400, *BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403."""
    return _json_error(403, *PERMISSION_DENIED)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: the same body as a missing object in the API, never the model's name."""
    return _json_error(404, *NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the error is logged; the response says nothing about it."""
    return _json_error(500, *SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a session-authenticated write without a valid CSRF token."""
    return _json_error(403, *CSRF_FAILED)


class JsonErrorsMixin:
    """Answer errors as JSON even from views whose renderers are YAML or HTML."""

    def handle_exception(self, exc: Exception) -> Response:
        """Render the error with the JSON renderer."""
        self.request.accepted_renderer = JSONRenderer()  # type: ignore[attr-defined]
        self.request.accepted_media_type = JSONRenderer.media_type  # type: ignore[attr-defined]
        return super().handle_exception(exc)  # type: ignore[misc]


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema: JSON by default, YAML with `?format=yaml`."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]


class SwaggerView(JsonErrorsMixin, SpectacularSwaggerView):
    """Swagger UI over the schema, its assets served by this site."""


class RedocView(JsonErrorsMixin, SpectacularRedocView):
    """Redoc over the schema, its assets served by this site."""
