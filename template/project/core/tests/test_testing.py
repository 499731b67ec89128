"""Test helpers: error fields of a response, a row's stored values, a scope's unused value
and its existing row."""

import pytest
from rest_framework.test import APIClient

from core.testing import error_fields
from core.testing import row_in_scope
from core.testing import snapshot
from core.testing import unused_value
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_error_fields_lists_messages_by_field(api_client: APIClient) -> None:
    response = api_client.post("/api/auth/token/", {"username": "ada"}, format="json")

    assert error_fields(response) == {"password": ["This field is required."]}


def test_error_fields_is_empty_for_errors_without_fields(api_client: APIClient) -> None:
    assert error_fields(api_client.get("/api/orgs/")) == {}


def test_snapshot_reads_the_stored_row() -> None:
    organization = OrganizationFactory(name="Stored")
    organization.name = "Unsaved"

    assert snapshot(organization)["name"] == "Stored"
    Organization.objects.filter(pk=organization.pk).delete()
    assert snapshot(organization) is None


def test_unused_value_is_the_first_value_the_scope_has_not_taken() -> None:
    organization, elsewhere = OrganizationFactory(), OrganizationFactory()
    MembershipFactory(organization=organization, role=Role.MEMBER)
    MembershipFactory(organization=elsewhere, role=Role.ADMIN)
    roles = [Role.MEMBER, Role.ADMIN, Role.OWNER]

    assert unused_value(Membership, "role", roles, {"organization": organization}) == Role.ADMIN
    assert unused_value(Membership, "role", roles, {"organization": elsewhere}) == Role.MEMBER


def test_unused_value_counts_a_value_taken_in_any_scope_and_falls_back_to_the_first() -> None:
    organization, elsewhere = OrganizationFactory(), OrganizationFactory()
    MembershipFactory(organization=organization, role=Role.MEMBER)
    MembershipFactory(organization=elsewhere, role=Role.ADMIN)
    scopes = ({"organization": organization}, {"organization": elsewhere})

    assert unused_value(Membership, "role", [Role.MEMBER, Role.ADMIN], *scopes) == Role.MEMBER
    assert unused_value(Membership, "role", [Role.MEMBER, Role.ADMIN, Role.OWNER], *scopes) == (
        Role.OWNER
    )


def test_unused_value_finds_nothing_taken_in_the_scope_of_an_unsaved_row() -> None:
    MembershipFactory(role=Role.MEMBER)
    unsaved = OrganizationFactory.build()

    assert unused_value(Membership, "role", [Role.MEMBER], {"organization": unsaved}) == (
        Role.MEMBER
    )


def test_row_in_scope_reuses_the_scopes_row_and_makes_one_where_there_is_none() -> None:
    organization, elsewhere = OrganizationFactory(), OrganizationFactory()
    first = MembershipFactory(organization=organization)
    MembershipFactory(organization=organization)

    assert row_in_scope(MembershipFactory, organization=organization) == first
    made = row_in_scope(MembershipFactory, organization=elsewhere)
    assert made.organization == elsewhere
    assert Membership.objects.filter(organization=elsewhere).count() == 1
