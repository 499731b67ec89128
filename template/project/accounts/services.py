"""Writes of accounts: the caller's profile, and API tokens (issue, rotate, revoke)."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from accounts.models import User
from accounts.selectors import token_list
from core.exceptions import ApplicationError
from core.services import model_save
from core.services import model_update

# What a user may change on their own account through /api/me/: never username, email (it
# identifies people to the organizations that add them, and is unverified), password, or any
# flag (is_staff, is_superuser, is_active).
USER_SELF_EDITABLE_FIELDS = ("first_name", "last_name")


def user_create(
    *, username: str, email: str = "", password: str | None = None, is_staff: bool = False
) -> User:
    """Create a user; without a password it can only sign in with a token made for it."""
    user = User(username=username, email=email, is_staff=is_staff)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    return model_save(instance=user)


def user_update_self(*, user: User, data: Mapping[str, Any]) -> User:
    """Change the whitelisted fields of the caller's own account."""
    user, _ = model_update(instance=user, fields=USER_SELF_EDITABLE_FIELDS, data=data)
    return user


@transaction.atomic
def token_create(*, user: User) -> tuple[AuthToken, str]:
    """Issue a token that expires after REST_KNOX["TOKEN_TTL"]; returns it and its secret.

    Only the hash is stored. Expired tokens are deleted; beyond ACCOUNTS_MAX_TOKENS_PER_USER
    (one per device) the oldest ones are revoked.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issuer at a time
    token_list(user=user).filter(expiry__lt=timezone.now()).delete()
    digests = list(token_list(user=user).values_list("digest", flat=True))
    keep = max(settings.ACCOUNTS_MAX_TOKENS_PER_USER - 1, 0)
    if len(digests) > keep:
        AuthToken.objects.filter(digest__in=digests[: len(digests) - keep]).delete()
    created: tuple[AuthToken, str] = AuthToken.objects.create(user=user)
    return created


@transaction.atomic
def token_rotate(*, token: AuthToken) -> tuple[AuthToken, str]:
    """Replace a token with a new one (a fresh lifetime); the old one stops working at once."""
    deleted, _ = AuthToken.objects.filter(digest=token.digest).delete()
    if not deleted:
        # Revoked by a concurrent request: rotating it must not mint a token anyway.
        raise ApplicationError("Invalid token.", code="authentication_failed", status_code=401)
    created: tuple[AuthToken, str] = AuthToken.objects.create(user=token.user)
    return created


def token_revoke(*, token: AuthToken) -> None:
    """Revoke one token (sign out one device)."""
    AuthToken.objects.filter(digest=token.digest).delete()


def token_revoke_all(*, user: User) -> int:
    """Revoke every token of the user (sign out everywhere); returns how many there were."""
    deleted, _ = token_list(user=user).delete()
    return deleted
