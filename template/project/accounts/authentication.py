"""Token authentication: django-rest-knox tokens, refusing malformed ones before any query."""

import re
from typing import Any

from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.models import User

# Knox tokens are hexadecimal; anything else (non-UTF-8 bytes, NUL characters that PostgreSQL
# refuses in a query) is no token of ours, and must be a 401 rather than a server error.
TOKEN_PATTERN = re.compile(r"[0-9A-Za-z_-]{1,128}")


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <token>`; expired tokens are deleted, inactive users refused."""

    def authenticate_credentials(self, token: bytes) -> tuple[User, Any]:
        """Check the token's shape, then let knox compare its hash."""
        try:
            text = token.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if not TOKEN_PATTERN.fullmatch(text):
            raise AuthenticationFailed("Invalid token.")
        # untyped_calls_exclude does not reach calls through super()
        credentials: tuple[User, Any] = super().authenticate_credentials(token)  # type: ignore[no-untyped-call]
        return credentials
