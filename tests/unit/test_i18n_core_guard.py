"""No words reach a person from the core untranslated: a string literal (or an f-string,
or a sum with one) handed straight to an exception people read (ServiceError and its
kind, BadInput, PhoneProblem, ConfigError, PrinterSpecError...) or to the command line's
output (say, warn, fail, Output.emit's text, print) fails here unless it goes through
`_()`, `ngettext` or `N_` (pos_app/i18n). Read with `ast`, nothing imported; pos_app/ui
has its own guard (test_i18n_guard.py) and the sandbox is a test backend.

Text for IT only (a log line, a developer's assertion) is not this guard's: a line whose
literal is not for a person at the counter ends with `# i18n: IT only`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pos_app"
SKIP = ("ui", "sandbox")
EXEMPT = "# i18n: IT only"

# The exceptions whose message a person reads: the position of the message (and its keyword).
EXCEPTIONS = {
    "ServiceError", "BadInput", "Refused", "NeedsApproval", "BackendUnavailable",
    "DiskFullError", "PrinterError", "AnalyticsNotOffered", "ConfigError", "SettingError",
    "UnknownSetting", "MissingExtra", "PhoneProblem", "PrinterSpecError", "PinError",
    "ReturnTooLarge", "CredentialError", "NoDisplay",
}  # fmt: skip
# Those whose message is not their first argument (the first is a code or a key).
MESSAGE_AT = {"PrinterError": (1,), "MissingExtra": (1,), "SettingError": (2,)}
# The command line's words to people: the positions of the words among the arguments.
OUTPUT: dict[str, tuple[int, ...]] = {
    "say": (0,),
    "warn": (0,),
    "fail": (3,),
    "emit": (1,),
    "print": (0, 1, 2, 3),
    "print_document": (0,),
}
WORD_KEYWORDS = {"message", "text"}


def _letters(node: ast.Constant) -> bool:
    text = node.value.replace("pos-app", "") if isinstance(node.value, str) else ""
    return any(c.isalpha() for c in text)


def _words(node: ast.expr) -> bool:
    """A literal with words in it, written in the code, not through `_`. A code alone
    ("no_paper", "sandbox") or the program's name is not words."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value.strip() and _letters(node)
    if isinstance(node, ast.JoinedStr):
        return any(_letters(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    return False


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def untranslated(source: str, name: str = "<source>") -> list[str]:
    """Each literal handed straight to a person's exception or the CLI's output."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if not isinstance(node, ast.Call):
            continue
        callee = _name(node)
        if callee in EXCEPTIONS:
            positions: tuple[int, ...] = MESSAGE_AT.get(callee, (0,))
        elif callee in OUTPUT:
            positions = OUTPUT[callee]
        else:
            continue
        given = [a for i, a in enumerate(node.args) if i in positions]
        given += [k.value for k in node.keywords if k.arg in WORD_KEYWORDS]
        for arg in given:
            near = lines[arg.lineno - 1 : (arg.end_lineno or arg.lineno)]
            if _words(arg) and not any(EXEMPT in line for line in near):
                found.append(f"{name}:{arg.lineno}: {callee}({ast.unparse(arg)[:60]})")
    return found


def _core_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in SKIP
    ]


def test_no_words_reach_a_person_from_the_core_without_gettext() -> None:
    found = []
    for path in _core_files():
        name = path.relative_to(ROOT).as_posix()
        found += untranslated(path.read_text(encoding="utf-8"), name)
    assert not found, "wrap these in _() / ngettext / N_ (pos_app/i18n):\n" + "\n".join(found)


def test_no_hand_written_thousands_separator_in_the_core() -> None:
    """Numbers go through pos_app.i18n.formats (number, signed), money through
    format_money: never `f"{n:,}"`."""
    found = []
    for path in [*_core_files(), *sorted((PACKAGE / "ui").rglob("*.py"))]:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\{[^{}]*:[^{}]*,[^{}]*\}", line) and ":," in line:
                found.append(f"{path.relative_to(ROOT).as_posix()}:{i}: {line.strip()}")
    assert not found, "format numbers with pos_app.i18n.formats.number:\n" + "\n".join(found)


def test_the_guard_finds_what_it_looks_for() -> None:
    planted = """
raise BadInput("The amount is wrong.")
raise BadInput(_("The amount is wrong."))
raise Refused(f"{name} is not here")
raise Refused(_("{name} is not here").format(name=name))
say("Done, all sent.")
say(_("Done, all sent."))
out.emit(result, f"{code} used")
out.emit(result, ngettext("{n} code", "{n} codes", n).format(n=n))
raise PhoneProblem(_("Not a number.") + " " + hint)
raise ConfigError("bad key " + key)
fail(out, 2, "bad_input", error.message)
raise ServiceError("internal: the lane is gone")  # i18n: IT only
print(json_text(answer))
raise BadInput(message="Not now")
raise PrinterError("offline", _("The printer is offline."))
raise PrinterError("offline", "The printer is offline.")
"""
    found = untranslated(planted)
    assert [line.split(":")[1] for line in found] == ["2", "4", "6", "8", "11", "15", "17"], found
