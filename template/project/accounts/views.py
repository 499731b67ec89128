"""The accounts API: sign in for a token, rotate or revoke it, read and change one's profile."""

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth import logout as session_logout
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.viewsets import GenericViewSet

from accounts.permissions import MeAccess
from accounts.permissions import TokenAccess
from accounts.serializers import MeOutputSerializer
from accounts.serializers import MeUpdateInputSerializer
from accounts.serializers import TokenCreateInputSerializer
from accounts.serializers import TokenOutputSerializer
from accounts.services import token_create
from accounts.services import token_revoke
from accounts.services import token_revoke_all
from accounts.services import token_rotate
from accounts.services import user_update_self
from core.exceptions import ApplicationError
from core.permissions import signed_in_user

INVALID_CREDENTIALS = "Unable to log in with provided credentials."


def _token_response(token: AuthToken, secret: str) -> Response:
    return Response(TokenOutputSerializer({"token": secret, "expiry": token.expiry}).data)


class LoginViewSet(GenericViewSet):
    """Exchange a username and password for an API token."""

    # No authentication: credentials are what this view checks. Throttled against guessing.
    authentication_classes = []
    permission_classes = [TokenAccess]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"
    schema_conflicts = False

    @extend_schema(request=TokenCreateInputSerializer, responses={200: TokenOutputSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Sign in: a new token for this device, valid until its `expiry`."""
        serializer = TokenCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, **serializer.validated_data)
        if user is None:  # wrong credentials and deactivated users alike
            raise ValidationError({"non_field_errors": [INVALID_CREDENTIALS]})
        return _token_response(*token_create(user=user))


class TokenViewSet(GenericViewSet):
    """The caller's own tokens: rotate the one in use, or revoke it or all of them."""

    permission_classes = [TokenAccess]
    schema_conflicts = False

    @extend_schema(request=None, responses={200: TokenOutputSerializer})
    def refresh(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rotate the token in use: a new one with a fresh lifetime; the old one stops working."""
        if not isinstance(request.auth, AuthToken):
            raise ApplicationError("Only a token can be refreshed; sign in for one.")
        return _token_response(*token_rotate(token=request.auth))

    @extend_schema(request=None, responses={204: None})
    def logout(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Sign out: revoke the token in use (or end the session)."""
        if isinstance(request.auth, AuthToken):
            token_revoke(token=request.auth)
        else:
            session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={204: None})
    def logout_all(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Sign out everywhere: revoke every token of the caller."""
        token_revoke_all(user=signed_in_user(request))
        session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeViewSet(GenericViewSet):
    """The caller's own account."""

    permission_classes = [MeAccess]
    schema_conflicts = False

    @extend_schema(responses={200: MeOutputSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Show the caller's account."""
        return Response(MeOutputSerializer(request.user).data)

    @extend_schema(request=MeUpdateInputSerializer, responses={200: MeOutputSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the caller's name; other fields of the account are not theirs to set."""
        serializer = MeUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = user_update_self(user=signed_in_user(request), data=serializer.validated_data)
        return Response(MeOutputSerializer(user).data)
