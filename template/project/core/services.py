"""Write helpers every service uses: validate, then save, update, delete or change state."""

from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import NoReturn
from typing import TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Field
from django.db.models import Model
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.http import Http404

from core.exceptions import CONFLICT_MESSAGE
from core.exceptions import PROTECTED_MESSAGE
from core.exceptions import ConflictError
from core.exceptions import TransitionNotAllowed
from core.validation import model_validate

ModelT = TypeVar("ModelT", bound=Model)


def model_save(*, instance: ModelT) -> ModelT:
    """Validate and save an instance; a clash validation could not see becomes a 400 or 409."""
    model_validate(instance)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        _raise_for_integrity_error(instance, exc)
    return instance


def model_update(
    *, instance: ModelT, fields: Iterable[str], data: Mapping[str, Any]
) -> tuple[ModelT, bool]:
    """Set the whitelisted `fields` present in `data`, validate and save only what changed.

    A key in `data` outside `fields` is a programming error (ValueError): input serializers
    decide what a caller may write, and this is the second lock on that door.
    """
    allowed = list(fields)
    unexpected = sorted(set(data) - set(allowed))
    if unexpected:
        raise ValueError(f"model_update() may not set {', '.join(unexpected)}.")
    changed = [name for name in allowed if name in data and _set_field(instance, name, data[name])]
    if not changed:
        return instance, False
    if _has_field(instance, "updated_at"):
        changed.append("updated_at")
    model_validate(instance)
    try:
        with transaction.atomic():
            instance.save(update_fields=changed)
    except IntegrityError as exc:
        _raise_for_integrity_error(instance, exc)
    return instance, True


def model_delete(*, instance: Model) -> None:
    """Delete an instance; rows still referred to by others answer 409 "protected"."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError, IntegrityError) as exc:
        raise ConflictError(PROTECTED_MESSAGE, code="protected") from exc


def model_transition(
    *, instance: ModelT, field: str, sources: Collection[str], target: str
) -> ModelT:
    """Move `field` from one of `sources` to `target`, deciding on the locked, current row.

    Returns the fresh instance: two concurrent requests cannot both act on a stale state.
    """
    with transaction.atomic():
        model = type(instance)
        try:
            locked = model._default_manager.select_for_update().get(pk=instance.pk)
        except ObjectDoesNotExist:
            raise Http404 from None  # deleted by a concurrent request
        state = getattr(locked, field)
        if state not in sources:
            # str() gives the stored value of a choice ("paid"), not its enum name.
            current, wanted = str(state), str(target)
            raise TransitionNotAllowed(f"Cannot move from {current!r} to {wanted!r}.")
        setattr(locked, field, target)
        update_fields = [field]
        if _has_field(locked, "updated_at"):
            update_fields.append("updated_at")
        locked.save(update_fields=update_fields)
    return locked


def _set_field(instance: Model, name: str, value: Any) -> bool:
    model_field = instance._meta.get_field(name)
    if isinstance(model_field, Field) and model_field.many_to_one:
        # Compare keys, not objects, so an unchanged foreign key costs no query.
        new_key = value.pk if isinstance(value, Model) else value
        if getattr(instance, model_field.attname) == new_key:
            return False
        if not isinstance(value, Model):
            setattr(instance, model_field.attname, value)
            return True
    elif getattr(instance, name) == value:
        return False
    setattr(instance, name, value)
    return True


def _has_field(instance: Model, name: str) -> bool:
    try:
        instance._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _raise_for_integrity_error(instance: Model, exc: IntegrityError) -> NoReturn:
    # A concurrent write won a race that validation could not see. Validating again names the
    # field when the winner is now visible; otherwise answer a plain conflict.
    model_validate(instance)
    raise ConflictError(CONFLICT_MESSAGE) from exc
