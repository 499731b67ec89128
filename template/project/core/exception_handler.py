"""Turn every error a view raises into one JSON shape: {"error": {"code", "message", "fields"}}."""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from core.exceptions import CONFLICT_MESSAGE
from core.exceptions import PROTECTED_MESSAGE
from core.exceptions import ApplicationError

# Constant messages: the text of these errors may name models or carry database details.
INVALID = ("invalid", "The request is invalid.")
BAD_REQUEST = ("bad_request", "The request could not be understood.")
NOT_FOUND = ("not_found", "Not found.")
PERMISSION_DENIED = ("permission_denied", "You do not have permission to perform this action.")
CONFLICT = ("conflict", CONFLICT_MESSAGE)
PROTECTED = ("protected", PROTECTED_MESSAGE)
PAYLOAD_TOO_LARGE = ("payload_too_large", "The request body is too large.")
SERVER_ERROR = ("server_error", "A server error occurred.")


@dataclass(frozen=True)
class ErrorResponse:
    """What one error answers: status, code, message, per-field messages and headers."""

    status: int
    code: str
    message: str
    fields: dict[str, list[str]] | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """The response body."""
        return error_payload(self.code, self.message, self.fields)


def error_payload(
    code: str, message: str, fields: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    """Build the error body; "fields" appears only when there are per-field messages."""
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = dict(fields)
    return {"error": error}


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: answer known errors; None lets Django's handler500 answer."""
    error = describe_exception(exc)
    if error is None:
        return None
    set_rollback()
    return Response(error.payload(), status=error.status, headers=error.headers)


def describe_exception(exc: Exception) -> ErrorResponse | None:
    """Map an exception to the response it deserves, or None for unexpected ones."""
    if isinstance(exc, exceptions.ValidationError | DjangoValidationError):
        return ErrorResponse(400, *INVALID, fields=flatten_errors(as_serializer_error(exc)))
    if isinstance(exc, ApplicationError):
        return ErrorResponse(exc.status_code, exc.code, exc.message, fields=exc.fields or None)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return ErrorResponse(404, *NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return ErrorResponse(403, *PERMISSION_DENIED)
    if isinstance(exc, RequestDataTooBig):
        return ErrorResponse(413, *PAYLOAD_TOO_LARGE)
    if isinstance(exc, ProtectedError | RestrictedError):
        return ErrorResponse(409, *PROTECTED)
    if isinstance(exc, IntegrityError):
        # A safety net: services validate first, so this means a race or a missing check.
        return ErrorResponse(409, *CONFLICT)
    if isinstance(exc, exceptions.APIException):
        return _describe_api_exception(exc)
    return None


def _describe_api_exception(exc: exceptions.APIException) -> ErrorResponse:
    # DRF's messages are written for callers (permission messages, "Invalid token.", ...).
    detail = exc.detail
    message = str(detail) if isinstance(detail, str) else str(exc.default_detail)
    code = detail.code if isinstance(detail, exceptions.ErrorDetail) else exc.default_code
    headers = {}
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if (wait := getattr(exc, "wait", None)) is not None:
        headers["Retry-After"] = str(int(wait))
    return ErrorResponse(exc.status_code, str(code), message, headers=headers)


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten nested serializer errors to {"lines.0.quantity": [messages]}."""
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else str(key)
            path = f"{prefix}.{name}" if prefix else name
            for nested_path, messages in flatten_errors(value, path).items():
                flat.setdefault(nested_path, []).extend(messages)
        return flat
    if isinstance(detail, list) and any(isinstance(item, Mapping | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            path = f"{prefix}.{index}" if prefix else str(index)
            for key, messages in flatten_errors(item, path).items():
                flat.setdefault(key, []).extend(messages)
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in messages]}
