"""URLs of the tenancy API, mounted under api/."""

from rest_framework.routers import SimpleRouter

from tenancy.views import OrganizationListViewSet

router = SimpleRouter()
router.register("orgs", OrganizationListViewSet, basename="organization")

urlpatterns = router.urls
