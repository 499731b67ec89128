"""manage.py create_user: a user without the admin site (the password from the environment)."""

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from accounts.services import user_create

PASSWORD_VARIABLE = "DJANGO_USER_PASSWORD"


class Command(BaseCommand):
    """Create a user; without DJANGO_USER_PASSWORD it signs in only with a created token."""

    help = (
        "Create a user. The password comes from the DJANGO_USER_PASSWORD environment variable "
        "(never a command-line argument, which other users of the machine can see); without "
        "it the user has no password and signs in with a token from `create_token`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """USERNAME [--email EMAIL] [--staff]."""
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--staff", action="store_true", help="May use the admin site.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the user, or explain what is wrong."""
        try:
            user = user_create(
                username=options["username"],
                email=options["email"],
                password=os.environ.get(PASSWORD_VARIABLE) or None,
                is_staff=options["staff"],
            )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None
        self.stdout.write(f"Created user {user.username!r} (id {user.pk}).")


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
