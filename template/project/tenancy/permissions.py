"""Who may call the tenancy views: one role per action, anything else is denied."""

from core.permissions import AUTHENTICATED
from core.permissions import ActionRolePermission


class OrganizationListAccess(ActionRolePermission):
    """Any signed-in user may list their organizations and create new ones."""

    roles = {"list": AUTHENTICATED, "create": AUTHENTICATED}


class OrganizationAccess(ActionRolePermission):
    """Members see their organization and may leave it; its owners rename or delete it."""

    roles = {
        "retrieve": "member",
        "update": "owner",
        "partial_update": "owner",  # PATCH
        "destroy": "owner",
        "leave": "member",
    }


class MemberAccess(ActionRolePermission):
    """Members see each other; admins add and remove members; owners change roles."""

    roles = {
        "list": "member",
        "retrieve": "member",
        "create": "admin",
        "update": "owner",
        "partial_update": "owner",  # PATCH
        "destroy": "admin",
    }
