"""Scope consistency: a row's foreign keys point only at rows of its own organization or owner.

Models declare where their scope is and which foreign keys must stay inside it:

    class Invoice(models.Model):
        SCOPE_LOOKUP = "organization"          # the ORM path to the scope: "invoice__organization"
        SCOPED_RELATIONS = ("customer",)       # foreign keys to scoped rows, or to users

        def clean(self) -> None:
            validate_scope(self)

`full_clean()` calls `clean()`, so every write path that validates keeps the invariant: the
services (`core.services.model_save` / `model_update`), admin forms and inlines, the shell. A
foreign key to the user model accepts only members of the row's organization. The database
cannot say this portably (composite foreign keys are not available to Django models, and rows
scoped through a parent have no organization column to compare), so raw `save()`,
`bulk_create()` and `QuerySet.update()` are trusted code, like raw SQL.

`SCOPE_LOOKUP = None` marks deliberately unscoped rows (reference data).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey
from django.db.models import Model
from django.db.models.constants import LOOKUP_SEP

from tenancy.models import Membership

# The last step of every SCOPE_LOOKUP: what a row belongs to.
ORGANIZATION = "organization"
OWNER = "owner"
KINDS = (ORGANIZATION, OWNER)

MESSAGES = {
    ORGANIZATION: "Select {target} of the same organization as this {model}.",
    OWNER: "Select {target} of the same owner as this {model}.",
}
MEMBER_MESSAGE = "Select a member of the same organization as this {model}."
MOVED_MESSAGE = "The {kind} of an existing {model} cannot change."


def scope_lookup(model: type[Model]) -> str | None:
    """The model's declared ORM path to its organization or owner (None: unscoped).

    Raises ImproperlyConfigured when the model declares nothing: a scoped foreign key must never
    silently point at a model whose scope is unknown.
    """
    try:
        lookup: str | None = model.SCOPE_LOOKUP  # type: ignore[attr-defined]
    except AttributeError:
        raise ImproperlyConfigured(
            f"{model._meta.label} declares no SCOPE_LOOKUP (None for unscoped rows)."
        ) from None
    if lookup is not None and lookup.rsplit(LOOKUP_SEP, 1)[-1] not in KINDS:
        raise ImproperlyConfigured(
            f"{model._meta.label}.SCOPE_LOOKUP must end at organization or owner, not {lookup!r}."
        )
    return lookup


def scope_kind(lookup: str) -> str:
    """ "invoice__organization" -> "organization"."""
    return lookup.rsplit(LOOKUP_SEP, 1)[-1]


def scoped_relations(model: type[Model]) -> tuple[ForeignKey, ...]:
    """The foreign keys of `model` that must point inside its scope."""
    names = getattr(model, "SCOPED_RELATIONS", ())
    return tuple(model._meta.get_field(name) for name in names)  # type: ignore[misc]


def validate_scope(instance: Model) -> None:
    """Raise a ValidationError naming each foreign key that leaves the row's scope.

    Also refuses to move an existing row to another scope: rows elsewhere that point at it were
    checked against the scope it had.
    """
    model = type(instance)
    lookup = scope_lookup(model)
    if lookup is None:
        return
    scope_id = scope_value(instance, lookup)
    if scope_id is None:
        return  # no scope yet: the missing parent or organization is reported by its field
    errors: dict[str, list[ValidationError]] = {}
    moved = _moved_field(instance, lookup, scope_id)
    if moved is not None:
        message = MOVED_MESSAGE.format(kind=scope_kind(lookup), model=model._meta.verbose_name)
        errors[moved] = [ValidationError(message, code="scope_changed")]
    for field in scoped_relations(model):
        if not _points_inside(instance, field, lookup, scope_id):
            errors.setdefault(field.name, []).append(
                ValidationError(_message(model, field, lookup), code="scope")
            )
    if errors:
        raise ValidationError(errors)


def scope_value(instance: Model, lookup: str) -> Any:
    """The id at the end of `lookup` (an organization or user id), using loaded rows first."""
    head, _, rest = lookup.partition(LOOKUP_SEP)
    field = instance._meta.get_field(head)
    if not isinstance(field, ForeignKey):
        raise ImproperlyConfigured(f"{instance._meta.label}: {lookup!r} must follow foreign keys.")
    if not rest:
        return getattr(instance, field.attname)
    if field.is_cached(instance):
        return scope_value(getattr(instance, head), rest)
    key = getattr(instance, field.attname)
    if key is None:
        return None
    related = field.related_model._base_manager
    return related.filter(pk=key).values_list(rest, flat=True).first()


def _moved_field(instance: Model, lookup: str, scope_id: Any) -> str | None:
    """The field that moved an existing row to another scope, if it did."""
    if instance._state.adding or instance.pk is None:
        return None
    model = type(instance)
    stored = model._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True).first()
    if stored is None or stored == scope_id:
        return None
    return lookup.split(LOOKUP_SEP, 1)[0]


def _points_inside(instance: Model, field: ForeignKey, lookup: str, scope_id: Any) -> bool:
    key = getattr(instance, field.attname)
    if key is None:
        return True  # nothing to compare (null, or reported as missing by the field)
    target = field.related_model
    if target is get_user_model():
        if scope_kind(lookup) != ORGANIZATION:
            raise ImproperlyConfigured(
                f"{instance._meta.label}.{field.name}: only rows of an organization may point "
                "at users through SCOPED_RELATIONS."
            )
        if Membership.objects.filter(user_id=key, organization_id=scope_id).exists():
            return True
        return not target._base_manager.filter(pk=key).exists()  # a missing user is the field's
    target_lookup = scope_lookup(target)
    if target_lookup is None:
        return True  # reference data belongs to everyone
    if scope_kind(target_lookup) != scope_kind(lookup):
        return False
    if field.is_cached(instance) and getattr(instance, field.name) is not None:
        target_scope = scope_value(getattr(instance, field.name), target_lookup)
    else:
        rows = target._base_manager.filter(**{field.target_field.attname: key})
        target_scope = rows.values_list(target_lookup, flat=True).first()
        if target_scope is None:
            return True  # the row does not exist: clean_fields() reports it
    return bool(target_scope == scope_id)


def _message(model: type[Model], field: ForeignKey, lookup: str) -> str:
    name = model._meta.verbose_name
    if field.related_model is get_user_model():
        return MEMBER_MESSAGE.format(model=name)
    target = str(field.related_model._meta.verbose_name)
    article = "an" if target[:1].lower() in "aeiou" else "a"
    return MESSAGES[scope_kind(lookup)].format(target=f"{article} {target}", model=name)
