"""Checkout side: verify a REDEEM code and mark it used, one time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ..api import ApiError, NotFound
from ..domain.codes import normalize_code
from ..domain.jsonable import jsonable
from ..domain.models import (
    HANDED_OUT,
    LocalRedemption,
    OperationKind,
    RedemptionStatus,
    Source,
)
from ..domain.operations import Use
from ..i18n import N_, _
from ..store import DiskFull, audit, cache, outbox, redemptions
from ..sync import mapping
from . import backend, describe, validate
from .errors import BackendUnavailable, BadInput, Refused
from .submit import Verdict, submit
from .terminal import Terminal

_WORDS = {
    RedemptionStatus.CONFIRMED: N_("valid: not used yet"),
    RedemptionStatus.OFFLINE: N_("valid: issued offline, not used yet"),
    RedemptionStatus.USED: N_("already used"),
    RedemptionStatus.VOID: N_("void: points were returned"),
    RedemptionStatus.REJECTED: N_("not valid: the loyalty service refused it"),
    RedemptionStatus.CANCELLED: N_("not valid: cancelled before it was handed out"),
    RedemptionStatus.CONFLICT: N_("in dispute: a manager must resolve it"),
    RedemptionStatus.PENDING: N_("not confirmed yet"),
}


_NOBODY = ("", "system")  # not a person: an entry made before actions carried a name


@dataclass(frozen=True, slots=True)
class Settled:
    """When, where and by whom a used or void code was used or voided, as far as this
    terminal knows; None is unknown (never guessed)."""

    at: datetime | None  # this terminal's own record first, else the backend's used/voided_at
    here: bool  # this terminal used or voided it (its outbox says so)
    terminal_id: str | None  # this terminal's id when `here`; the backend does not say
    by: str | None  # the person signed in here who did it
    approved_by: str | None = None  # the manager who approved a void made here


@dataclass(frozen=True, slots=True)
class CodeStatus:
    redemption: LocalRedemption
    source: Source
    recorded: bool = True  # False: the disk is full; recorded here when space allows
    customer_name: str | None = None  # from the redemption or this terminal's cache
    reward_name: str | None = None
    settled: Settled | None = None  # for a used or void code

    @property
    def usable(self) -> bool:
        return self.redemption.status in HANDED_OUT

    @property
    def description(self) -> str:
        return _(_WORDS[self.redemption.status])

    def as_json(self) -> dict[str, object]:
        r = self.redemption
        return {
            "code": r.code,
            "status": r.status.value,
            "usable": self.usable,
            "description": _WORDS[r.status],  # English: for machines
            "customer_id": r.customer_id,
            "reward_id": r.reward_id,
            "points": r.points,
            "discount_amount": r.discount_amount,
            "currency": r.currency,
            "source": self.source.value,
            "customer_name": self.customer_name,
            "reward_name": self.reward_name,
            "settled": jsonable(self.settled),
        }


def settled_text(status: CodeStatus, when: Callable[[datetime], str]) -> str:
    """For a used or void code, "Used 26 Nov 2026 14:20 at this till (till-1) by Chidi"
    (and "approved by" a manager on a second line), saying only what is known; else ""."""
    s = status.settled
    if s is None:
        return ""
    return describe.settled_text(
        void=status.redemption.status is RedemptionStatus.VOID,
        at=s.at,
        here=s.here,
        terminal_id=s.terminal_id,
        by=s.by,
        approved_by=s.approved_by,
        when=when,
    )


def verify(t: Terminal, code: str) -> CodeStatus:
    literal = validate.code(code)
    folded = normalize_code(literal)  # a person may have typed O for 0, or I/L for 1
    if folded is not None and folded != literal:
        try:
            return _verify(t, literal)
        except Refused:
            return _verify(t, folded)
    return _verify(t, literal)


def _verify(t: Terminal, canonical: str) -> CodeStatus:
    if t.has_backend:
        try:
            remote = t.counter_client.get_redemption(canonical)
        except NotFound:
            local = redemptions.get(t.db.conn, canonical)
            if local is not None and local.status in (
                RedemptionStatus.OFFLINE,
                RedemptionStatus.PENDING,
            ):
                return _status(t, local, Source.CACHE)  # issued here, not synced yet
            raise Refused(
                _("{canonical} is not a code the loyalty service knows.").format(
                    canonical=canonical
                ),
                "redemption_not_found",
            ) from None
        except ApiError as error:
            if not backend.unreachable(error):
                raise backend.translate(error) from None
        else:
            with t.db.transaction() as conn:
                redemptions.upsert_remote(conn, mapping.remote_redemption(remote))
            local = redemptions.get(t.db.conn, canonical)
            assert local is not None
            return _status(
                t, local, Source.BACKEND, used_at=remote.used_at, voided_at=remote.voided_at
            )
    local = redemptions.get(t.db.conn, canonical)
    if local is None and not t.has_backend:
        raise BadInput(t.missing_backend, "not_configured")
    if local is None:
        raise BackendUnavailable(
            _(
                "{canonical} is not known on this terminal and the loyalty service "
                "cannot be reached to check it."
            ).format(canonical=canonical)
        )
    return _status(t, local, Source.CACHE)


def _status(
    t: Terminal,
    red: LocalRedemption,
    source: Source,
    *,
    used_at: datetime | None = None,
    voided_at: datetime | None = None,
    recorded: bool = True,
) -> CodeStatus:
    """A code's status with the names a cashier needs: whose it is, what it gives, and for
    a used or void code when, where and by whom, from what this terminal and the backend
    know."""
    conn = t.db.conn
    customer = red.customer_name
    if customer is None:
        cached = cache.get_customer(conn, red.customer_id)
        customer = cached.name if cached else None
    reward = red.reward_name
    if reward is None:
        known = cache.get_reward(conn, red.reward_id)
        reward = known.name if known else None
    settled = None
    if red.status in (RedemptionStatus.USED, RedemptionStatus.VOID):
        void = red.status is RedemptionStatus.VOID
        kind = OperationKind.VOID if void else OperationKind.USE
        entry = outbox.latest_for_code(conn, kind, red.code)
        approved_by = None
        if entry is not None and void:
            details = audit.latest_details(conn, "void.created", red.code) or {}
            named = details.get("approved_by")
            approved_by = named if isinstance(named, str) and named not in _NOBODY else None
        settled = Settled(
            at=entry.created_at if entry is not None else (voided_at if void else used_at),
            here=entry is not None,
            terminal_id=t.terminal_id if entry is not None else None,
            by=entry.operator if entry is not None and entry.operator not in _NOBODY else None,
            approved_by=approved_by,
        )
    return CodeStatus(
        red,
        source,
        recorded=recorded,
        customer_name=customer,
        reward_name=reward,
        settled=settled,
    )


def use(t: Terminal, code: str, *, operator: str = "system") -> CodeStatus:
    """Mark a code used once. Offline, only a code this terminal knows as valid."""
    status = verify(t, code)
    red = status.redemption
    if red.status is RedemptionStatus.USED:
        raise Refused(_("{code} was already used.").format(code=red.code), "redemption_not_usable")
    if not status.usable:
        raise Refused(
            _("{code} cannot be used: {description}.").format(
                code=red.code, description=status.description
            ),
            "redemption_not_usable",
        )
    submitted = submit(t, Use(red.code), customer_id=red.customer_id, operator=operator, details={})
    if submitted.verdict is Verdict.REFUSED:
        why = submitted.reason or _("The loyalty service refused it.")
        raise Refused(
            _("{why} The discount must not be given.").format(why=why),
            submitted.refusal_code or "redemption_not_usable",
        )
    applied = submitted.verdict is Verdict.CONFIRMED
    try:
        with t.db.transaction() as conn:
            if not applied:
                outbox.set_handed_out(conn, submitted.entry_id, t.clock())  # it will sync
            redemptions.set_status(conn, red.code, RedemptionStatus.USED, now=t.clock())
    except DiskFull:
        # The use is queued (and may be applied already): the discount is given, and
        # this terminal records it when there is space.
        used = replace(red, status=RedemptionStatus.USED)
        return _status(t, used, Source.BACKEND if applied else Source.CACHE, recorded=False)
    final = redemptions.get(t.db.conn, red.code)
    assert final is not None
    return _status(
        t, final, Source.BACKEND if applied else Source.CACHE, recorded=submitted.recorded
    )
