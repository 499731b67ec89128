"""Writes of organizations and memberships, keeping every organization with an owner.

Every change of membership locks the organization's row first, so concurrent changes of one
organization happen one after the other and each sees the others' result: two owners demoting
each other, or both leaving, can never leave the organization without an owner.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.models import User
from accounts.selectors import user_find
from core.exceptions import ApplicationError
from core.exceptions import ConflictError
from core.services import model_delete
from core.services import model_save
from core.services import model_update
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.roles import role_at_least
from tenancy.selectors import owner_count

LAST_OWNER = "An organization needs at least one owner; make someone else owner first."
ABOVE_OWN_ROLE = "You cannot give a role above your own."
OUTRANKED = "You cannot change or remove a member whose role is above yours."
NO_SUCH_USER = "No active user has this username or email."
ALREADY_MEMBER = "This user is already a member."

ORGANIZATION_EDITABLE_FIELDS = ("name",)


class RoleTooLow(ApplicationError):
    """The caller's role does not allow this change."""

    status_code = 403
    default_code = "permission_denied"


@transaction.atomic
def organization_create(*, name: str, slug: str, owner: User) -> Organization:
    """Create an organization and make `owner` its owner, together or not at all."""
    organization = model_save(instance=Organization(name=name, slug=slug))
    membership_create(organization=organization, user=owner, role=Role.OWNER)
    return organization


def organization_update(*, organization: Organization, data: Mapping[str, Any]) -> Organization:
    """Rename an organization (its slug, which URLs use, stays)."""
    organization, _ = model_update(
        instance=organization, fields=ORGANIZATION_EDITABLE_FIELDS, data=data
    )
    return organization


def organization_delete(*, organization: Organization) -> None:
    """Delete an organization with its memberships and every row of it in every domain.

    Domain rows reference their organization with on_delete=CASCADE; a row that another row
    protects outside the organization stops the deletion (409), and nothing is deleted.
    """
    model_delete(instance=organization)


def membership_create(*, organization: Organization, user: User, role: str) -> Membership:
    """Give a user a role in an organization (no checks of who asks: see membership_add)."""
    return model_save(instance=Membership(organization=organization, user=user, role=role))


@transaction.atomic
def membership_add(*, actor: Membership, identifier: str, role: str) -> Membership:
    """Add the user with this username or email to the actor's organization.

    Nobody grants a role above their own: an admin adds members and admins, an owner anyone.
    """
    actor = _lock(actor)
    if not role_at_least(actor.role, role):
        raise RoleTooLow(ABOVE_OWN_ROLE)
    user = user_find(identifier=identifier)
    if user is None:
        raise ApplicationError(NO_SUCH_USER, fields={"user": [NO_SUCH_USER]})
    if Membership.objects.filter(organization=actor.organization, user=user).exists():
        raise ApplicationError(ALREADY_MEMBER, fields={"user": [ALREADY_MEMBER]})
    return membership_create(organization=actor.organization, user=user, role=role)


@transaction.atomic
def membership_change_role(*, actor: Membership, membership: Membership, role: str) -> Membership:
    """Change a member's role: within the actor's own rank, never leaving no owner."""
    actor = _lock(actor)
    membership = _current(membership)
    if not (role_at_least(actor.role, role) and role_at_least(actor.role, membership.role)):
        raise RoleTooLow(ABOVE_OWN_ROLE if not role_at_least(actor.role, role) else OUTRANKED)
    if membership.role == Role.OWNER and role != Role.OWNER:
        _keep_an_owner(membership)
    membership, _ = model_update(instance=membership, fields=("role",), data={"role": role})
    return membership


@transaction.atomic
def membership_remove(*, actor: Membership, membership: Membership) -> None:
    """Remove a member whose role is not above the actor's; the last owner stays."""
    actor = _lock(actor)
    membership = _current(membership)
    if not role_at_least(actor.role, membership.role):
        raise RoleTooLow(OUTRANKED)
    if membership.role == Role.OWNER:
        _keep_an_owner(membership)
    membership.delete()


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    """Leave an organization; its last owner cannot."""
    membership = _lock(membership)
    if membership.role == Role.OWNER:
        _keep_an_owner(membership)
    membership.delete()


def _lock(membership: Membership) -> Membership:
    """Lock the organization's row, then re-read the membership as it is now.

    The caller's role may have changed since the request resolved it: decide on this one.
    """
    Organization.objects.select_for_update().filter(pk=membership.organization_id).first()
    current = _current(membership)
    current.organization = membership.organization
    return current


def _current(membership: Membership) -> Membership:
    try:
        return Membership.objects.select_related("user").get(pk=membership.pk)
    except Membership.DoesNotExist:
        # Removed by a concurrent request; to the caller it is simply not there.
        raise ApplicationError("Not found.", code="not_found", status_code=404) from None


def _keep_an_owner(membership: Membership) -> None:
    if owner_count(organization=membership.organization) <= 1:
        raise ConflictError(LAST_OWNER, code="last_owner")
