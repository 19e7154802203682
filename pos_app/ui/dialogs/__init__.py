"""Dialogs: confirm a redemption, award points, take back a return, enrol a customer, a
manager's approval and a points adjustment, first-run setup; one module each, on the parts
in forms.py.

Each loads when first asked for (`from pos_app.ui.dialogs import AwardDialog` imports
award.py then): a dialog opens when a person does something, never at start-up."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .award import AwardDialog
    from .enrol import EnrolDialog
    from .manager import AdjustDialog, ApprovalDialog
    from .redeem import ConfirmRedeemDialog
    from .returns import ReturnConfirmDialog, ReturnDialog
    from .setup import SetupDialog

_HOMES = {
    "AdjustDialog": "manager",
    "ApprovalDialog": "manager",
    "AwardDialog": "award",
    "ConfirmRedeemDialog": "redeem",
    "EnrolDialog": "enrol",
    "ReturnConfirmDialog": "returns",
    "ReturnDialog": "returns",
    "SetupDialog": "setup",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "AdjustDialog",
    "ApprovalDialog",
    "AwardDialog",
    "ConfirmRedeemDialog",
    "EnrolDialog",
    "ReturnConfirmDialog",
    "ReturnDialog",
    "SetupDialog",
]
