"""manage.py create_token: print a new API token for a user (for scripts and first requests)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from accounts.models import User
from accounts.services import token_create


class Command(BaseCommand):
    """Print a new token of USERNAME, and nothing else, so that `$(...)` captures it."""

    help = "Issue an API token for a user and print it (it expires like any other token)."

    def add_arguments(self, parser: CommandParser) -> None:
        """USERNAME."""
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        """Issue the token, or explain that the user does not exist."""
        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user {options['username']!r}.") from None
        _, token = token_create(user=user)
        self.stdout.write(token)
