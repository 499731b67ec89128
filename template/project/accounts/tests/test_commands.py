"""create_user and create_token: bootstrapping accounts without the admin site."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from accounts.models import User
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_user_takes_the_password_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a long enough secret")

    run("create_user", "ada", "--email", "ada@example.com")

    user = User.objects.get(username="ada")
    assert user.check_password("a long enough secret")
    assert (user.email, user.is_staff, user.is_superuser) == ("ada@example.com", False, False)


def test_create_user_without_a_password_makes_a_token_only_user(monkeypatch) -> None:
    monkeypatch.delenv("DJANGO_USER_PASSWORD", raising=False)

    run("create_user", "bot")

    assert not User.objects.get(username="bot").has_usable_password()


def test_create_user_refuses_a_taken_username() -> None:
    UserFactory(username="ada")

    with pytest.raises(CommandError, match="username"):
        run("create_user", "ada")


def test_create_token_prints_a_working_token_only() -> None:
    UserFactory(username="ada")

    token = run("create_token", "ada").strip()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/me/").json()["username"] == "ada"


@pytest.mark.parametrize("username", ["nobody", "inactive"])
def test_create_token_refuses_unknown_and_inactive_users(username: str) -> None:
    UserFactory(username="inactive", is_active=False)

    with pytest.raises(CommandError, match="No active user"):
        run("create_token", username)
