"""validate_storable_uuid: the UUIDs MariaDB refuses are refused on every database."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_storable_uuid


@pytest.mark.parametrize(
    "value",
    [
        "5fef1477-2c1b-8315-715d-3f800c42d9a8",  # version 8, NCS variant
        "00000000-0000-f000-7000-000000000000",  # version 15, NCS variant
    ],
)
def test_uuids_mariadb_cannot_store_are_refused(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_storable_uuid(uuid.UUID(value))

    assert caught.value.code == "invalid"


@pytest.mark.parametrize(
    "value",
    [
        str(uuid.uuid4()),
        "5fef1477-2c1b-8315-915d-3f800c42d9a8",  # version 8, RFC 4122 variant
        "5fef1477-2c1b-7315-715d-3f800c42d9a8",  # version 7 bits, NCS variant
        "00000000-0000-0000-0000-000000000000",  # the nil UUID
    ],
)
def test_other_uuids_pass(value: str) -> None:
    validate_storable_uuid(uuid.UUID(value))
    validate_storable_uuid(value)
