"""The documents name only what exists: every path in README.md and docs/*.md (a module,
a folder, a test, a resource, a script), every test file named by its name alone, and
every relative link. A file that moves or goes makes this fail until the text follows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])

# A path from the repository's root, as the documents write them (`pos_app/ui/bridge.py`,
# `pos_app/sandbox/routers/`, tests/fixtures/outbox_schema4.db, resources/style.qss).
PATH = re.compile(r"(?<![\w./<-])((?:pos_app|tests|resources|packaging|docs|\.ci)/[\w./-]*)")
# A test file named alone (`test_layers.py`): tests/ has it in one of its folders.
TEST_NAME = re.compile(r"(?<![\w/.-])(test_\w+\.py)\b")
# A Markdown link to a file of the repository: [text](target) with no scheme.
LINK = re.compile(r"\]\((?![a-z]+:|#)([^)\s#]+)(?:#[^)]*)?\)")


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def paths_in(text: str) -> set[str]:
    return {match.rstrip(".,;:") for match in PATH.findall(text)}


def _test_files() -> set[str]:
    return {p.name for p in (ROOT / "tests").rglob("test_*.py")}


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_path_named_exists(document: Path) -> None:
    missing = sorted(
        p for p in paths_in(document.read_text(encoding="utf-8")) if not (ROOT / p).exists()
    )
    assert not missing, f"{_name(document)} names what does not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_test_named_exists(document: Path) -> None:
    named = set(TEST_NAME.findall(document.read_text(encoding="utf-8")))
    missing = sorted(named - _test_files())
    assert not missing, f"{_name(document)} names tests that do not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_relative_link_resolves(document: Path) -> None:
    links = LINK.findall(document.read_text(encoding="utf-8"))
    missing = sorted(link for link in links if not (document.parent / link).exists())
    assert not missing, f"{_name(document)} links to what does not exist: {missing}"


ANCHOR = re.compile(r"\]\((?![a-z]+:)([^)\s#]*)#([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def anchors_of(document: Path) -> set[str]:
    text = document.read_text(encoding="utf-8")
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_every_anchor_names_a_heading(document: Path) -> None:
    missing = []
    for target, anchor in ANCHOR.findall(document.read_text(encoding="utf-8")):
        linked = (document.parent / target) if target else document
        if linked.suffix == ".md" and anchor not in anchors_of(linked):
            missing.append(f"{target}#{anchor}")
    assert not missing, f"{_name(document)} links to headings that do not exist: {missing}"


def test_the_documents_point_at_the_contract_in_the_repository() -> None:
    """Users of the project have docs/API.md, not the authors' ../shared/API.md."""
    for document in DOCUMENTS:
        assert "shared/API.md" not in document.read_text(encoding="utf-8"), _name(document)
    assert (ROOT / "docs" / "API.md").is_file()
    assert (ROOT / "docs" / "ARCHITECTURE.md").is_file()


def test_the_checks_find_what_they_look_for() -> None:
    text = (
        "See `pos_app/ui/bridge.py`, pos_app/sandbox/routers/, tests/fixtures/x.db. "
        "Not pos_app.api.models, nor <n>-pos_app/x."
    )
    assert paths_in(text) == {
        "pos_app/ui/bridge.py",
        "pos_app/sandbox/routers/",
        "tests/fixtures/x.db",
    }
    assert TEST_NAME.findall("`test_layers.py` and tests/test_x.py") == ["test_layers.py"]
    assert slug("The redemption path, end to end") == "the-redemption-path-end-to-end"
    assert slug("Not served yet: version 1.1") == "not-served-yet-version-11"
    assert LINK.findall("[a](API.md) [b](https://x.org/a.md) [c](#top) [d](API.md#lists)") == [
        "API.md",
        "API.md",
    ]
