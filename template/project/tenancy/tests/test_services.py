"""Creating organizations and memberships."""

import pytest
from django.core.exceptions import ValidationError

from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.services import membership_create
from tenancy.services import organization_create
from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_organization_is_created_with_its_owner() -> None:
    owner = UserFactory()

    organization = organization_create(name="Acme", slug="acme", owner=owner)

    assert Membership.objects.get(organization=organization).user == owner
    assert Membership.objects.get(organization=organization).role == Role.OWNER


def test_taken_slug_creates_nothing() -> None:
    OrganizationFactory(slug="acme")

    with pytest.raises(ValidationError) as caught:
        organization_create(name="Acme", slug="acme", owner=UserFactory())

    assert caught.value.message_dict == {"slug": ["This value is already in use."]}
    assert Organization.objects.count() == 1


def test_a_user_has_one_membership_per_organization(principals, organization) -> None:
    with pytest.raises(ValidationError) as caught:
        membership_create(organization=organization, user=principals["member_a"], role=Role.ADMIN)

    assert caught.value.message_dict == {"user": ["This value is already in use."]}


def test_unknown_role_is_refused(organization) -> None:
    with pytest.raises(ValidationError) as caught:
        membership_create(organization=organization, user=UserFactory(), role="guest")

    assert list(caught.value.message_dict) == ["role"]
