"""The caller's organizations."""

from django.db.models import QuerySet
from rest_framework import mixins

from core.viewsets import OwnerViewSet
from tenancy.models import Organization
from tenancy.permissions import OrganizationPermission
from tenancy.selectors import organization_list_for_user
from tenancy.serializers import OrganizationOutputSerializer


class OrganizationListViewSet(mixins.ListModelMixin, OwnerViewSet):
    """List the organizations the caller belongs to, with the caller's role in each."""

    permission_classes = [OrganizationPermission]
    serializer_class = OrganizationOutputSerializer
    # Nothing to filter, search or sort on but what the list already shows.
    filter_backends = []

    def get_queryset(self) -> QuerySet[Organization]:
        """The caller's organizations."""
        return organization_list_for_user(user=self.request.user)
