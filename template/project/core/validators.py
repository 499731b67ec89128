"""Field validators that hold a value to what every supported database stores."""

import uuid

from django.core.exceptions import ValidationError

# MariaDB's uuid column refuses the reserved NCS variant (variant bit 0) with a version of 8
# or more (it would sort such values as time-based ones): an insert of one fails there.
_NCS_VARIANT_MASK = 0x80
_HIGH_VERSION_MASK = 0x80


def validate_storable_uuid(value: uuid.UUID | str) -> None:
    """Refuse, on every database, the UUIDs MariaDB cannot store: a row valid on one database
    is valid on all, and such a write is a 400 naming the field, never a 500."""
    try:
        parsed = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return  # not a UUID at all: the field's own validation says so
    version_byte, variant_byte = parsed.bytes[6], parsed.bytes[8]
    if version_byte & _HIGH_VERSION_MASK and not variant_byte & _NCS_VARIANT_MASK:
        raise ValidationError("Enter a valid UUID.", code="invalid")
