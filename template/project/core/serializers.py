"""Serializer building blocks that deny by default: unknown keys and out-of-scope rows."""

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from django.db.models import Model
from django.db.models import QuerySet
from rest_framework import serializers

NOT_WRITABLE = "This field is not writable."
NOT_A_STRING = "Not a valid string."


class InputSerializer(serializers.Serializer):
    """Validate input, rejecting every key it does not declare as writable.

    DRF silently drops unknown keys; here a caller sending `organization`, `owner`, `id` or
    `status` learns with a 400 naming the key that it cannot set them. Text fields take JSON
    strings only (DRF would turn 12 or true into "12" and "True"), as the schema says; a
    blank text is null where the field allows null.
    """

    def to_internal_value(self, data: Any) -> Any:
        """Refuse undeclared and read-only keys and non-string text, then validate as usual."""
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            refused = [key for key in data if key not in writable]
            if refused:
                raise serializers.ValidationError({str(key): [NOT_WRITABLE] for key in refused})
            not_text = [
                key
                for key, value in data.items()
                if isinstance(self.fields[key], serializers.CharField)
                and value is not None
                and not isinstance(value, str)
            ]
            if not_text:
                raise serializers.ValidationError({key: [NOT_A_STRING] for key in not_text})
        validated = super().to_internal_value(data)
        # Where a text may be null, blank means null: one "no value", and optional unique
        # texts left blank never clash as duplicates.
        for name, field in self.fields.items():
            blank = validated.get(name) == ""
            if blank and isinstance(field, serializers.CharField) and field.allow_null:
                validated[name] = None
        return validated


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField[Model]):
    """A primary key that may only name rows the caller can see.

    `selector` receives the view's scope (the serializer context's "scope"), for example
    `customer_list(organization=...)`. Another tenant's id fails exactly like a missing one.
    """

    def __init__(self, *, selector: Callable[..., QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        """The rows of the caller's scope."""
        return self.selector(**self.context["scope"])

    def to_internal_value(self, data: Any) -> Model:
        """Look the row up in scope; huge, negative or malformed keys are simply not there."""
        if isinstance(data, bool | float):
            # DRF would read True as 1 and 1.9 as 1.
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            return super().to_internal_value(data)
        except OverflowError:
            self.fail("does_not_exist", pk_value=data)
