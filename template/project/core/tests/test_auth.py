"""Tokens: issued for valid credentials only, refused once revoked or the user deactivated."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenancy.tests.factories import PASSWORD
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"


def test_valid_credentials_get_a_token(api_client: APIClient) -> None:
    user = UserFactory()

    response = api_client.post(
        TOKEN_URL, {"username": user.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_wrong_password_gets_no_token(api_client: APIClient) -> None:
    user = UserFactory()

    response = api_client.post(
        TOKEN_URL, {"username": user.username, "password": "wrong"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["Unable to log in with provided credentials."]
    }


def test_inactive_user_gets_no_token(api_client: APIClient) -> None:
    user = UserFactory(is_active=False)

    response = api_client.post(
        TOKEN_URL, {"username": user.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400


def test_token_endpoint_only_takes_post(api_client: APIClient) -> None:
    assert api_client.get(TOKEN_URL).status_code == 405


def test_token_of_a_deactivated_user_is_refused(client_for) -> None:
    user = UserFactory()
    client = client_for(user)
    user.is_active = False
    user.save()

    response = client.get("/api/orgs/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_revoked_token_is_refused(client_for) -> None:
    user = UserFactory()
    client = client_for(user)
    Token.objects.filter(user=user).delete()

    response = client.get("/api/orgs/")

    assert response.status_code == 401


def test_session_writes_need_a_csrf_token(principals) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(principals["member_a"])

    response = client.post("/api/orgs/", {}, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
