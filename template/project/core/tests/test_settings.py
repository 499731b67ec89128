"""Production settings are secure by default; a missing secret key fails `check --deploy`."""

import importlib

import pytest
from django.core.checks import Error

from config.settings import base
from core.checks import check_secret_key_is_set


@pytest.fixture
def production_settings(monkeypatch: pytest.MonkeyPatch):
    """config.settings.base as a production process would load it."""
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "api.example.com, admin.example.com")
    yield importlib.reload(base)
    monkeypatch.undo()
    importlib.reload(base)


def test_production_is_secure_by_default(production_settings) -> None:
    assert production_settings.DEBUG is False
    assert production_settings.ALLOWED_HOSTS == ["api.example.com", "admin.example.com"]
    assert production_settings.SECURE_SSL_REDIRECT is True
    assert production_settings.SESSION_COOKIE_SECURE is True
    assert production_settings.CSRF_COOKIE_SECURE is True
    assert production_settings.SECURE_HSTS_SECONDS == 31536000


def test_api_defaults_deny(production_settings) -> None:
    api = production_settings.REST_FRAMEWORK

    assert api["DEFAULT_PERMISSION_CLASSES"] == ["rest_framework.permissions.IsAuthenticated"]
    assert api["DEFAULT_RENDERER_CLASSES"] == ["rest_framework.renderers.JSONRenderer"]
    assert api["DEFAULT_METADATA_CLASS"] is None


def test_without_a_secret_key_production_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    try:
        assert importlib.reload(base).SECRET_KEY == ""
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_missing_secret_key_fails_the_deploy_check(settings) -> None:
    settings.SECRET_KEY = ""

    assert [error.id for error in check_secret_key_is_set()] == ["core.E001"]
    assert isinstance(check_secret_key_is_set()[0], Error)


def test_present_secret_key_passes_the_deploy_check() -> None:
    assert check_secret_key_is_set() == []
