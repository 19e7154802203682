"""Dialogs: confirm a redemption, award points, take back a return, enrol a customer, a
manager's approval and a points adjustment, first-run setup; one module each, on the parts
in forms.py.

Each loads when first asked for (`from pos_app.ui.dialogs import AwardDialog` imports
award.py then): a dialog opens when a person does something, never at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import exports

if TYPE_CHECKING:
    from .award import AwardDialog
    from .enrol import EnrolDialog
    from .manager import AdjustDialog, ApprovalDialog
    from .redeem import ConfirmRedeemDialog
    from .returns import ReturnConfirmDialog, ReturnDialog
    from .setup import SetupDialog

_HOMES = {
    "award": ("AwardDialog",),
    "enrol": ("EnrolDialog",),
    "manager": ("AdjustDialog", "ApprovalDialog"),
    "redeem": ("ConfirmRedeemDialog",),
    "returns": ("ReturnConfirmDialog", "ReturnDialog"),
    "setup": ("SetupDialog",),
}

__getattr__ = exports(__name__, _HOMES)
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
