"""Errors that services raise and the exception handler turns into JSON responses."""

from collections.abc import Mapping
from collections.abc import Sequence

# Fixed wording: the database's own message may name tables, constraints or values.
CONFLICT_MESSAGE = "The request conflicts with existing data."
PROTECTED_MESSAGE = "This record cannot be deleted because other records refer to it."


class ApplicationError(Exception):
    """A business rule refused the request; the message is written for the caller to read."""

    status_code: int = 400
    default_code: str = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status_code: int | None = None,
        fields: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        if status_code is not None:
            self.status_code = status_code
        self.fields = {name: list(messages) for name, messages in (fields or {}).items()}


class ConflictError(ApplicationError):
    """The request conflicts with the current state of the data."""

    status_code = 409
    default_code = "conflict"


class TransitionNotAllowed(ConflictError):
    """The record's current state does not allow the requested change of state."""

    default_code = "transition_not_allowed"
