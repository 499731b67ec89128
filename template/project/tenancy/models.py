"""Organizations (the tenants) and the memberships that give users a role in them."""

from django.conf import settings
from django.db import models

from tenancy.roles import Role


class Organization(models.Model):
    """A tenant: the data of domain apps belongs to exactly one organization."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, help_text="Identifies the organization in URLs.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("user", "organization"),
                name="tenancy_membership_user_organization_unique",
            ),
        )
        ordering = ("organization", "user")

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"
