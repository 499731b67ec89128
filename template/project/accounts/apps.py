"""Configuration of the accounts app."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """User accounts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
