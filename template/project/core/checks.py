"""System checks: settings that must come from the environment, and declared row scopes."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import CheckMessage
from django.core.checks import Error
from django.core.checks import Tags
from django.core.checks import register
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ImproperlyConfigured

from core.scoping import ORGANIZATION
from core.scoping import scope_kind
from core.scoping import scope_lookup


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


@register(Tags.models)
def check_scoped_relations(**kwargs: Any) -> list[CheckMessage]:
    """Every foreign key a model lists in SCOPED_RELATIONS can be checked (see core.scoping)."""
    errors: list[CheckMessage] = []
    for model in apps.get_models():
        for name in getattr(model, "SCOPED_RELATIONS", ()):
            problem = scoped_relation_problem(model, name)
            if problem:
                errors.append(Error(f"{model._meta.label}.{name}: {problem}", id="core.E002"))
    return errors


def scoped_relation_problem(model: Any, name: str) -> str | None:
    """What keeps `model.name` from being checked by core.scoping, or None."""
    try:
        lookup = scope_lookup(model)
        field = model._meta.get_field(name)
    except (ImproperlyConfigured, FieldDoesNotExist) as exc:
        return str(exc)
    if lookup is None:
        return "an unscoped model has no scope to keep its foreign keys in."
    if not (field.many_to_one and field.related_model):
        return "SCOPED_RELATIONS names foreign keys only."
    target = field.related_model
    if target is get_user_model():
        if scope_kind(lookup) != ORGANIZATION:
            return "only rows of an organization may require users to be members."
        return None
    try:
        target_lookup = scope_lookup(target)
    except ImproperlyConfigured as exc:
        return str(exc)
    if target_lookup is not None and scope_kind(target_lookup) != scope_kind(lookup):
        return f"points at {target._meta.label}, which has another kind of scope."
    return None
