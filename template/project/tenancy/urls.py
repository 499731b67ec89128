"""URLs of the organizations API, mounted under api/."""

from django.urls import include
from django.urls import path
from rest_framework.routers import SimpleRouter

from tenancy.views import MemberViewSet
from tenancy.views import OrganizationDetailViewSet
from tenancy.views import OrganizationListViewSet

organization_router = SimpleRouter()
organization_router.register("members", MemberViewSet, basename="member")

organization = OrganizationDetailViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)

urlpatterns = [
    path(
        "orgs/",
        OrganizationListViewSet.as_view({"get": "list", "post": "create"}),
        name="organization-list",
    ),
    path("orgs/<slug:organization_slug>/", organization, name="organization-detail"),
    path(
        "orgs/<slug:organization_slug>/leave/",
        OrganizationDetailViewSet.as_view({"post": "leave"}),
        name="organization-leave",
    ),
    path("orgs/<slug:organization_slug>/", include(organization_router.urls)),
]
