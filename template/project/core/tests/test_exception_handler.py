"""Validation errors list their messages per field, flattened to dotted names."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.exception_handler import exception_handler
from core.exceptions import ApplicationError


def handle(exc: Exception) -> Response:
    response = exception_handler(exc, {})
    assert response is not None
    return response


def test_field_errors_are_listed_by_field() -> None:
    response = handle(ValidationError({"email": ["Enter a valid email address."]}))

    assert response.status_code == 400
    assert response.data == {
        "error": {
            "code": "invalid",
            "message": "The request is invalid.",
            "fields": {"email": ["Enter a valid email address."]},
        }
    }


def test_nested_errors_are_named_with_dots() -> None:
    detail = {"lines": [{}, {"quantity": ["Ensure this value is greater than or equal to 1."]}]}

    response = handle(ValidationError(detail))

    assert response.data["error"]["fields"] == {
        "lines.1.quantity": ["Ensure this value is greater than or equal to 1."]
    }


def test_error_without_a_field_goes_to_non_field_errors() -> None:
    response = handle(ValidationError("The due date cannot be before the issue date."))

    assert response.data["error"]["fields"] == {
        "non_field_errors": ["The due date cannot be before the issue date."]
    }


def test_django_errors_of_the_whole_model_go_to_non_field_errors() -> None:
    response = handle(DjangoValidationError({"__all__": ["Dates are inconsistent."]}))

    assert response.data["error"]["fields"] == {"non_field_errors": ["Dates are inconsistent."]}


def test_application_error_keeps_its_status_code_and_fields() -> None:
    error = ApplicationError(
        "The customer has unpaid invoices.", code="unpaid", fields={"customer": ["Unpaid."]}
    )

    response = handle(error)

    assert response.status_code == 400
    assert response.data == {
        "error": {
            "code": "unpaid",
            "message": "The customer has unpaid invoices.",
            "fields": {"customer": ["Unpaid."]},
        }
    }


def test_unexpected_errors_are_left_to_django() -> None:
    assert exception_handler(RuntimeError("boom"), {}) is None
