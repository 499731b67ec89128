"""The project's user model, custom from the start so it can grow without a painful switch."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in; organizations are joined through memberships."""

    def __str__(self) -> str:
        return self.username
