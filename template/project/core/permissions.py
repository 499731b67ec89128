"""Role-per-action permissions: each view action names the least role that may perform it."""

from typing import Any
from typing import ClassVar

from django.conf import settings
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from tenancy.roles import Role
from tenancy.roles import role_at_least

PUBLIC = "public"
AUTHENTICATED = "authenticated"
STAFF = "staff"


def signed_in_user(request: Request) -> User:
    """The caller, whom the view's permissions required to be signed in (else a 401)."""
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated
    return user


class ActionRolePermission(BasePermission):
    """Allow each action to the role `roles` maps it to; actions it does not list are denied.

    Roles: "public" (anyone), "authenticated", "staff", or the organization roles "member",
    "admin" and "owner", read from the membership the view resolved (`view.membership`).
    """

    roles: ClassVar[dict[str, str]] = {}
    message = "You do not have permission to perform this action."

    def has_permission(self, request: Request, view: APIView) -> bool:
        """Check the caller's role against the one the view's action requires."""
        if not hasattr(view, "action"):
            return False  # only ViewSets say which action runs
        action = view.action
        if action is None or action == "metadata":
            return True  # a method the view does not offer: let it answer 405
        required = self.roles.get(action)
        if required is None:
            return False
        return has_role(request, view, required)


def has_role(request: Request, view: Any, required: str) -> bool:
    """Tell whether the caller holds `required` (or a higher organization role)."""
    user = request.user
    if required == PUBLIC:
        return True
    if not (user and user.is_authenticated):
        return False
    if required == AUTHENTICATED:
        return True
    if required == STAFF:
        return bool(user.is_staff)
    if required in Role.values:
        membership = getattr(view, "membership", None)
        return membership is not None and role_at_least(membership.role, required)
    return False  # an unknown role name grants nothing


class SchemaAccess(BasePermission):
    """Signed-in users may read the schema and the docs; with DEBUG on, anyone may.

    The schema lists every operation and field: no secret, but no business of anonymous
    callers of a production API either. Local development (DEBUG) needs no token to browse.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        """Allow authenticated callers, and everyone in DEBUG."""
        return settings.DEBUG or bool(request.user and request.user.is_authenticated)
