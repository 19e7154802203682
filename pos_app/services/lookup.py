"""Looking a customer up: one customer with their balance and the points waiting to sync
(cached, or fresh from the backend), their rewards and their progress. Searching (`find`,
`recent`) lives in services/search.py, re-exported here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..api import ApiError, NotFound
from ..domain.models import CustomerInfo, RewardInfo, Source
from ..i18n import _
from ..i18n.formats import number
from ..store import cache, outbox
from . import backend, validate
from .errors import BackendUnavailable, BadInput, Refused
from .search import find as find
from .search import recent as recent
from .terminal import Terminal

if TYPE_CHECKING:  # imported where used: a search needs neither
    from ..domain import eligibility, progress


@dataclass(frozen=True, slots=True)
class CustomerView:
    customer: CustomerInfo
    pending_points: int  # outgoing points waiting in the outbox
    source: Source

    @property
    def projected_balance(self) -> int:
        return self.customer.points_balance - self.pending_points

    @property
    def standing(self) -> eligibility.Standing:
        from ..domain import eligibility

        return eligibility.Standing(self.customer.lifetime_points, self.projected_balance)


def refresh(t: Terminal, customer_id: str) -> CustomerInfo | None:
    """Fetch one customer from the backend into the cache. None if unreachable; raises
    Refused if the backend does not know them."""
    return _fetch(t, customer_id)[0]


def _fetch(t: Terminal, customer_id: str) -> tuple[CustomerInfo | None, ApiError | None]:
    try:
        fetched = t.counter_client.get_customer(customer_id)
    except NotFound as error:
        if error.code != "customer_not_found":  # an unknown route or a proxy: not the customer
            raise backend.translate(error) from None
        raise Refused(
            _("No customer with id {customer_id}.").format(customer_id=customer_id),
            "customer_not_found",
        ) from None
    except ApiError as error:
        if backend.unreachable(error):
            return None, error
        raise backend.translate(error) from None
    from ..sync import mapping

    info = mapping.customer(fetched, t.clock())
    with t.db.transaction() as conn:
        cache.upsert_customer(conn, info)
    return cache.get_customer(t.db.conn, customer_id), None


def show(t: Terminal, customer_id: str, *, fresh: bool = True) -> CustomerView:
    """A customer with balance: fresh from the backend when it answers, else cached."""
    cid = validate.object_id(customer_id, "customer")
    info, problem = _fetch(t, cid) if (fresh and t.has_backend) else (None, None)
    source = Source.BACKEND if info is not None else Source.CACHE
    if info is None:
        info = cache.get_customer(t.db.conn, cid)
    if info is None:
        if problem is not None:
            raise backend.translate(
                problem,
                what=_("Customer {cid} is not on this terminal; fetching them").format(cid=cid),
            ) from None
        if t.has_backend:
            raise BackendUnavailable(
                _(
                    "Customer {cid} is not on this terminal and the loyalty service cannot "
                    "be reached."
                ).format(cid=cid)
            )
        if cache.get_cursor(t.db.conn, "customers") is None:
            raise BadInput(t.missing_backend, "not_configured")
        raise Refused(
            _("No customer with id {cid} on this terminal.").format(cid=cid), "customer_not_found"
        )
    pending, _handed_out = outbox.pending_outgoing_points(t.db.conn, cid)
    return CustomerView(info, pending, source)


@dataclass(frozen=True, slots=True)
class RewardOption:
    reward: RewardInfo
    available: bool
    note: str  # why not, in words for the counter ("350 more points", "Gold members only")


@dataclass(frozen=True, slots=True)
class CustomerScreen:
    view: CustomerView
    options: tuple[RewardOption, ...]


def reward_options(t: Terminal, view: CustomerView) -> tuple[RewardOption, ...]:
    from ..domain import eligibility

    tiers = {tier.id: tier for tier in cache.list_tiers(t.db.conn)}
    return tuple(
        _option(reward, eligibility.judge(reward, tiers=tiers, standing=view.standing))
        for reward in cache.list_rewards(t.db.conn)
    )


def _option(reward: RewardInfo, verdict: eligibility.Eligibility) -> RewardOption:
    from ..domain import eligibility

    if verdict.hindrance is eligibility.Hindrance.NOT_OFFERED:
        return RewardOption(reward, False, _("No longer offered"))
    if verdict.hindrance is eligibility.Hindrance.TIER and verdict.tier is not None:
        return RewardOption(reward, False, _("{name} members only").format(name=verdict.tier.name))
    if verdict.hindrance is eligibility.Hindrance.BALANCE:
        return RewardOption(
            reward,
            False,
            _("{missing_points} more points needed").format(
                missing_points=number(verdict.missing_points)
            ),
        )
    return RewardOption(reward, True, "")


def screen(t: Terminal, customer_id: str, *, fresh: bool) -> CustomerScreen:
    """Everything the customer screen shows: the customer (cached, or fresh from the
    backend) and the rewards with what stands between the customer and each."""
    view = show(t, customer_id, fresh=fresh)
    return CustomerScreen(view, reward_options(t, view))


@dataclass(frozen=True, slots=True)
class Progress:
    """Lifetime points and the way to the next tier (from the cached tiers), and the points
    expiring soon with the days left."""

    tier: progress.TierProgress
    expiring: tuple[progress.ExpiringSoon, ...]


def tier_progress(t: Terminal, view: CustomerView) -> Progress:
    """The customer's progress, from the cached tiers (works offline); a terminal that
    holds no tiers yet fetches the catalogue first, if the backend answers."""
    from ..domain import progress

    c = view.customer
    tiers = cache.list_tiers(t.db.conn)
    if not tiers and t.has_backend and cache.get_cursor(t.db.conn, "rewards") is None:
        t.engine.pull_catalogue_quietly(t.counter_client)  # unreachable: no progress shown
        tiers = cache.list_tiers(t.db.conn)
    return Progress(
        progress.tier_progress(c.lifetime_points, tiers),
        progress.expiring_soon(c.points_expiring, t.clock()),
    )
