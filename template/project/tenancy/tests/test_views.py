"""GET /api/orgs/ lists the caller's organizations and nobody else's."""

import pytest

from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/orgs/"


def test_anonymous_caller_must_authenticate(api_client) -> None:
    response = api_client.get(URL)

    assert response.status_code == 401


def test_caller_sees_their_organizations_with_their_role(client_for, principals) -> None:
    response = client_for(principals["admin_a"]).get(URL)

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"slug": "org-a", "name": "Organization A", "role": "admin"}
    ]


def test_caller_without_memberships_sees_none(client_for, principals) -> None:
    OrganizationFactory()

    response = client_for(principals["staff"]).get(URL)

    assert response.json()["results"] == []


def test_list_is_read_only(client_for) -> None:
    response = client_for(UserFactory()).post(URL, {"name": "Mine"}, format="json")

    assert response.status_code == 405
