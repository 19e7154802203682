"""Dialogs: confirm a redemption, award points, take back a return, enrol a customer, a
manager's approval and a points adjustment, first-run setup; one module each, on the parts
in forms.py."""

from .award import AwardDialog
from .enrol import EnrolDialog
from .manager import AdjustDialog, ApprovalDialog
from .redeem import ConfirmRedeemDialog
from .returns import ReturnConfirmDialog, ReturnDialog
from .setup import SetupDialog

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
