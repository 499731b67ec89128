"""Helpers for tests (fixtures live in the root conftest.py)."""

from typing import Any

from django.db.models import Model
from django.http import HttpResponse


def error_fields(response: HttpResponse) -> dict[str, list[str]]:
    """The per-field messages of an error response; {} when it has none."""
    return response.json()["error"].get("fields", {})


def snapshot(instance: Model) -> dict[str, Any] | None:
    """The row as stored now (None once deleted), to show that a request changed nothing."""
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()
