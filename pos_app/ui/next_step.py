"""What the cashier can do next after a refusal, by the refusal's code: the line under a
service error's message (MainWindow.show_error)."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, tr

NEXT_STEP = {
    "insufficient_balance": QT_TRANSLATE_NOOP(
        "", "Choose a reward the customer has enough points for."
    ),
    "reward_unavailable": QT_TRANSLATE_NOOP("", "Choose another reward."),
    "reward_not_found": QT_TRANSLATE_NOOP("", "Choose another reward."),
    "customer_not_found": QT_TRANSLATE_NOOP("", "Search for the customer again."),
    "backend_unavailable": QT_TRANSLATE_NOOP("", "Check the connection, or try again in a moment."),
}


def next_step(code: str) -> str:
    if code.startswith("offline_policy"):
        return tr(
            "Try again when the terminal is back online (see the status bar), or offer "
            "a smaller reward."
        )
    step = NEXT_STEP.get(code)
    return tr(step) if step else ""
