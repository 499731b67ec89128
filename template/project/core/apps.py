"""Configuration of the core app."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared building blocks; registers the system checks and the OpenAPI extensions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        """Register system checks and OpenAPI extensions."""
        from core import checks  # noqa: F401 - registers on import
        from core import openapi  # noqa: F401 - registers on import
