"""What a push or a whole sync came to: one operation's `PushOutcome`, a round's
`SyncReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..api import ApiError
from ..domain.models import OutboxState
from .verdicts import Misconfiguration


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """What became of one attempt: done, refused/conflict (final), or retry later.

    `recorded` False: the disk was full, so this terminal could not record the answer.
    `state` is then what the backend said (DONE: it applied the operation), while the
    outbox row stays pending with its idempotency key: the next push replays the same
    key, the backend answers again without applying it twice, and that answer is
    recorded once there is space."""

    state: OutboxState
    error: ApiError | None = None
    result: Any = None
    # The backend refused this terminal, not the operation: the queue pauses.
    paused: Misconfiguration | None = None
    # Pending on purpose (an abandoned redemption's fate is not known yet): ask later.
    waiting: bool = False
    # False: the answer could not be written down (a full disk); the next push replays it.
    recorded: bool = True


@dataclass
class SyncReport:
    pushed: int = 0
    conflicts: int = 0
    refused: int = 0
    retrying: int = 0
    pulled_customers: int = 0
    pulled_redemptions: int = 0
    errors: list[str] = field(default_factory=list)
    reached_backend: bool = False
    # Why the round stopped with everything kept pending: the backend refuses this
    # terminal (plain words for the cashier); `paused_code` is "unauthorized" for the key.
    paused: str | None = None
    paused_code: str | None = None
    # The push ended early because the backend cannot be reached or does not answer in
    # time: a pull now would only wait out another budget.
    unreachable: bool = False

    def pause(self, wrong: Misconfiguration) -> None:
        self.paused, self.paused_code = wrong.reason, wrong.code

    def count(self, outcome: PushOutcome) -> None:
        """Add one push's outcome."""
        if outcome.error is None or not outcome.error.retryable:
            self.reached_backend = True
        if outcome.state is OutboxState.DONE:
            self.pushed += 1
        elif outcome.state is OutboxState.CONFLICT:
            self.conflicts += 1
        elif outcome.state is OutboxState.REFUSED:
            self.refused += 1
        if outcome.paused is not None:
            self.pause(outcome.paused)
        elif outcome.error is not None and outcome.error.message not in self.errors:
            self.errors.append(outcome.error.message)
