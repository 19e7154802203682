"""`LoyaltyClient`: one typed method per endpoint of the LoyalPro API (../shared/API.md).

Every method returns a parsed model about what was asked (an answer about another code,
customer or amount raises `MismatchedAnswer`) or raises an `ApiError` subclass; no httpx
exception, KeyError or JSON error escapes. With a `budget`, each call ends within it, however
slowly the server answers (see deadline.py). The API key is sent only in the Authorization
header.
"""

from __future__ import annotations

import enum
import json
import logging
import math
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from importlib import metadata as importlib_metadata
from types import TracebackType
from typing import Any, Literal, Self, TypeVar
from urllib.parse import quote

import httpx

from .deadline import BoundedTransport, deadline
from .errors import (
    ApiError,
    MismatchedAnswer,
    NetworkError,
    ProtocolError,
    error_from_response,
    reject_json_constant,
)
from .models import (
    AwardType,
    Customer,
    MetadataValue,
    Page,
    PointsTransaction,
    Redemption,
    RedemptionStatus,
    Reward,
    Tier,
    TransactionType,
    format_timestamp,
    parse_customer,
    parse_page,
    parse_points_transaction,
    parse_redemption,
    parse_reward,
    parse_tier,
)

__all__ = ["DEFAULT_TIMEOUT", "LoyaltyClient"]

_log = logging.getLogger("pos_app.api")

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=3.0, read=10.0, write=10.0, pool=5.0)

Metadata = Mapping[str, MetadataValue]
_QueryValue = str | int | bool | datetime | None
_BodyValue = str | int | bool | datetime | Metadata | None


def _user_agent() -> str:
    try:
        version = importlib_metadata.version("pos-app")
    except importlib_metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"pos-app/{version}"


def _is_printable_ascii(value: str) -> bool:
    return all(0x20 <= ord(char) <= 0x7E for char in value)


def _check_idempotency_key(key: str) -> str:
    # Header parsers strip surrounding spaces, so such a key would not be the key the server sees.
    if not 1 <= len(key) <= 255 or not _is_printable_ascii(key) or key != key.strip(" "):
        raise ValueError(
            "idempotency_key must be 1-255 printable ASCII characters "
            "without leading or trailing spaces"
        )
    return key


def _segment(value: str, what: str) -> str:
    """`value` as one percent-encoded path segment that cannot change the path around it."""
    if not value:
        raise ValueError(f"{what} must not be empty")
    quoted = quote(value, safe="")
    if quoted.strip(".") == "":
        # "." and ".." would be resolved as dot-segments by the URL library; %2E is not.
        quoted = quoted.replace(".", "%2E")
    return quoted


def _query(**items: _QueryValue) -> dict[str, str]:
    query: dict[str, str] = {}
    for name, value in items.items():
        if value is None:
            continue
        if isinstance(value, bool):
            query[name] = "true" if value else "false"
        elif isinstance(value, datetime):
            query[name] = format_timestamp(value)
        else:
            query[name] = str(value)
    return query


def _body(**items: _BodyValue) -> dict[str, object]:
    body: dict[str, object] = {}
    for name, value in items.items():
        if value is None:
            continue
        if isinstance(value, datetime):
            body[name] = format_timestamp(value)
        elif isinstance(value, Mapping):
            body[name] = dict(value)
        else:
            body[name] = value
    return body


def _within(timeout: httpx.Timeout, budget: float | None) -> httpx.Timeout:
    """`timeout` with no step longer than the whole call may take."""
    if budget is None:
        return timeout

    def cut(value: float | None) -> float:
        return budget if value is None else min(value, budget)

    return httpx.Timeout(
        connect=cut(timeout.connect),
        read=cut(timeout.read),
        write=cut(timeout.write),
        pool=cut(timeout.pool),
    )


def _decode_json(payload: bytes, status: int) -> object:
    try:
        return json.loads(payload.decode("utf-8"), parse_constant=reject_json_constant)
    except (ValueError, RecursionError):
        # ValueError covers bad UTF-8, bad JSON, NaN/Infinity and absurdly long integers.
        raise ProtocolError(
            f"The loyalty service sent a body that is not valid JSON (HTTP {status}).",
            status=status,
        ) from None


class LoyaltyClient:
    """A synchronous LoyalPro client; use it as a context manager or call `close()`."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: httpx.Timeout | None = None,
        transport: httpx.BaseTransport | None = None,
        max_response_bytes: int = 4 * 1024 * 1024,
        budget: float | None = None,
    ) -> None:
        """`timeout` applies to each connect, read and write; `budget`, if given, to each
        call as a whole: connect, write and read together end within `budget` seconds of
        wall-clock time, however slowly the server trickles (with the built-in transport;
        a `transport` passed in for tests is used as it is)."""
        try:
            url = httpx.URL(base_url)
        except httpx.InvalidURL:
            raise ValueError("base_url is not a valid URL") from None
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError("base_url must be an http:// or https:// URL with a host")
        if url.userinfo or url.query or url.fragment:
            raise ValueError("base_url must not carry credentials, a query or a fragment")
        # The key goes into a header: anything outside visible ASCII could split or break it.
        if not api_key or not _is_printable_ascii(api_key) or " " in api_key:
            raise ValueError("api_key must be non-empty visible ASCII")
        if max_response_bytes < 1:
            raise ValueError("max_response_bytes must be positive")
        if budget is not None and not (math.isfinite(budget) and budget > 0):
            raise ValueError("budget must be a positive number of seconds")

        self._base_url = str(url).rstrip("/")
        self._api_key = api_key
        self._max_response_bytes = max_response_bytes
        self._budget = budget
        self._http = httpx.Client(
            base_url=self._base_url,
            headers={
                "Authorization": f"Bearer {api_key}",
                "User-Agent": _user_agent(),
                "Accept": "application/json",
            },
            timeout=_within(timeout if timeout is not None else DEFAULT_TIMEOUT, budget),
            transport=transport if transport is not None else BoundedTransport(),
            # A redirect is not part of the contract; following one could replay a POST elsewhere.
            follow_redirects=False,
            # The terminal talks to the configured URL only, never through an environment proxy.
            trust_env=False,
        )

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def budget(self) -> float | None:
        """The wall-clock seconds each call may take in all (None: only per-step timeouts)."""
        return self._budget

    def __repr__(self) -> str:
        return f"LoyaltyClient(base_url={self._base_url!r})"

    def close(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Customers

    def get_customer(self, customer_id: str) -> Customer:
        """GET /v1/customers/{id}."""
        path = f"/v1/customers/{_segment(customer_id, 'customer_id')}"
        return self._call("GET", path, _customer, expect=_customer_is(customer_id))

    def list_customers(
        self,
        *,
        query: str | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Customer]:
        """GET /v1/customers: search by `query`, or a delta pull ordered by `updated_at`."""
        params = _query(query=query, updated_since=updated_since, limit=limit, cursor=cursor)
        return self._call("GET", "/v1/customers", _customers, params=params)

    def create_customer(
        self,
        *,
        name: str,
        email: str | None = None,
        phone: str | None = None,
        card_number: str | None = None,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> Customer:
        """POST /v1/customers: enrol a customer."""
        body = _body(
            name=name, email=email, phone=phone, card_number=card_number, metadata=metadata
        )
        return self._call(
            "POST",
            "/v1/customers",
            _customer,
            body=body,
            idempotency_key=idempotency_key,
            # A backend may trim or collapse spaces; another name is another customer.
            expect=lambda made: _same("customer", "name", _spaced(name), _spaced(made.name)),
        )

    # Points

    def award_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str | None = None,
        type: AwardType = AwardType.EARNED,
        metadata: Metadata | None = None,
        expires_at: datetime | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/award: the `earned` transaction it wrote."""
        body = _body(
            customer_id=customer_id,
            points=points,
            reason=reason,
            type=AwardType(type).value,
            metadata=metadata,
            expires_at=expires_at,
        )
        return self._call(
            "POST",
            "/v1/points/award",
            _transaction,
            body=body,
            idempotency_key=idempotency_key,
            # A bonus is recorded as an `earned` transaction too (API.md).
            expect=_transaction_is(customer_id, points, TransactionType.EARNED),
        )

    def redeem_points(
        self,
        *,
        customer_id: str,
        reward_id: str,
        points: int,
        code: str | None = None,
        occurred_at: datetime | None = None,
        terminal_id: str | None = None,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> Redemption:
        """POST /v1/points/redeem: `points` must equal the reward's cost; `code` if issued here."""
        body = _body(
            customer_id=customer_id,
            reward_id=reward_id,
            points=points,
            code=code,
            occurred_at=occurred_at,
            terminal_id=terminal_id,
            metadata=metadata,
        )
        return self._call(
            "POST",
            "/v1/points/redeem",
            _redemption,
            body=body,
            idempotency_key=idempotency_key,
            expect=_redemption_made(customer_id, reward_id, points, code),
        )

    def adjust_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/adjust: a signed, non-zero correction with a reason."""
        body = _body(customer_id=customer_id, points=points, reason=reason, metadata=metadata)
        return self._call(
            "POST",
            "/v1/points/adjust",
            _transaction,
            body=body,
            idempotency_key=idempotency_key,
            expect=_transaction_is(customer_id, points, TransactionType.ADJUSTED),
        )

    def list_points(
        self,
        *,
        customer_id: str,
        limit: int | None = None,
        order: Literal["asc", "desc"] = "desc",
        cursor: str | None = None,
    ) -> Page[PointsTransaction]:
        """GET /v1/points: a customer's history in the order it was applied."""
        params = _query(customer_id=customer_id, limit=limit, order=order, cursor=cursor)

        def all_theirs(page: Page[PointsTransaction]) -> None:
            for txn in page.data:
                _same("points transaction", "customer_id", customer_id, txn.customer_id)

        return self._call("GET", "/v1/points", _transactions, params=params, expect=all_theirs)

    # Catalogue

    def list_rewards(
        self,
        *,
        active: bool | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Reward]:
        """GET /v1/rewards."""
        params = _query(active=active, updated_since=updated_since, limit=limit, cursor=cursor)
        return self._call("GET", "/v1/rewards", _rewards, params=params)

    def list_tiers(self, *, cursor: str | None = None) -> Page[Tier]:
        """GET /v1/tiers (`cursor` only so that `iter_all` can follow a paged answer)."""
        return self._call("GET", "/v1/tiers", _tiers, params=_query(cursor=cursor))

    # Redemptions

    def get_redemption(self, id_or_code: str) -> Redemption:
        """GET /v1/redemptions/{id or code}."""
        path = f"/v1/redemptions/{_segment(id_or_code, 'id_or_code')}"
        return self._call("GET", path, _redemption, expect=_redemption_is(id_or_code))

    def list_redemptions(
        self,
        *,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        terminal_id: str | None = None,
        status: RedemptionStatus | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Redemption]:
        """GET /v1/redemptions."""
        params = _query(
            created_from=created_from,
            created_to=created_to,
            terminal_id=terminal_id,
            status=None if status is None else RedemptionStatus(status).value,
            updated_since=updated_since,
            limit=limit,
            cursor=cursor,
        )
        return self._call("GET", "/v1/redemptions", _redemptions, params=params)

    def use_redemption(self, id_or_code: str, *, idempotency_key: str) -> Redemption:
        """POST /v1/redemptions/{id or code}/use: mark an issued redemption used (once)."""
        path = f"/v1/redemptions/{_segment(id_or_code, 'id_or_code')}/use"
        return self._call(
            "POST",
            path,
            _redemption,
            body={},
            idempotency_key=idempotency_key,
            expect=_redemption_is(id_or_code, RedemptionStatus.USED),
        )

    def void_redemption(
        self, id_or_code: str, *, reason: str | None = None, idempotency_key: str
    ) -> Redemption:
        """POST /v1/redemptions/{id or code}/void: void an issued redemption, refunding points."""
        path = f"/v1/redemptions/{_segment(id_or_code, 'id_or_code')}/void"
        return self._call(
            "POST",
            path,
            _redemption,
            body=_body(reason=reason),
            idempotency_key=idempotency_key,
            expect=_redemption_is(id_or_code, RedemptionStatus.VOID),
        )

    # Paging

    def iter_all(self, list_method: Callable[..., Page[T]], **kwargs: Any) -> Iterator[T]:
        """Every item of `list_method(**kwargs)`, fetching pages lazily via `next_cursor`."""
        seen: set[str] = set()
        while True:
            page = list_method(**kwargs)
            yield from page.data
            if not page.has_more:
                return
            cursor = page.next_cursor
            # A server that hands back a cursor twice would keep us paging forever.
            if cursor is None or cursor in seen:
                raise ProtocolError("The loyalty service repeated a list cursor.")
            seen.add(cursor)
            kwargs["cursor"] = cursor

    # Transport

    def _call(
        self,
        method: str,
        path: str,
        parse: Callable[[object], T],
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, object] | None = None,
        idempotency_key: str | None = None,
        expect: Callable[[T], None] | None = None,
    ) -> T:
        """One exchange; `expect` checks that the parsed answer is about what was asked
        (it raises `MismatchedAnswer` if not)."""
        headers: dict[str, str] = {}
        content: bytes | None = None
        if method == "POST":
            if idempotency_key is None:
                raise ValueError("every POST needs an idempotency_key")
            headers["Idempotency-Key"] = _check_idempotency_key(idempotency_key)
            content = json.dumps(
                body if body is not None else {}, ensure_ascii=False, allow_nan=False
            ).encode("utf-8")
            headers["Content-Type"] = "application/json"

        started = time.monotonic()
        try:
            with deadline(self._budget):
                status, payload, response_headers = self._exchange(
                    method, path, params=params, content=content, headers=headers
                )
            _log.debug(
                "%s %s -> %d in %.1f ms",
                method,
                path,
                status,
                (time.monotonic() - started) * 1000,
            )
            if not 200 <= status <= 299:
                raise error_from_response(status, payload, response_headers)
            try:
                result = parse(_decode_json(payload, status))
                if expect is not None:
                    expect(result)
                return result
            except ProtocolError as exc:
                exc.status = status
                raise
        except ApiError as exc:
            # A hostile or buggy server could echo the key back into a message.
            exc._scrub(self._api_key)
            _log.debug(
                "%s %s failed after %.1f ms: %s (%s)",
                method,
                path,
                (time.monotonic() - started) * 1000,
                type(exc).__name__,
                exc.code,
            )
            raise

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None,
        content: bytes | None,
        headers: Mapping[str, str],
    ) -> tuple[int, bytes, httpx.Headers]:
        """Send one request and read the whole body (at most `max_response_bytes`)."""
        limit = self._max_response_bytes
        try:
            with self._http.stream(
                method, path, params=params, content=content, headers=headers
            ) as response:
                status = response.status_code
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise _too_large(status, limit)
                chunks: list[bytes] = []
                size = 0
                # Counted after decoding, so a compressed bomb stops at the cap too.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _too_large(status, limit)
                    chunks.append(chunk)
                return status, b"".join(chunks), response.headers
        except httpx.DecodingError:
            raise ProtocolError(
                "The loyalty service sent a body that could not be decompressed."
            ) from None
        except httpx.TimeoutException as exc:
            error = NetworkError(
                f"The loyalty service did not answer in time ({type(exc).__name__})."
            )
            error.request_sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            error.timed_out = True
            raise error from exc
        except httpx.RequestError as exc:
            error = NetworkError(f"Could not reach the loyalty service ({type(exc).__name__}).")
            error.request_sent = not isinstance(exc, httpx.ConnectError)
            raise error from exc


def _too_large(status: int, limit: int) -> ProtocolError:
    return ProtocolError(
        f"The loyalty service sent a response larger than {limit} bytes (HTTP {status}).",
        status=status,
    )


def _customer(value: object) -> Customer:
    return parse_customer(value)


def _customers(value: object) -> Page[Customer]:
    return parse_page(value, parse_customer)


def _transaction(value: object) -> PointsTransaction:
    return parse_points_transaction(value)


def _transactions(value: object) -> Page[PointsTransaction]:
    return parse_page(value, parse_points_transaction)


def _rewards(value: object) -> Page[Reward]:
    return parse_page(value, parse_reward)


def _tiers(value: object) -> Page[Tier]:
    return parse_page(value, parse_tier)


def _redemption(value: object) -> Redemption:
    return parse_redemption(value)


def _redemptions(value: object) -> Page[Redemption]:
    return parse_page(value, parse_redemption)


# What an answer must say to be about the request (ISSUE8 #6: a 200 about another code or
# customer was taken as success, and the operation was never sent again).


def _shown(value: object) -> str:
    text = repr(value.value if isinstance(value, enum.Enum) else value)
    return text if len(text) <= 80 else text[:77] + "..."


def _same(kind: str, name: str, asked: object, got: object) -> None:
    if got != asked:
        raise MismatchedAnswer(
            f"The loyalty service answered with a {kind} whose {name} is {_shown(got)}, "
            f"not {_shown(asked)} as asked."
        )


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _customer_is(customer_id: str) -> Callable[[Customer], None]:
    return lambda customer: _same("customer", "id", customer_id, customer.id)


def _transaction_is(
    customer_id: str, points: int, kind: TransactionType
) -> Callable[[PointsTransaction], None]:
    def check(txn: PointsTransaction) -> None:
        _same("points transaction", "customer_id", customer_id, txn.customer_id)
        _same("points transaction", "points", points, txn.points)
        _same("points transaction", "type", kind, txn.type)

    return check


def _redemption_made(
    customer_id: str, reward_id: str, points: int, code: str | None
) -> Callable[[Redemption], None]:
    def check(red: Redemption) -> None:
        if code is not None:
            _same("redemption", "code", code.upper(), red.code.upper())
        _same("redemption", "customer_id", customer_id, red.customer_id)
        _same("redemption", "reward_id", reward_id, red.reward_id)
        _same("redemption", "points", points, red.points)

    return check


def _redemption_is(
    id_or_code: str, status: RedemptionStatus | None = None
) -> Callable[[Redemption], None]:
    def check(red: Redemption) -> None:
        # The backend finds a code whatever its case (codes are upper case).
        if id_or_code != red.id and id_or_code.upper() != red.code.upper():
            raise MismatchedAnswer(
                f"The loyalty service answered about redemption {_shown(red.code)}, "
                f"not {_shown(id_or_code)} as asked."
            )
        if status is not None:
            _same("redemption", "status", status, red.status)

    return check
