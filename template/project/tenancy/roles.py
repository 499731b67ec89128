"""Organization roles and their order: owner > admin > member."""

from django.db import models


class Role(models.TextChoices):
    """A member's role in an organization."""

    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


_RANK: dict[str, int] = {Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


def role_at_least(role: str, required: str) -> bool:
    """Tell whether `role` is `required` or higher; unknown roles rank below everything."""
    return _RANK.get(role, 0) >= _RANK.get(required, len(_RANK) + 1)
