"""Input serializers refuse undeclared keys and non-string text; scoped keys name visible rows."""

import pytest
from rest_framework import serializers

from core.serializers import InputSerializer
from core.serializers import ScopedPrimaryKeyRelatedField
from tenancy.selectors import organization_user_list


class NoteInputSerializer(InputSerializer):
    title = serializers.CharField()
    slug = serializers.CharField(read_only=True)


class AssignInputSerializer(InputSerializer):
    user = ScopedPrimaryKeyRelatedField(selector=organization_user_list)


def test_declared_fields_are_accepted() -> None:
    serializer = NoteInputSerializer(data={"title": "Hello"})

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"title": "Hello"}


@pytest.mark.parametrize("key", ["organization", "owner", "id", "status"])
def test_undeclared_key_is_refused_by_name(key: str) -> None:
    serializer = NoteInputSerializer(data={"title": "Hello", key: 1})

    assert not serializer.is_valid()
    assert serializer.errors == {key: ["This field is not writable."]}


@pytest.mark.parametrize("value", [12, 1.5, True, ["a"], {"a": 1}])
def test_text_fields_take_strings_only(value: object) -> None:
    # DRF alone would store 12 as "12" and True as "True"; the schema says "string".
    serializer = NoteInputSerializer(data={"title": value})

    assert not serializer.is_valid()
    assert serializer.errors == {"title": ["Not a valid string."]}


def test_read_only_key_is_refused() -> None:
    serializer = NoteInputSerializer(data={"title": "Hello", "slug": "hello"})

    assert not serializer.is_valid()
    assert serializer.errors == {"slug": ["This field is not writable."]}


def assign(user_id: object, organization) -> AssignInputSerializer:
    serializer = AssignInputSerializer(
        data={"user": user_id}, context={"scope": {"organization": organization}}
    )
    serializer.is_valid()
    return serializer


def test_scoped_key_accepts_a_row_in_scope(principals, organization) -> None:
    member = principals["member_a"]

    assert assign(member.pk, organization).validated_data == {"user": member}


def test_scoped_key_of_another_tenant_fails_like_a_missing_one(principals, organization) -> None:
    outsider = principals["member_b"]
    missing = 10**9

    assert assign(outsider.pk, organization).errors == {
        "user": [f'Invalid pk "{outsider.pk}" - object does not exist.']
    }
    assert assign(missing, organization).errors == {
        "user": [f'Invalid pk "{missing}" - object does not exist.']
    }


@pytest.mark.parametrize("value", [-1, 0, 2**63, 10**30])
def test_out_of_range_keys_do_not_exist(value: int, organization) -> None:
    assert assign(value, organization).errors == {
        "user": [f'Invalid pk "{value}" - object does not exist.']
    }


@pytest.mark.parametrize(
    ("value", "type_name"), [("abc", "str"), (True, "bool"), (1.5, "float"), ([1], "list")]
)
def test_keys_of_the_wrong_type_are_refused(value: object, type_name: str, organization) -> None:
    assert assign(value, organization).errors == {
        "user": [f"Incorrect type. Expected pk value, received {type_name}."]
    }
