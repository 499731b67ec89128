"""System checks for settings that must come from the environment in production."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Error
from django.core.checks import Tags
from django.core.checks import register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def check_secret_key_is_set(**kwargs: Any) -> list[CheckMessage]:
    """`check --deploy` fails, naming the variable, when DJANGO_SECRET_KEY is missing."""
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises when it is empty
    except ImproperlyConfigured:
        pass
    else:
        return []
    return [
        Error(
            "DJANGO_SECRET_KEY is not set.",
            hint="Set it to a long random value, e.g. python -c "
            "'import secrets; print(secrets.token_urlsafe(64))'.",
            id="core.E001",
        )
    ]
