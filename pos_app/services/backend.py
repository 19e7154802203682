"""What a failed backend call means for the person asking: one mapping for every use case,
so the same trouble gets the same words and the same exit status everywhere."""

from __future__ import annotations

from ..api import ApiError, NotFound, ProtocolError, RequestRefused, TransientError, Unauthorized
from ..sync.verdicts import misconfiguration
from .errors import BackendUnavailable, BadInput, Refused, ServiceError

KEY_REFUSED = (
    "The loyalty service did not accept the API key: check LOYALPRO_API_KEY, or "
    "store the right one with 'pos-app login'."
)


def unreachable(error: ApiError) -> bool:
    """No usable answer: the network, the server, or an answer that is not the contract.
    The terminal falls back to its cache, or says the backend cannot be used."""
    return isinstance(error, TransientError | ProtocolError)


def paused(code: str | None, reason: str) -> ServiceError:
    """The backend refuses this terminal (see `sync.verdicts`): a refused key is the
    terminal's setup to fix (exit 2, with what to do); a wrong URL or proxy means the
    backend cannot be used (exit 4)."""
    if code == "unauthorized":
        return BadInput(KEY_REFUSED, "unauthorized")
    return BackendUnavailable(f"{reason} Check the backend URL (and any proxy).", "misconfigured")


def translate(error: ApiError, *, what: str = "This") -> ServiceError:
    if isinstance(error, Unauthorized):
        return BadInput(KEY_REFUSED, "unauthorized")
    if isinstance(error, NotFound | RequestRefused):
        # A 404 that names no object of the contract (an unknown route, a proxy), or a
        # status the contract does not use: the URL is wrong, not the request.
        wrong = misconfiguration(error)
        if wrong is not None:
            return paused(wrong.code, wrong.reason)
    if isinstance(error, ProtocolError):
        return BackendUnavailable(
            f"{what} needs the loyalty service, whose answer this "
            f"terminal cannot read ({error.message})",
            "protocol_error",
        )
    if isinstance(error, TransientError):
        return BackendUnavailable(
            f"{what} needs the loyalty service, which cannot be reached right now."
        )
    return Refused(error.message, error.code)
