"""The terminal's language: which one is in use, and the core's messages in it.

Two catalogues, one language. The screen's own words go through Qt's `tr` (ui/i18n.py;
`.ts` sources, `.qm` built). What the core says to people (the command line's output and
the messages services hand to the screen) goes through gettext (`_`, `ngettext`; a `.po`
source, a `.mo` built). The core imports no Qt, so the command line, the tests and the
screen all read the same gettext catalogue. Built catalogues are not committed: see
`pos_app/i18n/compile.py`.

The language follows the system (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) unless
`terminal.language` in config.toml names one. A language without a catalogue is English.
"""

from __future__ import annotations

import functools
import gettext
import logging
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAIN = "pos_app"
# The languages the terminal ships, in their own words (the settings screen's choice).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT = "en"
CHOICES = ("auto", *LANGUAGES)  # terminal.language's values
COMPILE = "python -m pos_app.i18n.compile"
log = logging.getLogger(__name__)
_warned: set[tuple[str, ...]] = set()

_language = DEFAULT
_region = "NG"  # the store's country (ISO 3166): with the language, how numbers are written
_translations: gettext.NullTranslations = gettext.NullTranslations()


def system_language(environ: dict[str, str] | None = None) -> str:
    """The system's language if the terminal has it, else English. "fr_CI.UTF-8" -> "fr"."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        for part in value.split(":"):  # LANGUAGE may list several: "fr:en"
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if value and value not in ("C", "POSIX"):
            return DEFAULT  # the system names a language the terminal does not have
    return DEFAULT


def resolve(setting: str | None, environ: dict[str, str] | None = None) -> str:
    """The language a `terminal.language` setting means: "auto" (or none) follows the system."""
    if not setting or setting == "auto":
        return system_language(environ)
    return setting if setting in LANGUAGES else DEFAULT


def mo_path(language: str) -> Path:
    return HERE / f"{language}.mo"


def unbuilt(language: str, *, screen: bool) -> list[Path]:
    """The catalogues `language` needs that have not been built (`python -m
    pos_app.i18n.compile`): its .mo for the core; for the screen its .qm too (English's
    holds its plural forms)."""
    needed = [] if language == DEFAULT else [mo_path(language)]
    if screen:
        needed.append(HERE / f"{language}.qm")
    return [path for path in needed if not path.is_file()]


def start(
    setting: str | None,
    region: str | None = None,
    *,
    screen: bool = False,
    environ: dict[str, str] | None = None,
) -> str:
    """At start-up (the command line; the screen, `screen=True`): the language the
    `terminal.language` setting means, spoken from now on, in the store's country `region`.
    A catalogue not built means English, and one warning line in the log."""
    language = resolve(setting, environ)
    missing = unbuilt(language, screen=screen)
    if missing:
        names = tuple(path.name for path in missing)
        if names not in _warned:  # once a run, however often the language is chosen
            _warned.add(names)
            log.warning(
                "%s chosen but its catalogue is not built (%s): English is used; run %s",
                ENGLISH_NAMES[language],
                ", ".join(names),
                COMPILE,
            )
        language = DEFAULT
    use(language, region)
    return language


def use(language: str, region: str | None = None) -> bool:
    """Speak `language` from now on (the core's messages), in the store's country `region`
    when given (how numbers, money and dates are written: pos_app.i18n.formats). False when
    the catalogue has not been built (then English is spoken): `python -m pos_app.i18n.compile`."""
    global _language, _region, _translations
    _language = language if language in LANGUAGES else DEFAULT
    if region:
        _region = region.upper()
    _translations = gettext.NullTranslations()
    if _language == DEFAULT:
        return True
    try:
        with mo_path(_language).open("rb") as handle:
            _translations = gettext.GNUTranslations(handle)
    except OSError:
        return False
    return True


def language() -> str:
    return _language


def locale_id() -> str:
    """The Babel/CLDR locale for formatting: the language in the store's country when CLDR
    has it ("fr_CI", "en_NG", "en_ZA"), else the language alone ("fr", "en")."""
    return _cldr_locale(_language, _region)


@functools.lru_cache(maxsize=32)
def _cldr_locale(language: str, region: str) -> str:
    """Asked once per pair, not on every number formatted (a table fills hundreds)."""
    from babel import Locale, UnknownLocaleError  # only when formatting

    try:
        Locale.parse(f"{language}_{region}")
    except (UnknownLocaleError, ValueError):
        return language
    return f"{language}_{region}"


def _(message: str) -> str:
    """`message` in the terminal's language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count `n` ("1 operation", "2 operations")."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # gettext: mark now, translate when shown
    """Marks `message` for the catalogue where it is defined; `_` translates it when shown."""
    return message


# Each language's name in English: the log's words (and, translated, the doctor's).
ENGLISH_NAMES: dict[str, str] = {"en": N_("English"), "fr": N_("French")}


@lru_cache(maxsize=64)
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)  # text, field, text, field, ..., text
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    )


def shown(stored: str, templates: Iterable[str]) -> str:
    """Stored English (an audit detail, a report's note in its --json) made from one of
    `templates` (N_ messages with {fields}), in the terminal's language; any other text as
    it is (a person's own words, the backend's)."""
    for template in templates:
        found = _pattern(template).fullmatch(stored)
        if found:
            return _(template).format(**found.groupdict())
    return stored
