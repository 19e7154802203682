"""Redeem a reward: confirm, issue the code (or a manager overrides an offline refusal),
show it; the code screen's follow-ups (shown, printed, settled by a sync, done), and the
codes that may never have reached a customer, shown again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ...domain.models import LocalRedemption, RedemptionStatus, RewardInfo
from ...domain.money import format_money
from ...services import Refused, recovery, staff
from ...sync.events import Connectivity
from ..bridge import Lane
from ..changes import Changed
from ..i18n import tr
from ..screens import showing
from .base import Flow

if TYPE_CHECKING:  # what a first redemption loads (not the start-up)
    from ...domain import pay_with_points
    from ...services.redeem import RedeemResult
    from ..main_window import MainWindow


class RedeemFlow(Flow):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.recovered: list[LocalRedemption] = []
        self._last_reward = ""
        self._last_points: int | None = None  # pay with points: the points confirmed

    # ---------------------------------------------------------------- redeem
    def redeem(self, reward_id: str) -> None:
        w = self.window
        screen = w.customer.current
        if w.locked or screen is None:
            return
        option = next((o for o in screen.options if o.reward.id == reward_id), None)
        if option is None or not option.available:
            return
        reward = option.reward
        if reward.per_point is None:
            self._confirm(reward, reward.points_cost, reward.discount_amount)
            return
        # Pay with points: the balance and, offline, the offline policy's cap come from
        # this terminal's store (never read on this thread), then the prompt.
        session, customer_id = w.session.number, screen.view.customer.id
        offline = w.status.state == Connectivity.OFFLINE

        def ask(found: tuple[int, int | None]) -> None:
            now = w.customer.current
            if w.still(session) and now is not None and now.view.customer.id == customer_id:
                quote = self._pay_points(reward, *found)
                if quote is not None:
                    self._confirm(reward, quote.points, quote.discount)

        from ...services import pay_points

        w.runner.submit(
            lambda t: pay_points.limits(t, customer_id, offline=offline),
            ask,
            lambda error: w.show_error(tr("Pay with points"), error),
            lane=Lane.LOCAL,
        )

    def _confirm(self, reward: RewardInfo, points: int, discount: int) -> None:
        w = self.window
        screen = w.customer.current
        if screen is None:
            return
        view, session = screen.view, w.session.number
        from ...services import describe

        words = describe.reward_words(reward.name, reward.discount_amount, reward.currency)
        from ..answers import RedeemQuestion

        question = RedeemQuestion(
            view.customer.name,
            words.name or words.headline,
            points,
            # An item's value ("₦500"), or the discount ("₦1,000 off").
            format_money(discount, reward.currency)
            if words.item or reward.per_point is not None
            else words.headline,
            view.projected_balance,
            view.projected_balance - points,
            item=words.item,
        )
        if not w.prompts.confirm_redeem(w, question) or not w.still(session):
            return
        asked = points if reward.per_point is not None else None
        w.customer.set_confirming(True)
        reward_id = reward.id
        self._last_reward, self._last_points = reward_id, asked
        customer_id, operator = view.customer.id, w.operator
        from ...services import redeem  # with a first redemption (the API's models)

        w.runner.submit(
            lambda t: redeem.redeem(t, customer_id, reward_id, asked, operator=operator),
            self._redeemed,
            self._failed,
        )

    def _pay_points(
        self, reward: RewardInfo, balance: int, cap: int | None
    ) -> pay_with_points.Quote | None:
        """Ask for the amount to cover or the points: the prompt offers only what fits."""
        from ...domain import pay_with_points

        w, rule = self.window, reward.per_point
        assert rule is not None
        bounds = pay_with_points.allowed(rule, balance, cap)
        if isinstance(bounds, pay_with_points.NoFit):
            w.prompts.error(w, tr("Pay with points"), bounds.reason)
            return None
        title = pay_with_points.card_title(reward.name, rule, reward.currency)
        from ..answers import PayPointsQuestion

        return w.prompts.pay_points(
            w, PayPointsQuestion(title, rule, reward.currency, balance, *bounds, cap)
        )

    def _redeemed(self, result: RedeemResult) -> None:
        w = self.window
        w.customer.set_confirming(False)
        w.code.show_result(result)
        w.stack.setCurrentWidget(w.code)
        w.changes.publish(Changed.of(result))
        w.wake_sync()

    def _failed(self, error: BaseException) -> None:
        w = self.window
        w.customer.set_confirming(False)
        screen = w.customer.current
        session = w.session.number
        if (
            isinstance(error, Refused)
            and error.code.startswith("offline_policy")
            and error.code != "offline_policy:not_cached"
            and screen is not None
            and not w.locked
            and w.prompts.offer_override(w, error.message)
            and w.still(session)
        ):
            self._override(screen.view.customer.id, self._last_reward)
            return
        w.show_error(tr("No code was issued"), error)
        w.customer.refresh()

    def _override(self, customer_id: str, reward_id: str) -> None:
        w = self.window
        operator, points = w.operator, self._last_points

        def approved(approval: staff.Approval) -> None:
            from ...services import redeem

            w.customer.set_confirming(True)
            w.runner.submit(
                lambda t: redeem.redeem(
                    t, customer_id, reward_id, points, operator=operator, override=approval
                ),
                self._redeemed,
                self._failed,
            )

        w.approvals.ask(
            "offline_override",
            customer_id,
            tr("this redemption while the loyalty service cannot be reached"),
            approved,
        )

    # ---------------------------------------------------------------- the code screen
    def displayed(self, code: str) -> None:
        self.window.runner.submit(
            lambda t: recovery.mark_shown(t, code), lambda _: None, lane=Lane.LOCAL
        )

    def done(self) -> None:
        w = self.window
        if w.locked:  # the till locked itself while the code was on screen
            w.stack.setCurrentWidget(w.signin)
            w.signin.refresh()
            return
        if self.show_next_recovered():
            return
        w.stack.setCurrentWidget(w.lookup)
        w.lookup.reset()

    def recheck(self, *_: object) -> None:
        """Re-read the status of the offline code on screen (on the runner's local lane,
        never on this thread) and show it: confirmed, or refused by the backend."""
        w = self.window
        if not showing(w, "code"):
            return  # (an unbuilt code screen is not built for it)
        result = w.code.result
        if result is None or w.code.status is not RedemptionStatus.OFFLINE:
            return
        code = result.code

        def show(status: RedemptionStatus | None) -> None:
            shown = w.code.result
            if status is not None and shown is not None and shown.code == code:
                w.code.set_status(status)

        w.runner.submit(lambda t: recovery.status_of(t, code), show, lane=Lane.LOCAL)

    def print_slip(self) -> None:
        w = self.window
        if (
            not showing(w, "code")
            or w.code.result is None
            or w.code.status
            is RedemptionStatus.CONFLICT  # refused: nothing to print for the customer
        ):
            return
        w.prompts.print_slip(w, w.code.result, w.terminal_id, datetime.now(UTC))

    # ---------------------------------------------------------------- recovery
    def recover(self, found: list[LocalRedemption]) -> None:
        """Codes that may never have reached a customer: shown again, to whoever signs in."""
        self.recovered = list(found)
        if not self.window.locked:
            self.show_next_recovered()

    def show_next_recovered(self) -> bool:
        if not self.recovered:
            return False
        red = self.recovered.pop(0)
        from ...services import redeem

        result = redeem.recovered(red)
        w = self.window
        w.code.show_result(result, recovered=True)
        w.stack.setCurrentWidget(w.code)
        return True
