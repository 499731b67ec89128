"""Configuration of the core app."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    """Shared building blocks; registers the system checks and the OpenAPI extensions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        """Register system checks and OpenAPI extensions."""
        from core import checks  # noqa: F401 - registers on import
        from core import openapi  # noqa: F401 - registers on import


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the project's site (core.admin.AdminSite)."""

    default = False  # "core" alone still means CoreConfig
    default_site = "core.admin.AdminSite"
