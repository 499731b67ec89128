"""Who may call the accounts views."""

from core.permissions import AUTHENTICATED
from core.permissions import PUBLIC
from core.permissions import ActionRolePermission


class TokenAccess(ActionRolePermission):
    """Anyone may exchange credentials for a token; only its holder may rotate or revoke it."""

    roles = {
        "create": PUBLIC,
        "refresh": AUTHENTICATED,
        "logout": AUTHENTICATED,
        "logout_all": AUTHENTICATED,
    }


class MeAccess(ActionRolePermission):
    """Every signed-in user may read and change their own account."""

    roles = {"retrieve": AUTHENTICATED, "partial_update": AUTHENTICATED}
