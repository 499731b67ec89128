"""Output of organizations as their members see them."""

from rest_framework import serializers


class OrganizationOutputSerializer(serializers.Serializer):
    """An organization and the caller's role in it."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    role = serializers.CharField()
