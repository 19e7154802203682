"""Build the translation catalogues, or bring them up to date with the source.

    python -m pos_app.i18n.compile            # build fr.qm, en.qm (pyside6-lrelease), fr.mo
    python -m pos_app.i18n.compile --update   # after changing words: the source's messages
                                              # into fr.ts, en.ts and fr.po (new ones
                                              # unfinished), then build
    python -m pos_app.i18n.compile --check    # every message without a translation; exit 1

Sources (committed): fr.ts (the screen's words, Qt Linguist opens it), en.ts (English's
plural forms only), fr.po (the core's messages). Built (never committed, .gitignore):
*.qm and *.mo, next to them. packaging/dev.sh, packaging/build.sh and the tests build
them. Without PySide6 (a command-line-only install) the .qm files are skipped.

Catalogues carry no line numbers, so moving code does not change them."""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, HERE

PACKAGE = HERE.parent
GUI_SOURCES = PACKAGE / "ui"
TRANSLATED = ("fr",)  # the languages with a full catalogue (English is the source)
# The sandbox is the backend's stand-in: its words are the backend's, not the terminal's.
_CORE_FILTER = ("sandbox", "ui", "__pycache__")


@dataclass(frozen=True)
class Missing:
    catalogue: str  # "fr.ts", "fr.po", "en.ts"
    source: str


def _lupdate() -> str | None:
    return _tool("pyside6-lupdate")


def _lrelease() -> str | None:
    return _tool("pyside6-lrelease")


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)  # the venv's own
    return str(beside) if beside.exists() else shutil.which(name)


def _gui_files() -> list[str]:
    """The screen's source files, named one by one: pyside6-lupdate given a folder (with
    -extensions py) finds no message in it (6.11)."""
    return sorted(str(p) for p in GUI_SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def _run(args: list[str]) -> None:
    """A Qt tool, quiet unless it fails (lupdate says "Scanning directory" even -silent)."""
    done = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"{Path(args[0]).name} failed: {done.stderr.strip() or done.stdout}")


def _extract_core() -> Catalog:
    """Every `_`, `ngettext` and `N_` message of the core and the command line."""
    template = Catalog(domain=DOMAIN, project="pos-app", charset="utf-8")

    def wanted(path: str) -> bool:
        return Path(path).name not in _CORE_FILTER

    found = extract_from_dir(
        PACKAGE,
        keywords={"_": None, "ngettext": (1, 2), "N_": None},
        directory_filter=wanted,
    )
    for _file, _line, message, _comments, context in found:
        template.add(message, context=context)
    return template


def _read_po(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project="pos-app", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _write_po(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, omit_header=False)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    """Bring fr.ts, en.ts and fr.po up to date with the source; translations kept."""
    template = _extract_core()
    for language in TRANSLATED:
        po = HERE / f"{language}.po"
        catalog = _read_po(po, language)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        _write_po(po, catalog)
    lupdate = _lupdate()
    if lupdate is None:
        raise SystemExit("pyside6-lupdate not found: install the screen, pip install -e '.[gui]'")
    common = [lupdate, *_gui_files(), "-no-obsolete", "-silent"]
    common += ["-locations", "none"]
    for language in TRANSLATED:
        ts = HERE / f"{language}.ts"
        _run([*common, "-target-language", language, "-ts", str(ts)])
    en = HERE / "en.ts"
    _run([*common, "-pluralonly", "-target-language", "en", "-ts", str(en)])


def build(out: Path = HERE) -> list[Path]:
    """The .mo and .qm files, from the committed sources; the paths written."""
    written = []
    for language in TRANSLATED:
        catalog = _read_po(HERE / f"{language}.po", language)
        target = out / f"{language}.mo"
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(target)
    lrelease = _lrelease()
    if lrelease is None:
        print(
            "pyside6-lrelease not found: the screen's catalogues were not built",  # i18n: IT only
            file=sys.stderr,
        )
        return written
    for ts in sorted(HERE.glob("*.ts")):
        qm = out / f"{ts.stem}.qm"
        _run([lrelease, "-silent", str(ts), "-qm", str(qm)])
        written.append(qm)
    return written


def stale(out: Path = HERE) -> bool:
    """A built catalogue is missing or older than its source (a .ts or .po changed)."""
    pairs = [(HERE / f"{lang}.po", out / f"{lang}.mo") for lang in TRANSLATED]
    if _lrelease() is not None:
        pairs += [(ts, out / f"{ts.stem}.qm") for ts in HERE.glob("*.ts")]
    return any(not built.exists() or built.stat().st_mtime < src.stat().st_mtime
               for src, built in pairs)  # fmt: skip


def missing() -> list[Missing]:
    """Every message of the source without a finished translation, in any catalogue:
    extracted afresh (to a scratch copy), so a message the catalogue lacks counts too."""
    found: list[Missing] = []
    template = _extract_core()
    for language in TRANSLATED:
        catalog = _read_po(HERE / f"{language}.po", language)
        for message in template:
            if not message.id:
                continue
            have = catalog.get(message.id, context=message.context)
            strings = () if have is None else have.string
            texts = strings if isinstance(strings, tuple) else (strings,)
            if have is None or have.fuzzy or not all(texts):
                shown = message.id if isinstance(message.id, str) else message.id[0]
                found.append(Missing(f"{language}.po", shown))
    lupdate = _lupdate()
    if lupdate is None:
        return found
    with tempfile.TemporaryDirectory() as scratch:
        for name in [*(f"{lang}.ts" for lang in TRANSLATED), "en.ts"]:
            copy = Path(scratch) / name
            if (HERE / name).exists():
                shutil.copy(HERE / name, copy)
            language = name.split(".")[0]
            args = [lupdate, *_gui_files(), "-no-obsolete", "-silent"]
            args += ["-locations", "none", "-target-language", language, "-ts", str(copy)]
            if language == "en":
                args.insert(-4, "-pluralonly")
            _run(args)
            found += [Missing(name, source) for source in _unfinished(copy)]
    return found


def _unfinished(ts: Path) -> list[str]:
    out = []
    for message in ET.parse(ts).getroot().iter("message"):  # noqa: S314 (our own file)
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in ("unfinished", "obsolete"):
            out.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if not all(texts):
            out.append(source)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pos_app.i18n.compile", description=__doc__)
    parser.add_argument("--update", action="store_true", help="extract the source's messages")
    parser.add_argument("--check", action="store_true", help="list untranslated messages")
    args = parser.parse_args(argv)
    if args.update:
        update()
    if args.check:
        gaps = missing()
        for gap in gaps:
            print(f"{gap.catalogue}: {gap.source}")
        print(f"{len(gaps)} message(s) without a translation", file=sys.stderr)  # i18n: IT only
        return 1 if gaps else 0
    for path in build():
        print(path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
