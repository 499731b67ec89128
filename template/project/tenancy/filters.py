"""Query-string filters of the members list."""

from core.filters import ScopedFilterSet
from tenancy.models import Membership


class MemberFilter(ScopedFilterSet):
    """Filter members by role."""

    class Meta:
        model = Membership
        fields = {"role": ["exact"]}
