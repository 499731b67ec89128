"""Scoped admin classes: superusers see every row, other staff only what is theirs."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from core.admin import OrganizationScopedAdmin
from core.admin import OwnerScopedAdmin
from tenancy.models import Membership
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_by(user) -> object:
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def visible(model_admin: admin.ModelAdmin, user) -> set[Membership]:
    return set(model_admin.get_queryset(request_by(user)))


def test_superuser_sees_every_organizations_rows(
    principals, organization, other_organization
) -> None:
    model_admin = OrganizationScopedAdmin(Membership, admin.site)

    assert visible(model_admin, principals["staff"]) == {
        *organization.memberships.all(),
        *other_organization.memberships.all(),
    }


def test_staff_see_only_rows_of_organizations_they_administer(principals, organization) -> None:
    staff_admin = principals["admin_a"]
    staff_admin.is_staff = True
    model_admin = OrganizationScopedAdmin(Membership, admin.site)

    assert visible(model_admin, staff_admin) == set(organization.memberships.all())


def test_staff_who_are_plain_members_see_nothing(principals) -> None:
    member = principals["member_a"]
    member.is_staff = True
    model_admin = OrganizationScopedAdmin(Membership, admin.site)

    assert visible(model_admin, member) == set()


def test_owner_scoped_staff_see_only_their_own_rows(principals) -> None:
    model_admin = OwnerScopedAdmin(Membership, admin.site)
    model_admin.scope_lookup = "user"
    member = principals["member_a"]

    assert visible(model_admin, member) == set(member.memberships.all())
    assert visible(model_admin, UserFactory(is_staff=True)) == set()
