"""What a use case can answer instead of a result. `message` is for the person at the
counter; `code` is for logs, scripts and the CLI's exit status."""

from __future__ import annotations


class ServiceError(Exception):
    exit_code = 1

    def __init__(self, message: str, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class BadInput(ServiceError):
    """The request itself is wrong (empty, negative, not a number, ...); nothing changed."""

    exit_code = 2

    def __init__(self, message: str, code: str = "bad_input") -> None:
        super().__init__(message, code)


class Refused(ServiceError):
    """A business rule says no: balance, offline policy, unknown customer or reward, ..."""

    exit_code = 3


class BackendUnavailable(ServiceError):
    """The backend is needed for this and cannot be reached."""

    exit_code = 4

    def __init__(self, message: str, code: str = "backend_unavailable") -> None:
        super().__init__(message, code)
