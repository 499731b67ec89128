"""ActionRolePermission: each action needs the role it names; unnamed actions are denied."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.views import APIView

from core.permissions import ActionRolePermission
from tenancy.roles import Role
from tenancy.roles import role_at_least


class NotePermission(ActionRolePermission):
    roles = {
        "list": "public",
        "retrieve": "authenticated",
        "moderate": "staff",
        "update": "member",
        "create": "admin",
        "destroy": "owner",
        "misspelled": "ownr",
    }


def allowed(action: str | None, user: object, membership_role: str | None = None) -> bool:
    membership = SimpleNamespace(role=membership_role) if membership_role else None
    view = SimpleNamespace(action=action, membership=membership)
    request = SimpleNamespace(user=user)
    return NotePermission().has_permission(request, view)


member = SimpleNamespace(is_authenticated=True, is_staff=False)
staff = SimpleNamespace(is_authenticated=True, is_staff=True)
anonymous = AnonymousUser()


def test_public_action_is_open_to_anyone() -> None:
    assert allowed("list", anonymous)


def test_authenticated_action_needs_a_signed_in_caller() -> None:
    assert allowed("retrieve", member)
    assert not allowed("retrieve", anonymous)


def test_staff_action_needs_staff() -> None:
    assert allowed("moderate", staff)
    assert not allowed("moderate", member)


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        ("update", Role.MEMBER, True),
        ("create", Role.MEMBER, False),
        ("create", Role.ADMIN, True),
        ("create", Role.OWNER, True),
        ("destroy", Role.ADMIN, False),
        ("destroy", Role.OWNER, True),
    ],
)
def test_organization_actions_need_the_role_or_a_higher_one(
    action: str, role: str, expected: bool
) -> None:
    assert allowed(action, member, membership_role=role) is expected


def test_organization_action_without_a_membership_is_denied() -> None:
    assert not allowed("update", staff)


def test_action_missing_from_roles_is_denied() -> None:
    assert not allowed("partial_update", staff, membership_role=Role.OWNER)


def test_unknown_role_name_grants_nothing() -> None:
    assert not allowed("misspelled", staff, membership_role=Role.OWNER)


@pytest.mark.parametrize("action", [None, "metadata"])
def test_methods_the_view_does_not_offer_are_left_to_answer_405(action: str | None) -> None:
    assert allowed(action, anonymous)


def test_views_that_are_not_viewsets_are_denied() -> None:
    request = SimpleNamespace(user=staff)

    assert not NotePermission().has_permission(request, APIView())


def test_roles_rank_owner_over_admin_over_member() -> None:
    assert role_at_least(Role.OWNER, Role.ADMIN)
    assert role_at_least(Role.ADMIN, Role.MEMBER)
    assert not role_at_least(Role.MEMBER, Role.ADMIN)
    assert not role_at_least("guest", Role.MEMBER)
