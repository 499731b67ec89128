"""JSON-ready values exactly as DRF's fields show them, without a field object per value.

Each function returns what the named DRF field's ``to_representation`` returns for the value, for
the project's REST_FRAMEWORK settings (read once per call, like DRF): None stays None, as DRF's
``Serializer.to_representation`` never hands None to a field. Tests compare every function with
the DRF field on edge values (benchmarks/api/app/api_benchmark/fast/checks.py).
"""

import datetime
import decimal
import uuid

from django.utils import timezone
from rest_framework.fields import ISO_8601
from rest_framework.settings import api_settings


class DecimalFormat:
    """DRF's DecimalField(max_digits, decimal_places).to_representation, precomputed."""

    __slots__ = ("context", "exponent")

    def __init__(self, *, max_digits: int, decimal_places: int) -> None:
        self.exponent = decimal.Decimal(".1") ** decimal_places
        self.context = decimal.Context(prec=max_digits)

    def __call__(self, value: decimal.Decimal | None) -> str | decimal.Decimal | None:
        if value is None:
            return None
        if not isinstance(value, decimal.Decimal):
            value = decimal.Decimal(str(value).strip())
        # DRF quantizes in a copy of the current context with prec=max_digits.
        context = decimal.getcontext().copy()
        context.prec = self.context.prec
        quantized = value.quantize(self.exponent, context=context)
        if not api_settings.COERCE_DECIMAL_TO_STRING:
            return quantized
        return f"{quantized:f}"


def date_string(value: datetime.date | str | None) -> str | None:
    """DRF's DateField().to_representation."""
    if not value:
        return None
    if isinstance(value, str) or api_settings.DATE_FORMAT is None:
        return value  # type: ignore[return-value]
    if api_settings.DATE_FORMAT.lower() == ISO_8601:
        return value.isoformat()
    return value.strftime(api_settings.DATE_FORMAT)


def datetime_string(value: datetime.datetime | str | None) -> str | None:
    """DRF's DateTimeField().to_representation: the current time zone, 'Z' for UTC."""
    if not value:
        return None
    output_format = api_settings.DATETIME_FORMAT
    if output_format is None or isinstance(value, str):
        return value  # type: ignore[return-value]
    zone = timezone.get_current_timezone() if timezone.settings.USE_TZ else None
    if zone is not None:
        value = (
            value.astimezone(zone) if timezone.is_aware(value) else timezone.make_aware(value, zone)
        )
    elif timezone.is_aware(value):
        value = timezone.make_naive(value, datetime.UTC)
    if output_format.lower() == ISO_8601:
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value.strftime(output_format)


def uuid_string(value: uuid.UUID | None) -> str | None:
    """DRF's UUIDField().to_representation (format "hex_verbose")."""
    return None if value is None else str(value)
