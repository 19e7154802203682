"""Capped exponential backoff with full jitter, Retry-After, and which errors are retried."""

from __future__ import annotations

import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pos_app.api as api
from pos_app.api import (
    ApiError,
    Conflict,
    IdempotencyInProgress,
    RateLimited,
    TransientError,
)
from pos_app.sync.backoff import BASE_SECONDS, CAP_SECONDS, backoff_delay, retry_delay


def ceiling(attempt: int, base: float = BASE_SECONDS, cap: float = CAP_SECONDS) -> float:
    return min(cap, base * 2 ** (attempt - 1))


def test_defaults() -> None:
    assert BASE_SECONDS == 1.0
    assert CAP_SECONDS == 300.0


@pytest.mark.parametrize("attempt", range(1, 41))
def test_delay_lies_between_zero_and_the_capped_exponential(attempt: int) -> None:
    for seed in range(200):
        delay = backoff_delay(attempt, rng=random.Random(seed))
        assert 0 <= delay <= ceiling(attempt)


@given(
    attempt=st.integers(min_value=1, max_value=40),
    base=st.floats(min_value=0.001, max_value=60),
    cap=st.floats(min_value=0.001, max_value=3600),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_delay_bounds_for_any_base_and_cap(
    attempt: int, base: float, cap: float, seed: int
) -> None:
    delay = backoff_delay(attempt, base=base, cap=cap, rng=random.Random(seed))
    assert 0 <= delay <= ceiling(attempt, base, cap)


@pytest.mark.parametrize("attempt", [41, 100, 10_000, 10**9])
def test_huge_attempt_numbers_stay_capped(attempt: int) -> None:
    rng = random.Random(attempt)
    delays = [backoff_delay(attempt, rng=rng) for _ in range(200)]
    assert all(0 <= d <= CAP_SECONDS for d in delays)
    assert max(delays) > 0.9 * CAP_SECONDS  # the whole capped range is used


def test_jitter_is_full_and_real() -> None:
    """Terminals back from one outage must not retry in lockstep: the delay for one attempt
    is spread over the whole range, not a constant or a narrow band near the ceiling."""
    rng = random.Random(1234)
    for attempt in (1, 3, 6, 12):
        top = ceiling(attempt)
        delays = [backoff_delay(attempt, rng=rng) for _ in range(2000)]
        assert len(set(delays)) > 1900
        assert min(delays) < 0.05 * top
        assert max(delays) > 0.95 * top
        assert statistics.mean(delays) == pytest.approx(top / 2, rel=0.1)


def test_the_range_doubles_with_each_attempt_until_the_cap() -> None:
    rng = random.Random(99)
    highest = [max(backoff_delay(a, rng=rng) for _ in range(500)) for a in range(1, 12)]
    for attempt, top in enumerate(highest, start=1):
        assert ceiling(attempt) * 0.9 < top <= ceiling(attempt)
    # 1, 2, 4, ..., 256, then 300 (the cap) from attempt 10 on
    assert highest[8] > 200 and highest[9] > 270


def test_a_given_rng_is_used_and_the_global_one_left_alone() -> None:
    first = [backoff_delay(a, rng=random.Random(7)) for a in range(1, 20)]
    again = [backoff_delay(a, rng=random.Random(7)) for a in range(1, 20)]
    assert first == again

    random.seed(42)
    expected = random.random()
    random.seed(42)
    backoff_delay(5, rng=random.Random(1))
    retry_delay(5, 3.0, rng=random.Random(1))
    assert random.random() == expected


RETRY_AFTERS = [0.0, 0.25, 1.0, 7.5, 120.0, 299.999, 300.0, 301.0, 86_400.0]


@pytest.mark.parametrize("retry_after", RETRY_AFTERS)
def test_retry_delay_never_sooner_than_retry_after(retry_after: float) -> None:
    for attempt in range(1, 41):
        for seed in range(25):
            delay = retry_delay(attempt, retry_after, rng=random.Random(seed))
            assert min(retry_after, CAP_SECONDS) <= delay <= CAP_SECONDS


@given(
    attempt=st.integers(min_value=1, max_value=40),
    retry_after=st.none() | st.floats(min_value=0, max_value=1e9),
    cap=st.floats(min_value=0.01, max_value=3600),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_retry_delay_bounds(attempt: int, retry_after: float | None, cap: float, seed: int) -> None:
    delay = retry_delay(attempt, retry_after, rng=random.Random(seed), cap=cap)
    floor = 0.0 if retry_after is None else min(retry_after, cap)
    assert floor <= delay <= cap


def test_retry_delay_is_the_backoff_when_retry_after_is_shorter_or_absent() -> None:
    for seed in range(50):
        backoff = backoff_delay(9, rng=random.Random(seed))
        assert retry_delay(9, None, rng=random.Random(seed)) == backoff
        assert retry_delay(9, 0.0, rng=random.Random(seed)) == backoff
        assert retry_delay(9, backoff + 1, rng=random.Random(seed)) == backoff + 1


# --- which errors are retried (the sync engine's `_record_failure` asks `error.retryable`) --

RETRYABLE: list[type[ApiError]] = [
    api.NetworkError,
    api.ServerError,
    api.RateLimited,
    api.IdempotencyInProgress,
]
FINAL: list[type[ApiError]] = [
    api.InvalidRequest,
    api.Unauthorized,
    api.InsufficientBalance,
    api.NotFound,
    api.Conflict,
    api.IdempotencyKeyReused,
    api.CodeTaken,
    api.CustomerExists,
    api.RedemptionNotUsable,
    api.RedemptionNotVoidable,
    api.RewardUnavailable,
    api.ProtocolError,
    api.MismatchedAnswer,  # not retried as such: it pauses the queue (sync/verdicts.py)
    api.RequestRefused,
    api.OrderAlreadyAwarded,
    api.OrderNotReturnable,
    api.ReturnExceedsSale,
    api.NotOffered,
]


@pytest.mark.parametrize("cls", RETRYABLE, ids=lambda c: c.__name__)
def test_transient_errors_are_retryable(cls: type[ApiError]) -> None:
    assert cls.retryable is True
    assert cls().retryable is True
    assert cls("with a message", code="x", status=503).retryable is True
    assert issubclass(cls, TransientError)


@pytest.mark.parametrize("cls", FINAL, ids=lambda c: c.__name__)
def test_final_errors_are_not_retryable(cls: type[ApiError]) -> None:
    assert cls.retryable is False
    assert cls().retryable is False
    assert cls("with a message", code="x", status=400).retryable is False
    assert not issubclass(cls, TransientError)


def test_conflict_subclasses_are_final_except_idempotency_in_progress() -> None:
    conflicts = {
        cls
        for cls in vars(api).values()
        if isinstance(cls, type) and issubclass(cls, Conflict) and cls is not Conflict
    }
    assert conflicts == {
        api.IdempotencyKeyReused,
        api.CodeTaken,
        api.CustomerExists,
        api.RedemptionNotUsable,
        api.RedemptionNotVoidable,
        api.OrderAlreadyAwarded,
    }
    assert all(not cls.retryable for cls in conflicts)
    # The one 409 that is retried is deliberately not a Conflict subclass.
    assert not issubclass(IdempotencyInProgress, Conflict)


def test_every_api_error_is_classified() -> None:
    """A new error class must be put in one of the two lists, consciously."""
    exported = {
        cls
        for cls in vars(api).values()
        if isinstance(cls, type)
        and issubclass(cls, ApiError)
        and cls not in (ApiError, TransientError)
    }
    assert exported == set(RETRYABLE) | set(FINAL)
    assert not set(RETRYABLE) & set(FINAL)
    assert ApiError.retryable is False
    assert TransientError.retryable is True


def test_rate_limited_carries_retry_after_for_the_engine() -> None:
    err = RateLimited(retry_after=12.5)
    assert err.retryable
    assert err.retry_after == 12.5
    assert RateLimited().retry_after is None
