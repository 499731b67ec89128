"""Base ViewSets that resolve the caller's scope once, before any role is checked."""

from typing import Any

from rest_framework.exceptions import NotAuthenticated
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.viewsets import GenericViewSet

from core.permissions import ActionRolePermission
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.selectors import membership_get_for_user


class ScopedViewSet(GenericViewSet):
    """A ViewSet whose serializers and filters receive the caller's scope."""

    # Deny every action until a subclass names its roles (an ActionRolePermission subclass).
    permission_classes = [ActionRolePermission]

    def get_scope(self) -> dict[str, Any]:
        """What the caller may see, as keyword arguments for selectors."""
        raise NotImplementedError

    def get_serializer_context(self) -> dict[str, Any]:
        """Add the scope, which scoped related fields read."""
        return {**super().get_serializer_context(), "scope": self.get_scope()}


class OrganizationViewSet(ScopedViewSet):
    """Views under `orgs/<organization_slug>/`: only the organization's members see anything.

    Order of answers: anonymous -> 401; not a member (staff included) -> 404, exactly as if the
    organization did not exist; a member whose role is too low -> 403.
    """

    membership: Membership
    organization: Organization

    def check_permissions(self, request: Request) -> None:
        """Resolve the caller's membership, then check the action's role."""
        if not request.user or not request.user.is_authenticated:
            raise NotAuthenticated
        try:
            self.membership = membership_get_for_user(
                user=request.user, organization_slug=self.kwargs["organization_slug"]
            )
        except Membership.DoesNotExist:
            raise NotFound from None
        self.organization = self.membership.organization
        super().check_permissions(request)

    def get_scope(self) -> dict[str, Any]:
        """The caller's organization."""
        if getattr(self, "swagger_fake_view", False):
            return {"organization": None}  # building the schema: only the model is read
        return {"organization": self.organization}


class OwnerViewSet(ScopedViewSet):
    """Views of the caller's own rows; anonymous callers get 401."""

    def check_permissions(self, request: Request) -> None:
        """Require a signed-in caller, then check the action's role."""
        if not request.user or not request.user.is_authenticated:
            raise NotAuthenticated
        super().check_permissions(request)

    def get_scope(self) -> dict[str, Any]:
        """The caller."""
        if getattr(self, "swagger_fake_view", False):
            return {"owner": None}  # building the schema: only the model is read
        return {"owner": self.request.user}


class UnscopedViewSet(ScopedViewSet):
    """Views of rows that belong to nobody in particular; roles may even be "public"."""

    def get_scope(self) -> dict[str, Any]:
        """No restriction."""
        return {}
