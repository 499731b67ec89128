"""URLs of the accounts API, mounted under api/."""

from django.urls import path

from accounts.views import LoginViewSet
from accounts.views import MeViewSet
from accounts.views import TokenViewSet

urlpatterns = [
    path("auth/token/", LoginViewSet.as_view({"post": "create"}), name="auth-token"),
    path(
        "auth/token/refresh/", TokenViewSet.as_view({"post": "refresh"}), name="auth-token-refresh"
    ),
    path("auth/logout/", TokenViewSet.as_view({"post": "logout"}), name="auth-logout"),
    path("auth/logout-all/", TokenViewSet.as_view({"post": "logout_all"}), name="auth-logout-all"),
    path("me/", MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}), name="me"),
]
