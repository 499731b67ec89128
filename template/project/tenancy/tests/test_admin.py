"""The admin pages of organizations and memberships open for staff."""

import pytest
from django.test import Client

from tenancy.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/tenancy/organization/",
        "/admin/tenancy/organization/add/",
        "/admin/tenancy/membership/",
        "/admin/tenancy/membership/?q=member",
    ],
)
def test_staff_can_open_tenancy_admin_pages(client: Client, principals, url: str) -> None:
    MembershipFactory()
    client.force_login(principals["staff"])

    assert client.get(url).status_code == 200


def test_staff_can_open_an_organization(client: Client, principals, organization) -> None:
    client.force_login(principals["staff"])

    response = client.get(f"/admin/tenancy/organization/{organization.pk}/change/")

    assert response.status_code == 200
