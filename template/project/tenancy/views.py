"""The organizations API: the caller's organizations, one organization, and its members."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from core.permissions import signed_in_user
from core.viewsets import OrganizationViewSet
from core.viewsets import OwnerViewSet
from tenancy.filters import MemberFilter
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.permissions import MemberAccess
from tenancy.permissions import OrganizationAccess
from tenancy.permissions import OrganizationListAccess
from tenancy.selectors import membership_list
from tenancy.selectors import organization_get_for_user
from tenancy.selectors import organization_list_for_user
from tenancy.serializers import MemberCreateInputSerializer
from tenancy.serializers import MemberOutputSerializer
from tenancy.serializers import MemberUpdateInputSerializer
from tenancy.serializers import OrganizationCreateInputSerializer
from tenancy.serializers import OrganizationOutputSerializer
from tenancy.serializers import OrganizationUpdateInputSerializer
from tenancy.services import membership_add
from tenancy.services import membership_change_role
from tenancy.services import membership_leave
from tenancy.services import membership_remove
from tenancy.services import organization_create
from tenancy.services import organization_delete
from tenancy.services import organization_update


class OrganizationListViewSet(OwnerViewSet):
    """The caller's organizations, and new ones."""

    permission_classes = [OrganizationListAccess]
    schema_tag = "organizations"
    # Nothing to filter, search or sort on but what the list already shows.
    filter_backends = []

    def get_queryset(self) -> QuerySet[Organization]:
        """The caller's organizations."""
        if getattr(self, "swagger_fake_view", False):
            return Organization.objects.none()  # building the schema: only the model is read
        return organization_list_for_user(user=signed_in_user(self.request))

    @extend_schema(responses={200: OrganizationOutputSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """List the organizations the caller belongs to, with the caller's role in each."""
        page = self.paginate_queryset(self.get_queryset())
        data = OrganizationOutputSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        request=OrganizationCreateInputSerializer, responses={201: OrganizationOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Create an organization; the caller becomes its owner."""
        serializer = OrganizationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        caller = signed_in_user(request)
        organization = organization_create(owner=caller, **serializer.validated_data)
        organization = organization_get_for_user(user=caller, organization=organization)
        data = OrganizationOutputSerializer(organization).data
        return Response(data, status=status.HTTP_201_CREATED)


class OrganizationDetailViewSet(OrganizationViewSet):
    """The organization named in the URL."""

    permission_classes = [OrganizationAccess]
    schema_tag = "organizations"

    def _output(self) -> Response:
        organization = organization_get_for_user(
            user=signed_in_user(self.request), organization=self.organization
        )
        return Response(OrganizationOutputSerializer(organization).data)

    @extend_schema(responses={200: OrganizationOutputSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Show the organization and the caller's role in it."""
        return self._output()

    @extend_schema(
        request=OrganizationUpdateInputSerializer, responses={200: OrganizationOutputSerializer}
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rename the organization; PATCH changes only the fields sent. The slug stays."""
        serializer = OrganizationUpdateInputSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        organization_update(organization=self.organization, data=serializer.validated_data)
        return self._output()

    @extend_schema(
        request=OrganizationUpdateInputSerializer, responses={200: OrganizationOutputSerializer}
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rename the organization."""
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the organization, its memberships and all its data in every domain."""
        organization_delete(organization=self.organization)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={204: None})
    def leave(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Leave the organization; its last owner cannot (409)."""
        membership_leave(membership=self.membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberViewSet(OrganizationViewSet):
    """Members of the organization named in the URL, and their roles."""

    permission_classes = [MemberAccess]
    filterset_class = MemberFilter
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    ordering_fields = ["user__username", "role", "created_at"]
    schema_tag = "organizations"

    def get_queryset(self) -> QuerySet[Membership]:
        return membership_list(**self.get_scope())

    @extend_schema(responses={200: MemberOutputSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """List the organization's members, one page at a time."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = MemberOutputSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(responses={200: MemberOutputSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Show one member."""
        return Response(MemberOutputSerializer(self.get_object()).data)

    @extend_schema(request=MemberCreateInputSerializer, responses={201: MemberOutputSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a user, named by username or email, with a role no higher than the caller's."""
        serializer = MemberCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = membership_add(
            actor=self.membership,
            identifier=serializer.validated_data["user"],
            role=serializer.validated_data["role"],
        )
        data = MemberOutputSerializer(membership).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MemberUpdateInputSerializer, responses={200: MemberOutputSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a member's role; the organization always keeps an owner."""
        membership = self.get_object()  # look up first: a body never hints at existence
        serializer = MemberUpdateInputSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        if "role" in serializer.validated_data:
            membership = membership_change_role(
                actor=self.membership,
                membership=membership,
                role=serializer.validated_data["role"],
            )
        return Response(MemberOutputSerializer(membership).data)

    @extend_schema(request=MemberUpdateInputSerializer, responses={200: MemberOutputSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a member's role."""
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove a member whose role is not above the caller's; the last owner stays."""
        membership_remove(actor=self.membership, membership=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
