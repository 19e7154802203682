"""The fault suite's oracle: what each terminal reported, operation by operation, against
what the backend holds once every queue has drained.

The expected books are replayed from the terminals' own records (amounts, expiries,
customers) in the order the backend applied them, so a transaction the backend holds with
another amount, customer or expiry, or one no terminal made, shows up as a violation that
names the operation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .books import Books, Ret, Txn

DONE = ("confirmed", "offline")
#: Answers after which the backend certainly did not apply the request (the team's shared
#: contract: a 503 `unavailable` and a 429 are refusals to start, not lost answers).
NEVER_APPLIED = ("unavailable", "rate_limited")


@dataclass
class Op:
    """One thing a cashier did, and what the terminal told them."""

    n: int
    kind: str  # redeem, award, adjust, void, sale (an award for an order), return
    terminal: str
    customer: str
    points: int  # redeem: cost; award: points; adjust: signed; void: points given back
    tag: str  # the reason (award, adjust, void) the backend keeps: names the operation
    phase: str
    reported: str = ""  # confirmed, offline (queued / handed out), or how it failed
    message: str = ""
    code: str | None = None
    outbox_id: int | None = None
    expires_at: str | None = None  # award: the lot's expiry as the backend writes it
    reward_id: str | None = None
    discount: int = 0
    counter_error: str | None = None  # the outbox row's last error when the cashier was told
    order: str | None = None  # sale, return: the order id
    money: int = 0  # sale: the sale's amount; return: the amount returned

    @property
    def done(self) -> bool:
        return self.reported in DONE

    def name(self) -> str:
        parts = [
            f"{self.kind} op#{self.n} on {self.terminal}",
            f"outbox #{self.outbox_id}" if self.outbox_id is not None else "no outbox row",
            f"code {self.code}" if self.code else "",
            f"order {self.order} amount {self.money}" if self.order else "",
            f"customer {self.customer}",
            f"{self.points:+} pts" if self.kind == "adjust" else f"{self.points} pts",
            f"during {self.phase}",
            f"reported {self.reported}" + (f" ({self.message[:80]})" if self.message else ""),
        ]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class LocalEntry:
    """One outbox row of one terminal after the final sync."""

    terminal: str
    id: int
    kind: str
    state: str
    key: str
    handed_out: bool
    code: str | None
    customer: str | None
    abandoned: bool
    operator: str | None


@dataclass(frozen=True, slots=True)
class LocalOrder:
    """One row of a terminal's order index (store/orders.py) after the final sync."""

    terminal: str
    order_id: str
    customer: str
    points: int
    outbox_id: int
    transaction_id: str | None
    state: str  # its outbox row's


@dataclass(frozen=True, slots=True)
class LocalReturn:
    """One return a terminal made (store/orders.py order_returns) after the final sync."""

    terminal: str
    order_id: str
    customer: str
    returned_amount: int
    expected: int  # the terminal's own figure (reversed plus shortfall)
    reversed: int | None
    shortfall: int | None
    return_id: str | None
    outbox_id: int
    state: str


@dataclass(frozen=True, slots=True)
class Seed:
    customer: str
    points: int
    expires_at: str | None
    reason: str


class LotModel:
    """One customer's point lots under the contract's rules: spend the soonest expiry
    first, undated lots last; an adjustment up or a void adds an undated lot."""

    def __init__(self) -> None:
        self._lots: list[list[object]] = []  # [expires_at, remaining, order]
        self._order = 0
        self.balance = 0
        # What each redemption (by its code) spent, for a void that gives it back.
        self.taken: dict[str, list[tuple[str | None, int]]] = {}

    def add(self, points: int, expires_at: str | None) -> None:
        self._order += 1
        self._lots.append([expires_at, points, self._order])
        self.balance += points

    def spend(self, points: int) -> list[tuple[str | None, int]]:
        taken: list[tuple[str | None, int]] = []
        left = points
        for lot in sorted(
            self._lots, key=lambda x: (x[0] is None, str(x[0] or ""), int(str(x[2])))
        ):
            have = int(str(lot[1]))
            if left == 0 or have == 0:
                continue
            take = min(left, have)
            lot[1] = have - take
            left -= take
            taken.append((lot[0] if isinstance(lot[0], str) else None, take))
        self.balance -= points - left
        if left:
            self.balance -= left  # drives the model negative: reported as a violation
        return taken

    def grouped(self) -> dict[str | None, int]:
        out: dict[str | None, int] = defaultdict(int)
        for expires, remaining, _ in self._lots:
            if int(str(remaining)) > 0:
                out[expires if isinstance(expires, str) else None] += int(str(remaining))
        return dict(out)


@dataclass
class Verdict:
    """Violations per invariant, each naming the operation; and what was observed."""

    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    failed_but_applied: list[str] = field(default_factory=list)
    applied_then_voided: list[str] = field(default_factory=list)  # allowed, reported
    applied_though_never_applied: list[str] = field(default_factory=list)
    refusals_not_kept: list[str] = field(default_factory=list)
    conflicts_without_refusal: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    balances: list[str] = field(default_factory=list)
    lots: list[str] = field(default_factory=list)
    not_drained: list[str] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)  # the order index against the ledger
    returns: list[str] = field(default_factory=list)  # the terminals' returns against it
    unexpected: list[str] = field(default_factory=list)
    conflicts: int = 0
    auto_voids: int = 0
    auto_voids_noted: int = 0  # their note says why the expiry dates could not be kept


def _short(items: list[str], limit: int = 25) -> str:
    more = f"\n  ... and {len(items) - limit} more" if len(items) > limit else ""
    return "\n  " + "\n  ".join(items[:limit]) + more


def explain(items: list[str], what: str) -> str:
    return f"{len(items)} {what}:{_short(items)}"


class Oracle:
    def __init__(
        self,
        ops: list[Op],
        seeds: list[Seed],
        local: list[LocalEntry],
        local_status: dict[str, tuple[str, str]],  # code -> (terminal, status)
        books: Books,
        orders: list[LocalOrder] | None = None,
        returns: list[LocalReturn] | None = None,
    ) -> None:
        self.ops = ops
        self.orders = orders or []
        self.returns = returns or []
        self.seeds = {s.reason: s for s in seeds}
        self.local = local
        self.local_status = local_status
        self.books = books
        self.by_tag = {o.tag: o for o in ops}
        self.redeem_by_code = {o.code: o for o in ops if o.kind == "redeem" and o.code}
        self.entries_by_key = {e.key: e for e in local}
        self.voided_codes = {o.code for o in ops if o.kind == "void" and o.done}
        self.txn_ids: dict[str, list[str]] = defaultdict(list)  # operation tag -> txn ids
        self.entries = {(e.terminal, e.id): e for e in local}
        self.v = Verdict()

    # ------------------------------------------------------------ the run
    def judge(self) -> Verdict:
        txn_count = self._replay()
        for ret in self.books.returns.values():
            if ret.reason in self.by_tag:
                txn_count[ret.reason] += 1  # a return counts once, taking points back or not
        for op in self.ops:
            if op.reported == "crashed":
                self.v.unexpected.append(op.name())
            if op.done:
                self._done_exactly_once(op, txn_count)
            else:
                self._failed_not_applied(op, txn_count)
        self._answers_match()
        self._refusals()
        self._drained()
        self._unknown_redemptions()
        self._order_index()
        self._local_returns()
        return self.v

    def _entry(self, op: Op) -> LocalEntry | None:
        return None if op.outbox_id is None else self.entries.get((op.terminal, op.outbox_id))

    def _kept_conflict(self, op: Op) -> bool:
        entry = self._entry(op)
        if entry is None or entry.state not in ("conflict", "resolved"):
            return False
        self.v.conflicts += 1
        answer = self.books.answers.get(entry.key)
        if answer is None or not answer.refusal:
            self.v.conflicts_without_refusal.append(
                f"{op.name()}: a conflict on the terminal, but the backend holds no refusal"
            )
        return True

    # ------------------------------------------------------------ exactly once
    def _done_exactly_once(self, op: Op, txn_count: Counter[str]) -> None:
        seen = txn_count[op.code or ""] if op.kind == "redeem" else txn_count[op.tag]
        if seen == 0:
            if self._kept_conflict(op):
                return
            self.v.lost.append(f"LOST {op.name()}: not on the backend and not a conflict")
            return
        if seen > 1:
            self.v.doubled.append(f"DOUBLED {op.name()}: applied {seen} times")
        if op.kind == "redeem":
            red = self.books.redemptions.get(op.code or "")
            if red is None:
                self.v.lost.append(f"LOST {op.name()}: a transaction but no redemption")
            elif red.status == "void" and op.code not in self.voided_codes:
                self.v.mismatched.append(
                    f"{op.name()}: handed out, but void on the backend and no cashier voided it"
                )
            elif (red.customer_id, red.points, red.reward_id) != (
                op.customer,
                op.points,
                op.reward_id,
            ):
                self.v.mismatched.append(
                    f"{op.name()}: the backend holds {red.customer_id} {red.points} pts "
                    f"{red.reward_id}"
                )
        if op.kind == "void":
            red = self.books.redemptions.get(op.code or "")
            if red is None or red.status != "void":
                self.v.lost.append(
                    f"LOST {op.name()}: the redemption is "
                    f"{'absent' if red is None else red.status} on the backend"
                )

    def _failed_not_applied(self, op: Op, txn_count: Counter[str]) -> None:
        if op.kind == "redeem":
            red = self.books.redemptions.get(op.code or "") if op.code else None
            if red is None:
                return
            if op.counter_error in NEVER_APPLIED:
                self.v.applied_though_never_applied.append(
                    f"{op.name()}: the counter's attempt got {op.counter_error} (certainly "
                    f"not applied) and it was refused at the counter, yet a sync applied it "
                    f"later (now {red.status} on the backend)"
                )
            if red.status == "void":
                self.v.applied_then_voided.append(
                    f"{op.name()}: applied on the backend, then voided"
                )
            else:
                self.v.failed_but_applied.append(
                    f"{op.name()}: reported failed, but the backend holds it as {red.status}"
                )
            return
        if txn_count[op.tag]:
            self.v.failed_but_applied.append(
                f"{op.name()}: reported failed, but applied {txn_count[op.tag]} time(s)"
            )

    def _answers_match(self) -> None:
        """The backend's stored answer under each operation's idempotency key is about
        that operation (the key route of matching, beside the code and the reason)."""
        keys = {(e.terminal, e.id): e.key for e in self.local}
        for op in self.ops:
            key = keys.get((op.terminal, op.outbox_id or -1))
            answer = self.books.answers.get(key or "")
            if answer is None or answer.refusal:
                continue
            body = answer.body
            if op.kind in ("redeem", "void"):
                ok = body.get("code") == op.code and body.get("customer_id") == op.customer
            elif op.kind == "return":
                ok = body.get("id") in {
                    r.id for r in self.books.returns.values() if r.reason == op.tag
                }
            else:
                ok = body.get("id") in self.txn_ids.get(op.tag, ())
            if not ok:
                self.v.mismatched.append(
                    f"{op.name()}: the answer stored under its idempotency key is about "
                    f"something else: {str(body)[:160]}"
                )

    # ------------------------------------------------------------ refusals
    def _refusals(self) -> None:
        for answer in self.books.refusals():
            entry = self.entries_by_key.get(answer.key)
            if entry is None:
                continue  # not a terminal's key (the test's own set-up calls)
            who = f"{entry.kind} outbox #{entry.id} on {entry.terminal} ({entry.code or ''} "
            who += f"customer {entry.customer}) refused {answer.status} {answer.error_code}"
            if entry.handed_out and not entry.abandoned:
                if entry.state not in ("conflict", "resolved"):
                    self.v.refusals_not_kept.append(f"{who}: kept as {entry.state}")
            elif entry.state not in ("refused", "conflict", "resolved"):
                self.v.refusals_not_kept.append(f"{who}: kept as {entry.state}")
        for entry in self.local:
            if entry.state in ("conflict", "refused"):
                stored = self.books.answers.get(entry.key)
                if stored is None or not stored.refusal:
                    self.v.conflicts_without_refusal.append(
                        f"{entry.kind} outbox #{entry.id} on {entry.terminal} is {entry.state} "
                        "but the backend holds no refusal for its key"
                    )

    def _drained(self) -> None:
        for entry in self.local:
            if entry.state == "pending":
                self.v.not_drained.append(
                    f"{entry.kind} outbox #{entry.id} on {entry.terminal} still pending"
                )
        for code, (terminal, status) in self.local_status.items():
            red = self.books.redemptions.get(code)
            remote = "absent" if red is None else red.status
            fine = {
                "pending": False,
                "offline": False,
                "confirmed": remote == "issued",
                "used": remote == "used",
                "void": remote in ("void", "absent"),  # voided before it reached the backend
                "conflict": remote == "absent",
                "rejected": remote == "absent",
                "cancelled": remote in ("absent", "void"),
            }.get(status, False)
            if not fine:
                self.v.not_drained.append(
                    f"{code} on {terminal}: local status {status}, backend {remote}"
                )

    def _unknown_redemptions(self) -> None:
        local_codes = set(self.local_status)
        for code, red in self.books.redemptions.items():
            if code not in local_codes:
                self.v.unexplained.append(
                    f"backend redemption {code} of {red.customer_id} ({red.status}) "
                    "that no terminal made"
                )

    # ------------------------------------------------------------ replay
    def _replay(self) -> Counter[str]:
        """Replay every backend transaction of every customer against the terminals'
        records, in the backend's order: balances after each step, then lots."""
        count: Counter[str] = Counter()
        for customer, txns in self.books.txns.items():
            model = LotModel()
            for txn in txns:
                self._step(model, txn, count)
                if model.balance != txn.balance_after:
                    self.v.balances.append(
                        f"customer {customer}: after {txn.type} {txn.points:+} "
                        f"({txn.reason}) the backend says {txn.balance_after}, "
                        f"the terminals' records say {model.balance}"
                    )
                    model.balance = txn.balance_after  # report each divergence once
            backend = self.books.balances.get(customer)
            if backend != model.balance:
                self.v.balances.append(
                    f"customer {customer}: backend balance {backend}, expected {model.balance}"
                )
            want = model.grouped()
            have = self.books.lots.get(customer, {})
            if want != have:
                self.v.lots.append(
                    f"customer {customer}: backend lots {_lots(have)}, expected {_lots(want)}"
                )
        return count

    def _step(self, model: LotModel, txn: Txn, count: Counter[str]) -> None:
        reason = txn.reason or ""
        if reason in self.seeds:
            seed = self.seeds[reason]
            model.add(seed.points, seed.expires_at)
            return
        if txn.type == "redeemed":
            self._redeemed(model, txn, count)
            return
        if txn.type == "adjusted" and txn.redemption_id:
            self._voided(model, txn, count)
            return
        op = self.by_tag.get(reason)
        if op is not None and op.kind == "return" and txn.metadata.get("kind") == "return":
            self._returned(model, txn, op)
            return
        if op is None or op.kind not in ("award", "adjust", "sale"):
            self.v.unexplained.append(
                f"customer {txn.customer_id}: backend {txn.type} {txn.points:+} "
                f"({reason!r}) that no terminal made"
            )
            model.balance += txn.points
            return
        count[op.tag] += 1
        self.txn_ids[op.tag].append(txn.id)
        if (txn.customer_id, txn.points) != (op.customer, op.points) or (
            op.kind == "award" and txn.expires_at != op.expires_at
        ):
            self.v.mismatched.append(
                f"{op.name()}: the backend applied {txn.points:+} to {txn.customer_id} "
                f"expiring {txn.expires_at}"
            )
        if op.kind == "sale" and txn.metadata.get("order_id") != op.order:
            self.v.mismatched.append(
                f"{op.name()}: the backend's award names order {txn.metadata.get('order_id')}"
            )
        if op.kind in ("award", "sale"):
            model.add(op.points, op.expires_at)
        elif op.points > 0:
            model.add(op.points, None)
        else:
            model.spend(-op.points)

    def _returned(self, model: LotModel, txn: Txn, op: Op) -> None:
        """A return's reversal: the soonest-expiring lots go first, as for a redemption."""
        self.txn_ids[op.tag].append(txn.id)
        if (txn.customer_id, txn.metadata.get("order_id")) != (op.customer, op.order):
            self.v.mismatched.append(
                f"{op.name()}: the backend took {txn.points:+} from {txn.customer_id} for "
                f"order {txn.metadata.get('order_id')}"
            )
        model.spend(-txn.points)

    # ------------------------------------------------------------ orders and returns
    def _order_index(self) -> None:
        """Each order earned at most once on the backend; each row of a terminal's order
        index that counts (done) names the backend's award of that order, to the same
        customer and points; every award of an order a terminal made is in its index."""
        awards = self.books.sale_awards()
        for order, txns in awards.items():
            if len(txns) > 1:
                self.v.doubled.append(f"DOUBLED order {order} earned {len(txns)} times")
        done: dict[str, list[LocalOrder]] = defaultdict(list)
        for row in self.orders:
            where = f"order {row.order_id} in the index of {row.terminal} (outbox #{row.outbox_id})"
            txns = awards.get(row.order_id, [])
            if row.state == "done":
                done[row.order_id].append(row)
                txn = next((x for x in txns if x.id == row.transaction_id), None)
                if txn is None:
                    self.v.orders.append(
                        f"{where}: done, names award {row.transaction_id}, the backend holds "
                        f"{[x.id for x in txns]}"
                    )
                elif (txn.customer_id, txn.points) != (row.customer, row.points):
                    self.v.orders.append(
                        f"{where}: {row.customer} {row.points} pts here, the backend "
                        f"{txn.customer_id} {txn.points}"
                    )
            elif row.state == "pending":
                self.v.orders.append(f"{where}: still pending after the final sync")
            elif row.transaction_id is not None:
                self.v.orders.append(f"{where}: {row.state}, yet it names {row.transaction_id}")
        for order, rows in done.items():
            if len(rows) > 1:
                self.v.doubled.append(
                    f"DOUBLED order {order} counts as earned on "
                    f"{[(r.terminal, r.outbox_id) for r in rows]}"
                )
        made = {o.order for o in self.ops if o.kind == "sale"}
        for order, txns in awards.items():
            if order in made and order not in done:
                self.v.orders.append(
                    f"order {order} earned {txns[0].points} on the backend ({txns[0].id}) "
                    "but no terminal's index holds it as done"
                )

    def _local_returns(self) -> None:
        """Each return a terminal recorded as done is the backend's return, with its
        figures, and equals what the terminal worked out; the backend's returns of an
        order take back no more than it earned; every backend return is recorded."""
        awards = self.books.sale_awards()
        by_id = self.books.returns
        seen: set[str] = set()
        for row in self.returns:
            where = (
                f"return of {row.returned_amount} on order {row.order_id} at {row.terminal} "
                f"(outbox #{row.outbox_id})"
            )
            if row.state == "pending":
                self.v.returns.append(f"{where}: still pending after the final sync")
                continue
            if row.state != "done":
                if row.return_id is not None:
                    self.v.returns.append(f"{where}: {row.state}, yet it names {row.return_id}")
                continue
            ret: Ret | None = by_id.get(row.return_id or "")
            if ret is None:
                self.v.returns.append(f"{where}: done, but the backend has no {row.return_id}")
                continue
            seen.add(ret.id)
            local = (row.order_id, row.customer, row.returned_amount, row.reversed, row.shortfall)
            remote = (
                ret.order_id,
                ret.customer_id,
                ret.returned_amount,
                ret.points_reversed,
                ret.points_shortfall,
            )
            if local != remote:
                self.v.returns.append(f"{where}: here {local}, the backend {remote}")
            if row.expected != ret.points_reversed + ret.points_shortfall:
                self.v.returns.append(
                    f"{where}: the terminal worked out {row.expected} points, the backend "
                    f"took back {ret.points_reversed} + {ret.points_shortfall} shortfall"
                )
        taken: Counter[str] = Counter()
        for ret in by_id.values():
            taken[ret.order_id] += ret.points_reversed + ret.points_shortfall
            if ret.reason in self.by_tag and ret.id not in seen:
                self.v.returns.append(
                    f"backend return {ret.id} ({ret.reason}) is recorded as done on no terminal"
                )
        for order, points in taken.items():
            earned = sum(t.points for t in awards.get(order, []))
            if points > earned:
                self.v.doubled.append(
                    f"DOUBLED returns of order {order} took back {points} of {earned} earned"
                )

    def _redeemed(self, model: LotModel, txn: Txn, count: Counter[str]) -> None:
        code = str(txn.metadata.get("code", ""))
        op = self.redeem_by_code.get(code)
        count[code] += 1
        if op is None:
            self.v.unexplained.append(
                f"customer {txn.customer_id}: backend redemption {code} "
                f"({txn.points:+}) that no operation made"
            )
            model.balance += txn.points
            return
        if (txn.customer_id, -txn.points) != (op.customer, op.points):
            self.v.mismatched.append(
                f"{op.name()}: the backend took {-txn.points} from {txn.customer_id}"
            )
        model.taken[code] = model.spend(op.points)

    def _voided(self, model: LotModel, txn: Txn, count: Counter[str]) -> None:
        red = self.books.by_id.get(txn.redemption_id or "")
        code = red.code if red else ""
        op = self.by_tag.get(txn.reason or "")
        if op is not None and op.kind == "void":
            count[op.tag] += 1
            if op.code != code or txn.points != op.points:
                self.v.mismatched.append(f"{op.name()}: the backend voided {code} {txn.points:+}")
            model.add(op.points, None)  # the contract: a void gives back an undated lot
            return
        # A void the terminal made by itself (an abandoned redemption the backend applied):
        # the customer keeps the expiry dates the redemption took, or the void's note says
        # why it cannot (issue 8, #5: the contract's void gives back an undated lot).
        self.v.auto_voids += 1
        if code not in self.redeem_by_code:
            self.v.unexplained.append(f"backend void of {code} that no terminal made")
            model.balance += txn.points
            return
        if "expiry" in (txn.reason or "").casefold():
            self.v.auto_voids_noted += 1
            model.add(txn.points, None)
            return
        for expires, points in model.taken.get(code, []):
            model.add(points, expires)


def _lots(lots: dict[str | None, int]) -> str:
    return (
        "{"
        + ", ".join(
            f"{k or 'no expiry'}: {v}"
            for k, v in sorted(lots.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        )
        + "}"
    )
