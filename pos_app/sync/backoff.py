"""Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential
Backoff And Jitter"): the delay is uniform in [0, min(cap, base * 2**attempt)], so
terminals coming back from one outage do not retry in lockstep."""

from __future__ import annotations

import random

BASE_SECONDS = 1.0
CAP_SECONDS = 300.0


def backoff_delay(
    attempt: int,
    *,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after the `attempt`-th failure (attempt >= 1)."""
    ceiling = min(cap, base * 2 ** min(max(attempt - 1, 0), 32))
    return (rng or random).uniform(0, ceiling)


def retry_delay(
    attempt: int,
    retry_after: float | None,
    *,
    rng: random.Random | None = None,
    cap: float = CAP_SECONDS,
) -> float:
    """The backoff, but never sooner than the server's Retry-After (itself capped)."""
    delay = backoff_delay(attempt, rng=rng, cap=cap)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay
