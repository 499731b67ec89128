"""Scoped filter sets offer only related rows of the caller's scope."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_filters import ModelChoiceFilter

from accounts.models import User
from core.filters import ScopedFilterSet
from core.filters import ScopedModelChoiceFilter
from tenancy.models import Membership
from tenancy.selectors import organization_user_list

pytestmark = pytest.mark.django_db


class MembershipFilterSet(ScopedFilterSet):
    user = ScopedModelChoiceFilter(selector=organization_user_list)

    class Meta:
        model = Membership
        fields = ("user",)


def test_choices_come_from_the_selector(principals, organization) -> None:
    filterset = MembershipFilterSet(
        data={}, queryset=organization.memberships.all(), scope={"organization": organization}
    )

    assert set(filterset.filters["user"].queryset) == {
        principals["member_a"],
        principals["admin_a"],
        principals["owner_a"],
    }


def test_choice_outside_the_scope_is_invalid(principals, organization) -> None:
    filterset = MembershipFilterSet(
        data={"user": principals["member_b"].pk},
        queryset=organization.memberships.all(),
        scope={"organization": organization},
    )

    assert not filterset.is_valid()
    assert list(filterset.errors) == ["user"]


def test_scoped_filter_set_without_a_scope_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured):
        MembershipFilterSet(data={}, queryset=Membership.objects.none())


def test_related_filter_generated_from_meta_fields_is_a_configuration_error() -> None:
    class LeakyFilterSet(ScopedFilterSet):
        class Meta:
            model = Membership
            fields = ("user",)  # would offer every tenant's users

    with pytest.raises(ImproperlyConfigured, match="ScopedModelChoiceFilter"):
        LeakyFilterSet(data={}, queryset=Membership.objects.none(), scope={})


def test_declared_filter_with_its_own_queryset_is_allowed(principals) -> None:
    class ReferenceFilterSet(ScopedFilterSet):
        user = ModelChoiceFilter(queryset=User.objects.filter(is_staff=True))

        class Meta:
            model = Membership
            fields = ("user",)

    filterset = ReferenceFilterSet(data={}, queryset=Membership.objects.none(), scope={})

    assert list(filterset.filters["user"].queryset) == [principals["staff"]]
