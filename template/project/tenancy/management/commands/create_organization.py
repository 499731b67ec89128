"""manage.py create_organization: an organization and its owner, without the admin site."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from accounts.models import User
from core.validation import described
from tenancy.services import organization_create


class Command(BaseCommand):
    """Create an organization whose owner is an existing user."""

    help = "Create an organization (SLUG, --name) owned by an existing user (--owner)."

    def add_arguments(self, parser: CommandParser) -> None:
        """SLUG --name NAME --owner USERNAME."""
        parser.add_argument("slug", help="Identifies the organization in URLs.")
        parser.add_argument("--name", required=True)
        parser.add_argument("--owner", required=True, help="Username of its first owner.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create it, or explain what is wrong."""
        try:
            owner = User.objects.get(username=options["owner"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user {options['owner']!r}.") from None
        try:
            organization = organization_create(
                name=options["name"], slug=options["slug"], owner=owner
            )
        except ValidationError as exc:
            raise CommandError(described(exc)) from None
        self.stdout.write(f"Created organization {organization.slug!r}, owned by {owner}.")
