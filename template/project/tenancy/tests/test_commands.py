"""create_organization and add_member: bootstrapping tenants without the admin site."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenancy.models import Membership
from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_organization_makes_its_owner() -> None:
    ada = UserFactory(username="ada")

    run("create_organization", "acme", "--name", "Acme", "--owner", "ada")

    membership = Membership.objects.get(organization__slug="acme")
    assert (membership.user, membership.role) == (ada, "owner")


def test_create_organization_refuses_a_taken_slug_and_unknown_owner() -> None:
    UserFactory(username="ada")
    OrganizationFactory(slug="acme")

    with pytest.raises(CommandError, match=r"^slug: This value is already in use\.$"):
        run("create_organization", "acme", "--name", "Acme", "--owner", "ada")
    with pytest.raises(CommandError, match="No active user"):
        run("create_organization", "other", "--name", "Other", "--owner", "nobody")


def test_add_member_by_email_with_a_role() -> None:
    OrganizationFactory(slug="acme")
    bob = UserFactory(username="bob", email="bob@example.com")

    run("add_member", "acme", "bob@example.com", "--role", "admin")

    assert Membership.objects.get(user=bob).role == "admin"


def test_add_member_refuses_unknown_organizations_users_and_duplicates() -> None:
    OrganizationFactory(slug="acme")
    UserFactory(username="bob")
    run("add_member", "acme", "bob")

    with pytest.raises(CommandError, match="No organization"):
        run("add_member", "missing", "bob")
    with pytest.raises(CommandError, match="No single active user"):
        run("add_member", "acme", "nobody")
    with pytest.raises(CommandError, match=r"^user: This value is already in use\.$"):
        run("add_member", "acme", "bob")
