"""The user model and its admin."""

import pytest
from django.test import Client

from accounts.models import User
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_reads_as_its_username() -> None:
    assert str(User(username="ada")) == "ada"


def test_admin_login_page_loads(client: Client) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_staff_can_open_the_user_admin(client: Client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 200


def test_admin_sends_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
