"""Reads of organizations and memberships, always from the caller's point of view."""

from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models import Subquery

from accounts.models import User
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role


def membership_get_for_user(*, user: User, organization_slug: str) -> Membership:
    """The user's membership in the organization with this slug.

    Raises Membership.DoesNotExist when the user is not a member: to a non-member the
    organization must look exactly like one that does not exist.
    """
    return Membership.objects.select_related("organization").get(
        user=user, organization__slug=organization_slug
    )


def organization_list_for_user(*, user: User) -> QuerySet[Organization]:
    """The organizations the user belongs to, each annotated with the user's `role`."""
    role = Membership.objects.filter(user=user, organization=OuterRef("pk")).values("role")
    return (
        Organization.objects.filter(memberships__user=user)
        .annotate(role=Subquery(role[:1]))
        .order_by("name", "pk")
    )


def organization_get_for_user(*, user: User, organization: Organization) -> Organization:
    """One of the user's organizations, annotated with the user's `role`."""
    return organization_list_for_user(user=user).get(pk=organization.pk)


def organization_user_list(*, organization: Organization) -> QuerySet[User]:
    """The users who are members of the organization (to scope foreign keys to users)."""
    return User.objects.filter(memberships__organization=organization).order_by("username")


def membership_list(*, organization: Organization) -> QuerySet[Membership]:
    """The organization's memberships, with their users, by username."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__username", "pk")
    )


def owner_count(*, organization: Organization) -> int:
    """How many owners the organization has."""
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()
