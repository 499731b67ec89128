"""One ModelViewSet per model, scoped to the organization in the URL, filters as generated."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.filters import SearchFilter
from rest_framework.permissions import BasePermission
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request

from api_benchmark.baseline.serializers import InvoiceListSerializer
from api_benchmark.baseline.serializers import InvoiceSerializer
from billing.models import Customer
from billing.models import Invoice
from tenancy.models import Membership


class IsOrganizationMember(BasePermission):
    """The caller is a member of the organization in the URL; others get a 404."""

    def has_permission(self, request: Request, view: viewsets.GenericViewSet) -> bool:
        try:
            membership = Membership.objects.select_related("organization").get(
                user=request.user, organization__slug=view.kwargs["organization_slug"]
            )
        except Membership.DoesNotExist:
            raise NotFound from None
        request.organization = membership.organization
        request.membership = membership
        return True


def organization_customers(request: Request) -> QuerySet[Customer]:
    return Customer.objects.filter(organization=request.organization)


class InvoiceFilter(filters.FilterSet):
    customer = filters.ModelChoiceFilter(queryset=organization_customers)

    class Meta:
        model = Invoice
        fields = {
            "status": ["exact"],
            "issued_on": ["exact", "gte", "lte"],
            "due_on": ["exact", "gte", "lte"],
        }


class InvoiceViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated, IsOrganizationMember]
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_class = InvoiceFilter
    search_fields = ["number", "customer__name"]
    ordering_fields = ["number", "amount", "issued_on", "due_on"]

    def get_queryset(self) -> QuerySet[Invoice]:
        return Invoice.objects.filter(organization=self.request.organization).select_related(
            "customer"
        )

    def get_serializer_class(self) -> type[InvoiceSerializer | InvoiceListSerializer]:
        return InvoiceListSerializer if self.action == "list" else InvoiceSerializer

    def perform_create(self, serializer: InvoiceSerializer) -> None:
        serializer.save(organization=self.request.organization)
