"""manage.py add_member: give a user a role in an organization, without the admin site."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from accounts.selectors import user_find
from core.validation import described
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.services import membership_create


class Command(BaseCommand):
    """Add a user (by username or email) to an organization with a role."""

    help = "Add a user (by username or email) to an organization with a role (default member)."

    def add_arguments(self, parser: CommandParser) -> None:
        """SLUG USER [--role ROLE]."""
        parser.add_argument("slug")
        parser.add_argument("user", help="A username or an email address.")
        parser.add_argument("--role", choices=Role.values, default=Role.MEMBER)

    def handle(self, *args: Any, **options: Any) -> None:
        """Add the membership, or explain what is wrong."""
        try:
            organization = Organization.objects.get(slug=options["slug"])
        except Organization.DoesNotExist:
            raise CommandError(f"No organization {options['slug']!r}.") from None
        user = user_find(identifier=options["user"])
        if user is None:
            raise CommandError(f"No single active user {options['user']!r}.")
        try:
            membership_create(organization=organization, user=user, role=options["role"])
        except ValidationError as exc:
            raise CommandError(described(exc)) from None
        self.stdout.write(f"{user} is now {options['role']} of {organization.slug!r}.")
