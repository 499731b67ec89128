"""Input and output shapes of organizations and their members."""

from rest_framework import serializers

from accounts.models import User
from core.serializers import InputSerializer
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role


class OrganizationOutputSerializer(serializers.ModelSerializer):
    """An organization and the caller's role in it."""

    role = serializers.ChoiceField(choices=Role.choices, read_only=True)

    class Meta:
        model = Organization
        fields = ["slug", "name", "role", "created_at"]
        read_only_fields = fields


class OrganizationCreateInputSerializer(InputSerializer):
    """A new organization; the caller becomes its owner."""

    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=50, help_text="Identifies it in URLs; cannot change.")


class OrganizationUpdateInputSerializer(InputSerializer):
    """What an owner may change on an organization."""

    name = serializers.CharField(max_length=200)


class MemberUserOutputSerializer(serializers.ModelSerializer):
    """The part of a member's account other members see (not their email)."""

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name"]
        read_only_fields = fields


class MemberOutputSerializer(serializers.ModelSerializer):
    """A member of the organization and their role."""

    user = MemberUserOutputSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at", "updated_at"]
        read_only_fields = fields


class MemberCreateInputSerializer(InputSerializer):
    """Whom to add, and with which role (at most the caller's own)."""

    user = serializers.CharField(max_length=254, help_text="A username or an email address.")
    role = serializers.ChoiceField(choices=Role.choices, default=Role.MEMBER)


class MemberUpdateInputSerializer(InputSerializer):
    """A member's new role."""

    role = serializers.ChoiceField(choices=Role.choices)
