"""Configuration of the core app."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared building blocks; registers the project's system checks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        """Register system checks."""
        from core import checks  # noqa: F401 - registers on import
