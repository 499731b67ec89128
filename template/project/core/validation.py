"""Model validation that names the field each broken constraint belongs to."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import BaseConstraint
from django.db.models import CheckConstraint
from django.db.models import F
from django.db.models import Field
from django.db.models import Model
from django.db.models import Q
from django.db.models import UniqueConstraint
from django.db.models.constants import LOOKUP_SEP

# Fields that scope a row to its tenant or owner: a clash "in this organization" is a clash on
# the other field, and naming the scope field would tell the caller nothing they can fix.
SCOPE_FIELDS = frozenset({"organization", "owner"})
# A clash names no model (Django's "Invoice with this Number already exists." would), only the
# fields the caller sent: error bodies never name models.
UNIQUE_MESSAGE = "This value is already in use."
UNIQUE_TOGETHER_MESSAGE = "This combination of {fields} is already in use."
UNIQUE_CODES = frozenset({"unique", "unique_together"})


def model_validate(instance: Model) -> None:
    """Run full_clean(), then every Meta constraint, raising one ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {
            name: [
                UNIQUE_MESSAGE if error.code in UNIQUE_CODES else message
                for error in errors_of_field
                for message in error.messages
            ]
            for name, errors_of_field in exc.error_dict.items()
        }
    # Like Django, skip constraints on fields that are already invalid.
    exclude = {name for name in errors if name != NON_FIELD_ERRORS}
    using = router.db_for_write(type(instance), instance=instance)
    for model, constraints in instance.get_constraints():
        for constraint in constraints:
            try:
                constraint.validate(model, instance, exclude=exclude, using=using)
            except ValidationError as exc:
                name = constraint_field(constraint)
                errors.setdefault(name, []).extend(_constraint_messages(instance, constraint, exc))
    if errors:
        raise ValidationError(errors)


def described(error: ValidationError) -> str:
    """One line for a terminal: "slug: This value is already in use." (messages name no model,
    so the field says what clashed)."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


def constraint_field(constraint: BaseConstraint) -> str:
    """The field a constraint's error belongs to (NON_FIELD_ERRORS when it names none).

    UniqueConstraint: its last field that is not a scope field; CheckConstraint: the first field
    its condition names.
    """
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        # The last field: scopes and parents come first, e.g. (organization, number) or
        # (invoice, position), and the clash is on what follows them.
        return _unscoped_fields(constraint.fields, SCOPE_FIELDS)[-1]
    if isinstance(constraint, CheckConstraint):
        name = _first_field(constraint.condition)
        if name is not None:
            return name
    return NON_FIELD_ERRORS


def _unscoped_fields(fields: Sequence[str], scope: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in fields if name not in scope) or tuple(fields)


def _scope_fields(model: type[Model]) -> frozenset[str]:
    """The organization or owner, and the parent a row is scoped through (its SCOPE_LOOKUP)."""
    lookup = getattr(model, "SCOPE_LOOKUP", None)
    parent = {lookup.split(LOOKUP_SEP, 1)[0]} if lookup else set()
    return SCOPE_FIELDS | parent


def unique_message(model: type[Model], fields: Sequence[str]) -> str:
    """What a clash on ``fields`` answers, the scope left out: it is not the caller's to fix."""
    named = _unscoped_fields(fields, _scope_fields(model))
    if len(named) == 1:
        return UNIQUE_MESSAGE
    labels = [_label(model, name) for name in named]
    return UNIQUE_TOGETHER_MESSAGE.format(fields=", ".join(labels[:-1]) + " and " + labels[-1])


def _label(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name


def _constraint_messages(
    instance: Model, constraint: BaseConstraint, exc: ValidationError
) -> list[str]:
    if (
        isinstance(constraint, UniqueConstraint)
        and constraint.fields
        and exc.error_list[0].code in UNIQUE_CODES
    ):
        return [unique_message(type(instance), constraint.fields)]
    return list(exc.messages)


def _first_field(node: Any) -> str | None:
    """The first field a condition names: Q(due_on__gte=F("issued_on")) -> "due_on"."""
    if isinstance(node, Q):
        children = node.children
    elif isinstance(node, tuple):
        return str(node[0]).split(LOOKUP_SEP, 1)[0]
    elif isinstance(node, F):
        referenced: str = node.name  # type: ignore[attr-defined]  # django-stubs omit F.name
        return referenced.split(LOOKUP_SEP, 1)[0]
    elif hasattr(node, "get_source_expressions"):
        children = node.get_source_expressions()
    else:
        return None
    for child in children:
        name = _first_field(child)
        if name is not None:
            return name
    return None
