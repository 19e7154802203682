"""Words for people that must also be kept in English: translated for the screen and the
console, English where machines read or the database stores them (`--json`, the support
bundle, audit details)."""

from __future__ import annotations

from ..i18n import N_, _, shown
from ..i18n.formats import number

__all__ = ["REASONS", "Words", "english", "say", "say_n", "shown"]


class Words(str):
    """A line for people, in the terminal's language, that remembers its English: the
    screen and the console show the text, `--json` and the support bundle the English."""

    english: str

    def __new__(cls, text: str, english: str) -> Words:
        made = super().__new__(cls, text)
        made.english = english
        return made


def say(message: str, **values: object) -> Words:
    """`message` (marked with N_ where written) translated, its {placeholders} filled."""
    return Words(_(message).format(**values), message.format(**values))


def say_n(singular: str, plural: str, n: int, **values: object) -> Words:
    """A count's line: both forms marked with N_ where written (each is its own message),
    the English form for `n` translated; {n} written for the locale."""
    form = singular if n == 1 else plural
    return Words(_(form).format(n=number(n), **values), form.format(n=n, **values))


def english(text: str) -> str:
    return text.english if isinstance(text, Words) else text


# The reasons the terminal itself gives a manager's approval or action (stored in English
# in the audit, shown through `shown`).
ADD_STAFF = N_("add {role} {name}")
DISABLE_STAFF = N_("disable {name}")
NEW_PIN = N_("new PIN for {name}")
MANAGER_SIGNED_IN = N_("a manager signed in")
REASONS = (ADD_STAFF, DISABLE_STAFF, NEW_PIN, MANAGER_SIGNED_IN)
