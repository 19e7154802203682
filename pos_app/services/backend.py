"""What a failed backend call means for the person asking: one mapping for every use case,
so the same trouble gets the same words and the same exit status everywhere."""

from __future__ import annotations

from ..api import ApiError, NotFound, ProtocolError, RequestRefused, TransientError, Unauthorized
from ..i18n import N_, _
from ..sync.verdicts import misconfiguration
from .errors import BackendUnavailable, BadInput, Refused, ServiceError

KEY_REFUSED = N_(
    "The loyalty service did not accept the API key: check LOYALPRO_API_KEY, or "
    "store the right one with 'pos-app login'."
)
# The words use cases give as `what` (translated where a message shows them).
WHATS: tuple[str, ...] = (
    N_("This"),
    N_("Enrolling"),
    N_("Older history"),
    N_("A return"),
    N_("Program analytics"),
)
WHATS += (
    N_("The whole store's report (the terminal's own report works offline)"),
    N_("Searching a terminal that has not synced yet"),
    N_("The reward catalogue is not on this terminal yet, and fetching it"),
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
        return BadInput(_(KEY_REFUSED), "unauthorized")
    words = _("{reason} Check the backend URL (and any proxy).").format(reason=reason)
    return BackendUnavailable(words, "misconfigured")


def translate(error: ApiError, *, what: str = "This") -> ServiceError:
    if isinstance(error, Unauthorized):
        return BadInput(_(KEY_REFUSED), "unauthorized")
    if isinstance(error, NotFound | RequestRefused):
        # A 404 that names no object of the contract (an unknown route, a proxy), or a
        # status the contract does not use: the URL is wrong, not the request.
        wrong = misconfiguration(error)
        if wrong is not None:
            return paused(wrong.code, wrong.reason)
    if isinstance(error, ProtocolError):
        return BackendUnavailable(
            _(
                "{what} needs the loyalty service, whose answer this terminal cannot read ({error})"
            ).format(what=_(what), error=error.message),
            "protocol_error",
        )
    if isinstance(error, TransientError):
        return BackendUnavailable(
            _("{what} needs the loyalty service, which cannot be reached right now.").format(
                what=_(what)
            )
        )
    return Refused(error.message, error.code)
