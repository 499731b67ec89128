"""Writes of organizations and memberships."""

from django.db import transaction

from accounts.models import User
from core.services import model_save
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role


@transaction.atomic
def organization_create(*, name: str, slug: str, owner: User) -> Organization:
    """Create an organization and make `owner` its owner, together or not at all."""
    organization = model_save(instance=Organization(name=name, slug=slug))
    membership_create(organization=organization, user=owner, role=Role.OWNER)
    return organization


def membership_create(*, organization: Organization, user: User, role: str) -> Membership:
    """Give a user a role in an organization."""
    return model_save(instance=Membership(organization=organization, user=user, role=role))
