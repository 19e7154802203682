"""What a use case can answer instead of a result. `message` is for the person at the
counter; `code` is for logs, scripts and the CLI's exit status."""

from __future__ import annotations

from ..i18n import N_, _


class ServiceError(Exception):
    exit_code = 1

    def __init__(self, message: str, code: str = "error", *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field  # the form field it is about ("phone"), for a form to show it there


class BadInput(ServiceError):
    """The request itself is wrong (empty, negative, not a number, ...); nothing changed."""

    exit_code = 2

    def __init__(self, message: str, code: str = "bad_input", *, field: str = "") -> None:
        super().__init__(message, code, field=field)


class Refused(ServiceError):
    """A business rule says no: balance, offline policy, unknown customer or reward, ..."""

    exit_code = 3


class NeedsApproval(Refused):
    """Allowed only with a manager's approval (a limit of the store's policy); nothing
    changed. `message` names the limit; the CLI adds how to give the approval."""

    def __init__(self, message: str, code: str = "approval_required", what: str = "") -> None:
        super().__init__(message, code)
        self.what = what or message  # what the manager is asked to approve


class BackendUnavailable(ServiceError):
    """The backend is needed for this and cannot be reached."""

    exit_code = 4

    def __init__(self, message: str, code: str = "backend_unavailable") -> None:
        super().__init__(message, code)


DISK_FULL_EXIT = 5
NOTHING_RECORDED = N_(
    "The disk is full: nothing was recorded or sent. Free some space on this terminal "
    "and try again."
)


class DiskFullError(ServiceError):
    """The terminal's disk is full and the message says exactly what did and did not
    happen. Its own exit status (5): unlike 1 ("unexpected"), it is an operating
    condition with a known remedy (free space), and scripts can tell it apart."""

    exit_code = DISK_FULL_EXIT

    def __init__(self, message: str = "", code: str = "disk_full") -> None:
        super().__init__(message or _(NOTHING_RECORDED), code)
