"""Configuration of the tenancy app."""

from django.apps import AppConfig


class TenancyConfig(AppConfig):
    """Organizations, memberships and roles."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tenancy"
