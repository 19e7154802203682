"""A customer's points history: what waits in this terminal's outbox, then the backend's
history (or, offline, the newest page last seen online)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..api import ApiError, NotFound
from ..domain.models import OperationKind, OutboxEntry, OutboxState, Source
from ..domain.operations import Award, Return
from ..domain.progress import Label, label_of, label_text
from ..domain.timefmt import from_db
from ..i18n import _
from ..store import cache, orders, outbox
from . import backend, validate
from .errors import BackendUnavailable, BadInput, Refused
from .terminal import Terminal


@dataclass(frozen=True, slots=True)
class HistoryLine:
    type: str
    points: int
    balance_after: int | None
    reason: str | None
    at: datetime
    synced: bool  # False: waiting in this terminal's outbox
    label: Label = Label.AWARD  # bonus, sale, return, adjustment, redemption, expiry, award
    order_id: str | None = None  # a sale's or a return's order number

    @property
    def label_text(self) -> str:
        """ "sale order_12345", "bonus", ..."""
        return label_text(self.label, self.order_id)


@dataclass(frozen=True, slots=True)
class History:
    customer_id: str
    lines: tuple[HistoryLine, ...]
    source: Source  # offline: cache (last seen online, plus pending)
    next_cursor: str | None = None  # more, older lines: pass it back for the next page


def label(value: object) -> Label | None:
    """A history filter as typed (`--type sale`), or BadInput; None for no filter."""
    if value is None:
        return None
    try:
        return Label(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(item.value for item in Label)
        raise BadInput(
            _("Unknown history type {value}; one of: {allowed}.").format(
                value=repr(str(value)[:40]), allowed=allowed
            )
        ) from None


def history(
    t: Terminal,
    customer_id: str,
    limit: object = 20,
    cursor: str | None = None,
    *,
    only: object = None,
) -> History:
    """Newest first: operations waiting in the outbox, then the backend's history (or, when
    it cannot be reached, the newest page last seen online). `cursor` asks for an older page
    from the backend. `only`: one label (bonus, sale, return, ...), among the lines read."""
    wanted = label(only)
    found = _history(t, customer_id, limit, cursor)
    if wanted is None:
        return found
    kept = tuple(line for line in found.lines if line.label is wanted)
    return History(found.customer_id, kept, found.source, found.next_cursor)


def _history(t: Terminal, customer_id: str, limit: object, cursor: str | None) -> History:
    cid = validate.object_id(customer_id, "customer")
    count = validate.points(limit, what="Limit")
    if count > 100:
        raise BadInput(_("Limit must be at most 100."))
    if cursor is not None:
        return _older_page(t, cid, count, cursor)
    # A return waiting to sync shows the points this terminal expects it to take back.
    expected = {r.outbox_id: r.points_expected for r in orders.returns_of_customer(t.db.conn, cid)}
    pending = [
        _pending_line(e, expected.get(e.id, 0))
        for e in outbox.for_customer(t.db.conn, cid)
        if e.state is OutboxState.PENDING and e.kind in _IN_HISTORY
    ]
    source = Source.CACHE
    next_cursor: str | None = None
    if t.has_backend:
        try:
            page = t.counter_client.list_points(customer_id=cid, limit=count)
            next_cursor = page.next_cursor if page.has_more else None
            with t.db.transaction() as conn:
                cache.replace_history(
                    conn,
                    cid,
                    [
                        (
                            x.id,
                            x.type.value,
                            x.points,
                            x.balance_after,
                            x.reason,
                            x.created_at,
                            *label_of(x.type.value, x.metadata),
                        )
                        for x in page.data
                    ],
                )
            source = Source.BACKEND
        except NotFound:
            raise Refused(
                _("No customer with id {cid}.").format(cid=cid), "customer_not_found"
            ) from None
        except ApiError as error:
            if not backend.unreachable(error):
                raise backend.translate(error) from None
    rows = cache.cached_history(t.db.conn, cid, count)
    if source is Source.CACHE and not rows and cache.get_customer(t.db.conn, cid) is None:
        if not t.has_backend:
            raise BadInput(t.missing_backend, "not_configured")
        raise BackendUnavailable(
            _(
                "Customer {cid} is not on this terminal and the loyalty service cannot be reached."
            ).format(cid=cid)
        )
    synced = [
        HistoryLine(
            r["type"],
            r["points"],
            r["balance_after"],
            r["reason"],
            from_db(r["created_at"]),
            True,
            # A line cached before labels were kept: labelled by its type alone.
            Label(r["label"]) if r["label"] else label_of(r["type"], {})[0],
            r["order_id"],
        )
        for r in rows
    ]
    return History(cid, tuple(pending + synced), source, next_cursor)


def _older_page(t: Terminal, cid: str, count: int, cursor: str) -> History:
    try:
        page = t.counter_client.list_points(customer_id=cid, limit=count, cursor=cursor)
    except ApiError as error:
        raise backend.translate(error, what="Older history") from None
    lines = tuple(
        HistoryLine(
            x.type.value,
            x.points,
            x.balance_after,
            x.reason,
            x.created_at,
            True,
            *label_of(x.type.value, x.metadata),
        )
        for x in page.data
    )
    return History(cid, lines, Source.BACKEND, page.next_cursor if page.has_more else None)


_IN_HISTORY = (
    OperationKind.REDEEM,
    OperationKind.AWARD,
    OperationKind.ADJUST,
    OperationKind.RETURN,
)


def _pending_line(entry: OutboxEntry, returning: int = 0) -> HistoryLine:
    p = entry.payload
    points = int(p.get("points", 0))  # type: ignore[call-overload]
    kind = {"redeem": "redeemed", "award": "earned", "adjust": "adjusted", "return": "adjusted"}[
        entry.kind.value
    ]
    if entry.kind is OperationKind.REDEEM:
        points = -points
    metadata = p.get("metadata")
    tags: dict[str, object] = dict(metadata) if isinstance(metadata, dict) else {}
    operation = entry.operation
    if isinstance(operation, Award) and operation.bonus:
        tags["kind"] = "bonus"
    if isinstance(operation, Return):
        points = -returning
        tags.update(kind="return", order_id=operation.order_id)
    line_label, order_id = label_of(kind, tags)
    return HistoryLine(
        kind,
        points,
        None,
        str(p.get("reason") or p.get("code") or ""),
        entry.created_at,
        False,
        line_label,
        order_id,
    )
