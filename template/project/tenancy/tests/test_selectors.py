"""Reads of organizations and memberships from the caller's point of view."""

import pytest

from tenancy.models import Membership
from tenancy.selectors import membership_get_for_user
from tenancy.selectors import organization_list_for_user
from tenancy.selectors import organization_user_list

pytestmark = pytest.mark.django_db


def test_member_gets_their_membership(principals, organization) -> None:
    membership = membership_get_for_user(user=principals["admin_a"], organization_slug="org-a")

    assert membership.organization == organization
    assert membership.role == "admin"


@pytest.mark.parametrize(
    ("principal", "slug"), [("member_b", "org-a"), ("staff", "org-a"), ("member_a", "missing")]
)
def test_non_member_and_missing_organization_look_the_same(principals, principal, slug) -> None:
    with pytest.raises(Membership.DoesNotExist):
        membership_get_for_user(user=principals[principal], organization_slug=slug)


def test_organization_list_has_the_callers_organizations_and_role(principals) -> None:
    organizations = organization_list_for_user(user=principals["owner_b"])

    assert [(org.slug, org.role) for org in organizations] == [("org-b", "owner")]


def test_organization_users_are_its_members(principals, organization) -> None:
    assert set(organization_user_list(organization=organization)) == {
        principals["member_a"],
        principals["admin_a"],
        principals["owner_a"],
    }
