"""No words reach the screen untranslated: a string literal (or an f-string, or a sum with
one) handed straight to a Qt text API in pos_app/ui (setText, setWindowTitle, QLabel(...),
QPushButton(...), addTab, setAccessibleName...) fails here unless it goes through `tr`
(pos_app/ui/i18n.py). Read with `ast`, nothing imported.

NOT_CONVERTED names the files whose words are not wrapped yet (issue 13: each area is
converted on its own branch). It only shrinks: a file listed here that has nothing left to
convert fails `test_the_list_of_files_not_converted_is_up_to_date`, so whoever merges an
area's conversion takes its files off the list, and the list ends empty. A line whose
literal is not words for a person (an example URL in a placeholder) ends with
`# i18n: not words`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "pos_app" / "ui"
EXEMPT = "# i18n: not words"

# Qt's text setters: the positions of their arguments that are words for a person.
METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setSpecialValueText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "showMessage": (0,),
    "addTab": (1,),
    "insertTab": (2,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addItem": (0,),
    "addItems": (0,),
    "addAction": (0,),
    "addButton": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setHeaderLabels": (0,),
    "setDocName": (0,),
    "information": (1, 2),  # QMessageBox.information(parent, title, text)
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "getSaveFileName": (1,),
    "getOpenFileName": (1,),
}
# Widgets made with their words: the positions of the words among the arguments.
CONSTRUCTORS: dict[str, tuple[int, ...]] = {
    "QLabel": (0,),
    "QPushButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0,),
    "QMenu": (0,),
    "QToolButton": (0,),
    "QCommandLinkButton": (0, 1),
    "QMessageBox": (1, 2),  # QMessageBox(icon, title, text, ...)
    "QTableWidgetItem": (0,),
    "QListWidgetItem": (0,),
    "QStandardItem": (0,),
}
WORD_KEYWORDS = {"text", "title"}

# Not converted yet (the lead empties it as the areas merge).
NOT_CONVERTED: set[str] = set()


def _words(node: ast.expr) -> bool:
    """A literal with letters in it: words, written in the code, not through `tr`."""
    if isinstance(node, ast.Constant):  # markup ("<b>", "</b>") is not words
        text = re.sub(r"</?[a-z]+[^<>]*>", "", node.value) if isinstance(node.value, str) else ""
        return any(c.isalpha() for c in text)
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return any(_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "Terminal " + name, "x" % y
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_words(e) for e in node.elts)
    return False


def _callee(call: ast.Call) -> tuple[str, dict[str, tuple[int, ...]]] | None:
    if isinstance(call.func, ast.Attribute) and call.func.attr in METHODS:
        return call.func.attr, METHODS
    if isinstance(call.func, ast.Name) and call.func.id in CONSTRUCTORS:
        return call.func.id, CONSTRUCTORS
    return None


def untranslated(source: str, name: str = "<source>") -> list[str]:
    """Each literal handed straight to a Qt text API: "file:line: setText('Hello')"."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if not isinstance(node, ast.Call):
            continue
        callee = _callee(node)
        if callee is None:
            continue
        api, table = callee
        given = [a for i, a in enumerate(node.args) if i in table[api]]
        given += [k.value for k in node.keywords if k.arg in WORD_KEYWORDS]
        for arg in given:
            if _words(arg) and EXEMPT not in lines[arg.lineno - 1]:
                found.append(f"{name}:{arg.lineno}: {api}({ast.unparse(arg)[:60]})")
    return found


def _ui_files() -> dict[str, list[str]]:
    out = {}
    for path in sorted(UI.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        out[name] = untranslated(path.read_text(encoding="utf-8"), name)
    return out


def test_no_words_reach_a_qt_text_api_without_tr() -> None:
    found = [line for name, lines in _ui_files().items() if name not in NOT_CONVERTED
             for line in lines]  # fmt: skip
    assert not found, "wrap these in tr() (pos_app/ui/i18n.py):\n" + "\n".join(found)


def test_the_list_of_files_not_converted_is_up_to_date() -> None:
    files = _ui_files()
    gone = sorted(name for name in NOT_CONVERTED if name not in files)
    done = sorted(name for name in NOT_CONVERTED if name in files and not files[name])
    assert not gone, f"no longer in pos_app/ui: take them off NOT_CONVERTED: {gone}"
    assert not done, f"converted: take them off NOT_CONVERTED: {done}"


def test_the_guard_finds_what_it_looks_for() -> None:
    planted = """
label = QLabel("Find a customer")
label.setText(f"{n} points")
label.setText(tr("Find a customer"))
label.setText(tr("{n} points").format(n=n))
button.setToolTip("Sync now " + key)
tabs.addTab(page, "Report")
tabs.addTab(page, tr("Report"))
box = QMessageBox(icon, "Settings", text)
box = QMessageBox(icon, tr("Settings"), text)
keypad = QPushButton("⌫")
field.setPlaceholderText("https://loyalty.example")  # i18n: not words
name.setText(member.name)
row = QLabel(f"{name}  ·  {role}")
"""
    found = untranslated(planted)
    assert [line.split(":")[1] for line in found] == ["2", "3", "6", "7", "9"], found
