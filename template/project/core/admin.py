"""Admin base classes for rows that belong to an organization or to a user."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import ForeignKey
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from accounts.models import User
from tenancy.models import Organization
from tenancy.roles import Role


def organizations_administered_by(user: Any) -> QuerySet[Organization]:
    """The organizations in which the user is an admin or the owner."""
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=(Role.ADMIN, Role.OWNER)
    )


class UnscopedAdmin(admin.ModelAdmin):
    """Admin of rows that belong to no one: reference data every staff member may manage."""

    # URLs typed without a scheme are https (Django 6 default; silences its 5.x warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class OrganizationScopedAdmin(UnscopedAdmin):
    """Superusers see every row; other staff only rows of organizations they administer.

    `scope_lookup` is the ORM path from the model to its organization, e.g.
    "invoice__organization" for invoice lines.
    """

    scope_lookup = "organization"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Rows the staff member may manage."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.scope_lookup}__in": organizations_administered_by(request.user)}
        )

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        """Offer only the organizations the staff member administers, and their rows."""
        if db_field.name == self.scope_lookup and not request.user.is_superuser:
            kwargs["queryset"] = organizations_administered_by(request.user)
        else:
            limit_to_managed_rows(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OwnerScopedAdmin(UnscopedAdmin):
    """Superusers see every row; other staff only their own.

    `scope_lookup` is the ORM path from the model to its owner, e.g. "list__owner".
    """

    scope_lookup = "owner"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Rows the staff member may manage."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.scope_lookup: request.user})

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        """Offer only the staff member as owner, and their own rows."""
        if db_field.name == self.scope_lookup and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(pk=request.user.pk)
        else:
            limit_to_managed_rows(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def limit_to_managed_rows(
    model_admin: admin.ModelAdmin, db_field: ForeignKey, request: HttpRequest, kwargs: Any
) -> None:
    """Scope a foreign key's choices (raw-id inputs included) like the target's own admin.

    Without this, staff could type the id of another organization's row into a raw-id field.
    """
    if request.user.is_superuser:
        return
    try:
        target_admin = model_admin.admin_site.get_model_admin(db_field.remote_field.model)
    except admin.sites.NotRegistered:
        return
    if isinstance(target_admin, OrganizationScopedAdmin | OwnerScopedAdmin):
        kwargs["queryset"] = target_admin.get_queryset(request)
