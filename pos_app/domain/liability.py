"""The note beside the points' liability in program analytics: why its value is unknown,
or at which rate it was counted. Stored in English in the report (its `--json` is for
machines); `value_note` says it in the terminal's language where it is shown."""

from __future__ import annotations

from ..i18n import N_, shown

UNREAD = N_("value unknown: the catalogue could not be read ({error})")
AT_RATE = N_("at the rate of {reward}, {rate} a point")
NO_RATE = N_("value unknown: no pay-with-points reward in the catalogue as this terminal reads it")
NOTES = (UNREAD, AT_RATE, NO_RATE)


def value_note(note: str) -> str:
    """The report's English note in the terminal's language."""
    return shown(note, NOTES)
