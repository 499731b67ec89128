"""API tokens: issued for valid credentials only, hashed, expiring, rotated and revoked."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.services import token_create
from tenancy.tests.factories import PASSWORD
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
REFRESH_URL = "/api/auth/token/refresh/"
LOGOUT_URL = "/api/auth/logout/"
LOGOUT_ALL_URL = "/api/auth/logout-all/"
PROBE_URL = "/api/me/"


def sign_in(client: APIClient, username: str, password: str = PASSWORD):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json")


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_valid_credentials_get_a_token_that_expires(api_client: APIClient) -> None:
    user = UserFactory()

    response = sign_in(api_client, user.username)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    stored = AuthToken.objects.get(user=user)
    assert stored.expiry > timezone.now() + timedelta(hours=9)
    assert with_token(body["token"]).get(PROBE_URL).status_code == 200


def test_tokens_are_stored_hashed(api_client: APIClient) -> None:
    user = UserFactory()

    token = sign_in(api_client, user.username).json()["token"]

    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key)


@pytest.mark.parametrize(
    "credentials",
    [{"username": "nobody", "password": PASSWORD}, {"username": "ada", "password": "wrong"}],
    ids=["unknown-user", "wrong-password"],
)
def test_wrong_credentials_get_no_token(api_client: APIClient, credentials) -> None:
    UserFactory(username="ada")

    response = api_client.post(TOKEN_URL, credentials, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["Unable to log in with provided credentials."]
    }
    assert not AuthToken.objects.exists()


def test_inactive_user_gets_no_token(api_client: APIClient) -> None:
    user = UserFactory(is_active=False)

    assert sign_in(api_client, user.username).status_code == 400


def test_sign_in_rejects_unknown_keys(api_client: APIClient) -> None:
    user = UserFactory()

    response = api_client.post(
        TOKEN_URL,
        {"username": user.username, "password": PASSWORD, "is_staff": True},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"is_staff"}


def test_sign_in_ignores_a_bad_token_header(api_client: APIClient) -> None:
    user = UserFactory()
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert sign_in(api_client, user.username).status_code == 200


def test_token_endpoint_only_takes_post(api_client: APIClient) -> None:
    assert api_client.get(TOKEN_URL).status_code == 405


def test_each_sign_in_is_a_token_of_its_own(api_client: APIClient) -> None:
    user = UserFactory()

    first = sign_in(api_client, user.username).json()["token"]
    second = sign_in(api_client, user.username).json()["token"]

    assert first != second
    assert with_token(first).get(PROBE_URL).status_code == 200
    assert with_token(second).get(PROBE_URL).status_code == 200


@override_settings(ACCOUNTS_MAX_TOKENS_PER_USER=2)
def test_signing_in_beyond_the_limit_revokes_the_oldest_token() -> None:
    user = UserFactory()
    oldest, middle, newest = (token_create(user=user)[1] for _ in range(3))

    assert with_token(oldest).get(PROBE_URL).status_code == 401
    assert with_token(middle).get(PROBE_URL).status_code == 200
    assert with_token(newest).get(PROBE_URL).status_code == 200


def test_an_expired_token_is_refused_and_deleted() -> None:
    user = UserFactory()
    stored, token = token_create(user=user)
    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - timedelta(seconds=1))

    response = with_token(token).get(PROBE_URL)

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "authentication_failed", "message": "Invalid token."}
    }
    assert not AuthToken.objects.filter(pk=stored.pk).exists()


def test_logout_revokes_the_token_in_use_only() -> None:
    user = UserFactory()
    _, phone = token_create(user=user)
    _, laptop = token_create(user=user)

    response = with_token(phone).post(LOGOUT_URL)

    assert response.status_code == 204
    assert with_token(phone).get(PROBE_URL).status_code == 401
    assert with_token(laptop).get(PROBE_URL).status_code == 200


def test_logout_all_revokes_every_token_of_the_caller_only() -> None:
    user, other = UserFactory(), UserFactory()
    _, phone = token_create(user=user)
    _, laptop = token_create(user=user)
    _, others = token_create(user=other)

    assert with_token(phone).post(LOGOUT_ALL_URL).status_code == 204

    assert with_token(phone).get(PROBE_URL).status_code == 401
    assert with_token(laptop).get(PROBE_URL).status_code == 401
    assert with_token(others).get(PROBE_URL).status_code == 200


def test_refresh_rotates_the_token() -> None:
    user = UserFactory()
    stored, old = token_create(user=user)
    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() + timedelta(minutes=1))

    response = with_token(old).post(REFRESH_URL)

    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert with_token(old).get(PROBE_URL).status_code == 401
    assert with_token(new).get(PROBE_URL).status_code == 200
    assert AuthToken.objects.get(user=user).expiry > timezone.now() + timedelta(hours=9)


def test_refresh_needs_a_token_not_a_session() -> None:
    client = APIClient()
    client.force_login(UserFactory())

    response = client.post(REFRESH_URL)

    assert response.status_code == 400


@pytest.mark.parametrize("url", [REFRESH_URL, LOGOUT_URL, LOGOUT_ALL_URL, PROBE_URL])
def test_anonymous_callers_get_401(api_client: APIClient, url: str) -> None:
    response = api_client.post(url) if url != PROBE_URL else api_client.get(url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    "header",
    [b"Token \xff\xfe", "Token abc\x00def", "Token " + "a" * 500, "Bearer abc", "Token"],
    ids=["not-utf8", "nul", "huge", "other-scheme", "no-token"],
)
def test_malformed_tokens_are_a_401_never_a_server_error(header) -> None:
    client = APIClient()

    response = client.get(PROBE_URL, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


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
    AuthToken.objects.filter(user=user).delete()

    response = client.get("/api/orgs/")

    assert response.status_code == 401


def test_session_writes_need_a_csrf_token(principals) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(principals["member_a"])

    response = client.post("/api/orgs/", {}, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
