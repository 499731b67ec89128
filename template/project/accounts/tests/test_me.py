"""GET/PATCH /api/me/: the caller's own account, with a whitelist of what they may change."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from core.testing import snapshot
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/me/"
FIELDS = {"id", "username", "email", "first_name", "last_name", "date_joined"}


def test_me_shows_the_caller_and_nothing_more(client_for) -> None:
    user = UserFactory(username="ada", first_name="Ada")

    response = client_for(user).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert body["username"] == "ada"
    assert body["first_name"] == "Ada"


def test_me_changes_the_callers_name(client_for) -> None:
    user = UserFactory()

    response = client_for(user).patch(URL, {"first_name": "Ada", "last_name": ""}, format="json")

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ada", "")


@pytest.mark.parametrize(
    "payload",
    [
        {"is_staff": True},
        {"is_superuser": True},
        {"is_active": False},
        {"username": "root"},
        {"email": "victim@example.com"},
        {"password": "pwned-pwned"},
        {"id": 999},
        {"date_joined": "2000-01-01T00:00:00Z"},
        {"first_name": "Ada", "is_staff": True},
    ],
    ids=lambda payload: "+".join(payload),
)
def test_me_refuses_every_key_outside_the_whitelist(client_for, payload) -> None:
    user = UserFactory()
    before = snapshot(user)

    response = client_for(user).patch(URL, payload, format="json")

    assert response.status_code == 400
    refused = set(payload) - {"first_name"}
    assert set(response.json()["error"]["fields"]) == refused
    assert snapshot(user) == before
    assert not User.objects.get(pk=user.pk).is_staff


def test_me_validates_lengths(client_for) -> None:
    response = client_for(UserFactory()).patch(URL, {"first_name": "x" * 151}, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"first_name"}


@pytest.mark.parametrize("method", ["put", "delete", "post"])
def test_me_offers_only_get_and_patch(client_for, method: str) -> None:
    response = getattr(client_for(UserFactory()), method)(URL, {}, format="json")

    assert response.status_code == 405


def test_anonymous_caller_has_no_me(api_client: APIClient) -> None:
    assert api_client.get(URL).status_code == 401
    assert api_client.patch(URL, {"first_name": "x"}, format="json").status_code == 401
