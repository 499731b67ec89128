"""Every error answers {"error": {"code", "message", "fields"?}} and never leaks internals."""

import json

import pytest
from django.test import Client
from django.test import RequestFactory
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from core.views import csrf_failure

pytestmark = [pytest.mark.urls("core.tests.urls"), pytest.mark.django_db]


@pytest.mark.parametrize(
    ("kind", "status", "code", "message"),
    [
        ("conflict", 409, "conflict", "The invoice was changed meanwhile."),
        ("transition", 409, "transition_not_allowed", "Cannot move from 'paid' to 'sent'."),
        ("integrity", 409, "conflict", "The request conflicts with existing data."),
        (
            "protected",
            409,
            "protected",
            "This record cannot be deleted because other records refer to it.",
        ),
        ("http404", 404, "not_found", "Not found."),
        (
            "django_permission",
            403,
            "permission_denied",
            "You do not have permission to perform this action.",
        ),
        ("throttled", 429, "throttled", "Request was throttled. Expected available in 30 seconds."),
    ],
)
def test_errors_answer_one_shape_with_fixed_messages(
    api_client: APIClient, kind: str, status: int, code: str, message: str
) -> None:
    response = api_client.get(f"/probe/errors/{kind}/")

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"code": code, "message": message}}
    assert b"SECRET" not in response.content


def test_throttled_response_says_when_to_retry(api_client: APIClient) -> None:
    response = api_client.get("/probe/errors/throttled/")

    assert response["Retry-After"] == "30"


def test_django_validation_error_names_the_fields(api_client: APIClient) -> None:
    response = api_client.get("/probe/errors/django_validation/")

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "The request is invalid.",
            "fields": {"name": ["Enter a name."]},
        }
    }


def test_unexpected_error_is_a_json_500_without_details() -> None:
    client = APIClient(raise_request_exception=False)

    response = client.get("/probe/errors/crash/")

    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "server_error", "message": "A server error occurred."}
    }
    assert b"SECRET" not in response.content


def test_unknown_url_is_a_json_404(api_client: APIClient) -> None:
    response = api_client.get("/no/such/page/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"code": "not_found", "message": "Not found."}}


def test_404_body_is_the_same_from_django_and_from_drf(api_client: APIClient) -> None:
    from_django = api_client.get("/no/such/page/")
    from_drf = api_client.get("/probe/errors/http404/")

    assert from_django.content == from_drf.content


def test_anonymous_caller_gets_401_with_token_challenge(api_client: APIClient) -> None:
    response = api_client.get("/api/orgs/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"


def test_unknown_token_gets_401(api_client: APIClient) -> None:
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api_client.get("/api/orgs/")

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "authentication_failed", "message": "Invalid token."}
    }


def test_method_the_view_does_not_offer_gets_405(client_for, principals) -> None:
    response = client_for(principals["member_a"]).delete("/api/orgs/")

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_options_gets_405_so_fields_are_not_described(client_for, principals) -> None:
    response = client_for(principals["member_a"]).options("/api/orgs/")

    assert response.status_code == 405


def test_malformed_json_gets_400_parse_error(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/auth/token/", data=b'{"username": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_body_over_the_upload_limit_gets_413(api_client: APIClient, settings) -> None:
    body = json.dumps({"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = api_client.post("/api/auth/token/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "payload_too_large", "message": "The request body is too large."}
    }


def test_body_that_is_not_json_gets_415(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/auth/token/", data="username=a&password=b", content_type="text/plain"
    )

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_token_endpoint_throttles_guessing(
    api_client: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Test settings switch throttles off; switch the "auth" scope back on at 2 per minute.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"})
    monkeypatch.setattr(ScopedRateThrottle, "cache", _FreshCache())
    credentials = {"username": "nobody", "password": "guess"}

    statuses = [
        api_client.post("/api/auth/token/", credentials, format="json").status_code
        for _ in range(3)
    ]

    assert statuses == [400, 400, 429]


class _FreshCache:
    """A private in-memory cache, so throttle history does not leak between tests."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}

    def get(self, key: str, default: object = None) -> object:
        return self.data.get(key, default)

    def set(self, key: str, value: object, timeout: object = None) -> None:
        self.data[key] = value


def test_request_for_an_unknown_host_is_a_json_400(api_client: APIClient) -> None:
    response = api_client.get("/api/orgs/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "bad_request", "message": "The request could not be understood."}
    }


def test_csrf_failure_outside_the_admin_is_a_json_403() -> None:
    request = RequestFactory().post("/api/orgs/")

    response = csrf_failure(request, reason="CSRF cookie not set.")

    assert response.status_code == 403
    assert json.loads(response.content) == {
        "error": {"code": "csrf_failed", "message": "CSRF verification failed."}
    }


def test_csrf_failure_in_the_admin_is_an_html_page() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_unknown_admin_page_is_an_admin_html_404(admin_client: Client) -> None:
    response = admin_client.get("/admin/no/such/page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content
    assert b'"error"' not in response.content


def test_admin_page_staff_may_not_see_is_an_admin_html_403(principals: dict) -> None:
    """E.g. the organization lookup popup, for staff without view permission on organizations."""
    staff = principals["admin_a"]
    staff.is_staff = True
    staff.save()
    client = Client()
    client.force_login(staff)

    response = client.get("/admin/tenancy/organization/", {"_popup": "1", "_to_field": "id"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert b"Permission denied" in response.content
