"""Input and output shapes of the accounts API: tokens and the caller's own profile."""

from rest_framework import serializers

from accounts.models import User
from core.serializers import InputSerializer


class TokenCreateInputSerializer(InputSerializer):
    """The credentials exchanged for a token."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    """A new API token: send it as `Authorization: Token <token>` until `expiry`."""

    token = serializers.CharField(read_only=True)
    expiry = serializers.DateTimeField(read_only=True)


class MeOutputSerializer(serializers.ModelSerializer):
    """The caller's own account."""

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "date_joined"]
        read_only_fields = fields


class MeUpdateInputSerializer(InputSerializer):
    """What a user may change on their own account."""

    first_name = serializers.CharField(max_length=150, allow_blank=True)
    last_name = serializers.CharField(max_length=150, allow_blank=True)
