"""Who may call the tenancy views."""

from core.permissions import AUTHENTICATED
from core.permissions import ActionRolePermission


class OrganizationPermission(ActionRolePermission):
    """Any signed-in user may list the organizations they belong to."""

    roles = {"list": AUTHENTICATED}
