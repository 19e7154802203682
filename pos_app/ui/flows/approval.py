"""A manager's approval: name, PIN and reason asked, checked on the service thread, then
the approved action runs, if the same person is still signed in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...services import ServiceError, staff
from ..bridge import Lane
from ..i18n import tr
from .base import Flow

if TYPE_CHECKING:  # the answers' dataclasses load with the first dialog
    from ..answers import ApprovalAnswer

# A manager's approval refused for these is asked again (the form as typed, the problem
# next to the field); anything else (locked out, disabled) ends it with a message.
AGAIN_WITH = {"wrong_pin": "pin", "unknown_staff": "manager", "not_a_manager": "manager"}


class ApprovalFlow(Flow):
    def ask(
        self, action: str, subject: str | None, what: str, then: Callable[[staff.Approval], None]
    ) -> None:
        """Ask a manager (name, PIN, reason), check it on the service thread, then act."""
        self._ask(action, subject, what, then, None, ("", ""))

    def _ask(
        self,
        action: str,
        subject: str | None,
        what: str,
        then: Callable[[staff.Approval], None],
        typed: ApprovalAnswer | None,
        problem: tuple[str, str],
    ) -> None:
        w = self.window
        if w.locked:
            return
        session = w.session.number
        answer = w.prompts.approve(w, what, w.session.managers, typed=typed, problem=problem)
        if answer is None or not w.still(session):
            return

        def approved(approval: staff.Approval) -> None:
            if w.still(session):  # locked meanwhile: the action is dropped
                then(approval)

        def refused(error: BaseException) -> None:
            if not w.still(session):
                return
            if isinstance(error, ServiceError) and error.code in AGAIN_WITH:
                # A wrong PIN or name: the form again with the manager and the reason as
                # typed (never the PIN), and what was wrong next to its field.
                from ..answers import ApprovalAnswer

                kept = ApprovalAnswer(answer.manager, "", answer.reason)
                again = (AGAIN_WITH[error.code], error.message)
                self._ask(action, subject, what, then, kept, again)
            else:
                w.show_error(tr("Not approved"), error)

        w.runner.submit(
            lambda t: staff.approve(
                t, answer.manager, answer.pin, action=action, subject=subject, reason=answer.reason
            ),
            approved,
            refused,
            lane=Lane.LOCAL,
        )
