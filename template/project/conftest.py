"""Fixtures every app's tests share: two organizations, one user per role, API clients."""

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.models import User
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory


def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: object) -> Any:
    """Only what a test module defines is a test of it.

    Tests import services and factories by name: a model called ``TestResult`` brings
    ``test_result_create`` and ``TestResultFactory``, which pytest would collect as tests.
    """
    if not isinstance(collector, pytest.Module):
        return None
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        return None
    imported = getattr(obj, "__module__", None) != collector.obj.__name__
    return [] if imported else None


@pytest.fixture(autouse=True)
def _skip_contention_on_sqlite(request: pytest.FixtureRequest) -> None:
    # SQLite locks the whole database, so row-lock races cannot happen there.
    if request.node.get_closest_marker("contention") and connection.vendor == "sqlite":
        pytest.skip("needs a database with row locks (PostgreSQL or MariaDB)")


@pytest.fixture
def organization(db: None) -> Organization:
    """The caller's organization, "org-a"."""
    return OrganizationFactory(name="Organization A", slug="org-a")


@pytest.fixture
def other_organization(db: None) -> Organization:
    """Another tenant, "org-b", whose data the users of org-a must never see."""
    return OrganizationFactory(name="Organization B", slug="org-b")


@pytest.fixture
def principals(
    organization: Organization, other_organization: Organization
) -> dict[str, User | None]:
    """One caller per role: anonymous, member/admin/owner of each organization, and staff.

    "staff" is a superuser without any membership: the admin site is theirs, tenants' data is not.
    """
    users: dict[str, User | None] = {"anonymous": None}
    for suffix, org in (("a", organization), ("b", other_organization)):
        for role in (Role.MEMBER, Role.ADMIN, Role.OWNER):
            name = f"{role.value}_{suffix}"
            users[name] = MembershipFactory(
                organization=org, role=role, user=UserFactory(username=name)
            ).user
    users["staff"] = UserFactory(username="staff", is_staff=True, is_superuser=True)
    return users


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def client_for(db: None) -> Callable[[User | None], APIClient]:
    """Make an API client that authenticates as a user with a real token (anonymous for None)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            _, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return make


@pytest.fixture(scope="session")
def openapi_schema() -> dict[str, Any]:
    """The project's OpenAPI schema, as /api/schema/ serves it (generated once per run)."""
    return SchemaGenerator().get_schema(request=None, public=True)
