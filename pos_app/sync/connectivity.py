"""What the backend's answers say about reaching it: online, offline, degraded, or
misconfigured for this terminal (a wrong key, a wrong URL). Published on change."""

from __future__ import annotations

from ..api import ApiError, NetworkError, TransientError
from ..i18n import _
from .events import Connectivity, ConnectivityChanged, EventBus
from .verdicts import Misconfiguration, misconfiguration

PAUSED_RETRY_SECONDS = 30.0
"""While the backend refuses this terminal (a wrong key, a wrong URL), `run_forever` asks
again this often: slowly, since every request would be refused the same way, but without
a person, so that a fixed key (or a finished rotation) resumes syncing by itself."""


class ConnectivityWatch:
    """The backend's state as the last answer showed it, published when it changes."""

    def __init__(self, bus: EventBus) -> None:
        self.bus = bus
        self.state = Connectivity.UNKNOWN
        self._detail = ""

    def note(
        self, error: ApiError | None, carried: frozenset[str] | None = None
    ) -> Misconfiguration | None:
        """Publish what `error` says about the backend; returns the misconfiguration it
        reveals, if any (`carried`: the fields the failed request sent)."""
        wrong = None if error is None else misconfiguration(error, carried)
        if error is None:
            state, detail = Connectivity.ONLINE, _("The loyalty service answers.")
        elif wrong is not None:
            state, detail = Connectivity.MISCONFIGURED, _(wrong.reason)
        elif isinstance(error, NetworkError):
            state, detail = Connectivity.OFFLINE, error.shown
        elif isinstance(error, TransientError):
            state, detail = Connectivity.DEGRADED, error.shown
        else:  # a final refusal is still an answer: the backend is there
            state, detail = Connectivity.ONLINE, _("The loyalty service answers.")
        if state != self.state or (wrong is not None and detail != self._detail):
            self.state, self._detail = state, detail
            self.bus.publish(ConnectivityChanged(state, detail))
        return wrong

    def idle_wait(self, idle_wait: float) -> float:
        """Seconds until the next sync cycle: soon when online, slower when the backend is
        in trouble, slowest when it refuses this terminal (asking again changes nothing
        until a person fixes the key or the URL)."""
        if self.state is Connectivity.ONLINE:
            return idle_wait
        if self.state is Connectivity.MISCONFIGURED:
            return PAUSED_RETRY_SECONDS
        return min(15.0, idle_wait * 5)
