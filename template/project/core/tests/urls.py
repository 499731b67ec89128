"""The project's URLs plus probe views that the core tests drive through HTTP."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from rest_framework import mixins
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from config import urls as project_urls
from core.exceptions import ConflictError
from core.exceptions import TransitionNotAllowed
from core.filters import ScopedFilterSet
from core.filters import ScopedModelChoiceFilter
from core.permissions import ActionRolePermission
from core.serializers import InputSerializer
from core.serializers import ScopedPrimaryKeyRelatedField
from core.services import model_delete
from core.viewsets import OrganizationViewSet
from tenancy.models import Membership
from tenancy.roles import Role
from tenancy.selectors import organization_user_list
from tenancy.services import membership_create

# What the probe raises, by name; texts in capitals must never reach a response.
ERRORS: dict[str, Callable[[], Exception]] = {
    "conflict": lambda: ConflictError("The invoice was changed meanwhile."),
    "transition": lambda: TransitionNotAllowed("Cannot move from 'paid' to 'sent'."),
    "integrity": lambda: IntegrityError('duplicate key violates constraint "SECRET_TABLE"'),
    "protected": lambda: ProtectedError("Cannot delete SECRET_MODEL", set()),
    "django_validation": lambda: DjangoValidationError({"name": ["Enter a name."]}),
    "http404": lambda: Http404("No SECRET_MODEL matches the given query."),
    "django_permission": lambda: PermissionDenied("SECRET_REASON"),
    "throttled": lambda: Throttled(wait=30),
    "crash": lambda: RuntimeError("SECRET_STACK"),
}


class ErrorProbeView(APIView):
    """Raise the error named in the URL."""

    authentication_classes = []
    permission_classes = []

    def get(self, request: Request, kind: str) -> Response:
        """Raise."""
        raise ERRORS[kind]()


class MembershipFilterSet(ScopedFilterSet):
    """Filter memberships by a user of the caller's organization."""

    user = ScopedModelChoiceFilter(selector=organization_user_list)

    class Meta:
        model = Membership
        fields = ("user", "role")


class MembershipInputSerializer(InputSerializer):
    """Add a user of the organization with a role."""

    user = ScopedPrimaryKeyRelatedField(selector=organization_user_list)
    role = serializers.ChoiceField(choices=Role.choices)


class MembershipOutputSerializer(serializers.Serializer):
    """A membership."""

    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    role = serializers.CharField()


class MembershipProbePermission(ActionRolePermission):
    """Members read, admins add, owners remove; nothing else."""

    roles = {
        "list": "member",
        "retrieve": "member",
        "create": "admin",
        "destroy": "owner",
    }


class MembershipProbeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganizationViewSet):
    """Memberships of the caller's organization, built only from the core pieces."""

    permission_classes = [MembershipProbePermission]
    serializer_class = MembershipOutputSerializer
    filterset_class = MembershipFilterSet

    def get_queryset(self) -> QuerySet[Membership]:
        """Memberships of the caller's organization."""
        return Membership.objects.filter(organization=self.organization).order_by("pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a membership."""
        serializer = MembershipInputSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        membership = membership_create(organization=self.organization, **serializer.validated_data)
        return Response(MembershipOutputSerializer(membership).data, status=201)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove a membership."""
        model_delete(instance=self.get_object())
        return Response(status=204)


router = SimpleRouter()
router.register(
    r"probe/orgs/(?P<organization_slug>[^/]+)/memberships",
    MembershipProbeViewSet,
    basename="probe-membership",
)

urlpatterns = [
    *project_urls.urlpatterns,
    path("probe/errors/<str:kind>/", ErrorProbeView.as_view()),
    *router.urls,
]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
