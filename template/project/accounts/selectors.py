"""Reads of users and of their API tokens."""

from django.db.models import QuerySet
from knox.models import AuthToken

from accounts.models import User


def user_find(*, identifier: str) -> User | None:
    """The active user whose username, or else whose email, is `identifier` (None if unclear).

    Usernames are unique; emails need not be, so an email shared by two users finds nobody.
    """
    by_username = User.objects.filter(username=identifier, is_active=True).first()
    if by_username is not None:
        return by_username
    by_email = list(User.objects.filter(email__iexact=identifier, is_active=True)[:2])
    return by_email[0] if len(by_email) == 1 else None


def token_list(*, user: User) -> QuerySet[AuthToken]:
    """The user's tokens, oldest first."""
    return AuthToken.objects.filter(user=user).order_by("created", "digest")
