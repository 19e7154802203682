"""WCAG 2.x contrast of the terminal's colours, computed from the stylesheet the application
really has (`app.styleSheet()` after `apply_theme`) and its palette: no screenshot, no
hard-coded list of colours.

Every rule of the stylesheet is parsed; for every widget the stylesheet names (type, object
name, sub-control) and every state it gives it (a `[property="value"]` or a `:pseudo` state),
the declarations that apply are merged as Qt does (by specificity, then order), and the text
colour is measured against the background it is drawn on: its own, else the container it
sits on (SITS_ON), else the window. `palette(role)` is read from the application's palette,
and a colour with alpha is blended over its background first.

Thresholds (WCAG 1.4.3 and 1.4.11): 4.5:1 for text, 3:1 for large text (at least 24 px, or
18.66 px and bold) and for badges, 3:1 for a focus ring against what is next to it.
Disabled controls are exempt, as WCAG exempts inactive components."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QPalette

TEXT, LARGE, NON_TEXT = 4.5, 3.0, 3.0
BADGES = {"tierBadge"}
# Containers that draw no text of their own (their labels are measured on them).
NO_TEXT = {"doNotAccept", "header", "notice"}
# Labels with no background of their own, drawn on a container the stylesheet colours.
SITS_ON = {
    "rewardTitle": ("QPushButton", "rewardCard"),
    "rewardWorth": ("QPushButton", "rewardCard"),
    "rewardNote": ("QPushButton", "rewardCard"),
    "doNotAcceptTitle": ("", "doNotAccept"),
    "doNotAcceptWhy": ("", "doNotAccept"),
    "noticeSign": ("", "notice"),
    "noticeTitle": ("", "notice"),
    "noticeText": ("", "notice"),
    "noticeDismiss": ("", "notice"),
}
# Whose own colours a widget type takes from the palette when the stylesheet sets none.
ROLES = {
    "QPushButton": ("ButtonText", "Button"),
    "QLineEdit": ("Text", "Base"),
    "QTableWidget": ("Text", "Base"),
    "QHeaderView": ("ButtonText", "Button"),
}
COMPOUND = re.compile(
    r"^(?P<type>[A-Za-z]\w*)?(?P<id>#[\w-]+)?(?P<attrs>(?:\[[^\]]+\])*)"
    r"(?P<sub>::[\w-]+)?(?P<pseudo>(?::[\w-]+)*)$"
)


@dataclass(frozen=True)
class Selector:
    type: str
    id: str
    attrs: frozenset[str]
    sub: str
    pseudo: frozenset[str]
    context: str  # the ancestors' part, e.g. "QDialog" in "QDialog QLabel"

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (int(bool(self.id)), len(self.attrs) + len(self.pseudo), int(bool(self.type)))

    def applies_to(self, target: Selector) -> bool:
        """This rule styles `target` (a widget of that type and name, in that state)."""
        return (
            self.type in ("", "QWidget", target.type)
            and self.id in ("", target.id)
            and self.sub == target.sub
            and self.attrs <= target.attrs
            and self.pseudo <= target.pseudo
            and (not self.context or self.context == target.context)
        )

    def __str__(self) -> str:
        return (
            (f"{self.context} " if self.context else "")
            + self.type
            + (f"#{self.id}" if self.id else "")
            + "".join(sorted(self.attrs))
            + self.sub
            + "".join(sorted(self.pseudo))
        )


@dataclass
class Rule:
    selector: Selector
    order: int
    declarations: dict[str, str] = field(default_factory=dict)


def parse_selector(text: str) -> Selector:
    parts = text.split()
    last = parts[-1]
    m = COMPOUND.match(last)
    if m is None:
        raise ValueError(f"cannot read the selector {text!r}")
    return Selector(
        type=m["type"] or "",
        id=(m["id"] or "").lstrip("#"),
        attrs=frozenset(re.findall(r"\[[^\]]+\]", m["attrs"] or "")),
        sub=m["sub"] or "",
        pseudo=frozenset(":" + p for p in (m["pseudo"] or "").split(":") if p),
        context=" ".join(parts[:-1]),
    )


def parse(qss: str) -> list[Rule]:
    text = re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)
    rules: list[Rule] = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations: dict[str, str] = {}
        for item in body.split(";"):
            if ":" in item:
                name, value = item.split(":", 1)
                declarations[name.strip().lower()] = value.strip()
        for one in selectors.split(","):
            rules.append(Rule(parse_selector(one.strip()), len(rules), declarations))
    return rules


def merged(rules: list[Rule], target: Selector) -> dict[str, str]:
    """The declarations that style `target`, as Qt's cascade merges them."""
    out: dict[str, str] = {}
    for rule in sorted(
        (r for r in rules if r.selector.applies_to(target)),
        key=lambda r: (r.selector.specificity, r.order),
    ):
        for name, value in rule.declarations.items():
            if name == "border" and value != "none":  # "2px solid #123456"
                colour = [v for v in value.split() if not v[0].isdigit() and v not in STYLES]
                out["border-color"] = " ".join(colour)
            elif name == "border":
                out["border-color"] = "none"
            out[name] = value
    if "background-color" in out:
        out["background"] = out["background-color"]
    return out


STYLES = {"solid", "dashed", "dotted", "double", "none"}


def colour(value: str, palette: QPalette) -> QColor | None:
    value = value.strip()
    m = re.fullmatch(r"palette\(([\w-]+)\)", value)
    if m:
        role = "".join(word.title() for word in m[1].split("-"))
        return palette.color(getattr(QPalette.ColorRole, role))
    if value in ("transparent", "none", ""):
        return None
    c = QColor(value)
    if not c.isValid():
        raise ValueError(f"not a colour: {value!r}")
    return c


def over(top: QColor, bottom: QColor) -> QColor:
    """`top` blended over an opaque `bottom` (alpha compositing)."""
    a = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * a + bottom.redF() * (1 - a),
        top.greenF() * a + bottom.greenF() * (1 - a),
        top.blueF() * a + bottom.blueF() * (1 - a),
    )


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def ratio(fg: QColor, bg: QColor) -> float:
    a, b = luminance(over(fg, bg)), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def px(value: str | None, default: float) -> float:
    m = re.match(r"([\d.]+)px", value or "")
    return float(m[1]) if m else default


def weight(value: str | None) -> int:
    if not value:
        return 400
    return 700 if value == "bold" else int(value) if value.isdigit() else 400


@dataclass(frozen=True)
class Pair:
    what: str
    fg: str
    bg: str
    ratio: float
    needed: float

    @property
    def ok(self) -> bool:
        return self.ratio >= self.needed - 1e-9

    def __str__(self) -> str:
        return f"{self.what}: {self.fg} on {self.bg} = {self.ratio:.2f}:1 (needs {self.needed})"


def targets(rules: list[Rule]) -> list[Selector]:
    """Every widget the stylesheet names, in every state some rule gives it."""
    bases = {
        Selector(r.selector.type, r.selector.id, frozenset(), r.selector.sub, frozenset(), "")
        for r in rules
        if r.selector.type not in ("", "QWidget") or r.selector.id
    }
    out: set[Selector] = set()
    for base in bases:
        for r in rules:
            s = r.selector
            if s.type in ("", "QWidget", base.type) and s.id in ("", base.id) and s.sub == base.sub:
                if s.context and s.id != base.id and s.type != base.type:
                    continue
                out.add(Selector(base.type, base.id, s.attrs, base.sub, s.pseudo, s.context))
    return sorted(out, key=str)


def background_of(
    rules: list[Rule], target: Selector, palette: QPalette, surfaces: list[QColor]
) -> list[QColor]:
    """The backgrounds `target` can be drawn on (opaque): `surfaces` are what else than the
    window a label without a background of its own can sit on (a tab widget's page)."""
    window = palette.color(QPalette.ColorRole.Window)
    own = merged(rules, target).get("background")
    if own is not None and colour(own, palette) is not None:
        found = colour(own, palette)
        assert found is not None
        return [over(found, window)]
    if target.sub and target.sub != "::section":  # on its control's own background
        control = Selector(target.type, target.id, target.attrs, "", target.pseudo, "")
        return background_of(rules, control, palette, surfaces)
    if target.id in SITS_ON:
        kind, name = SITS_ON[target.id]
        states = [frozenset(), frozenset({":disabled"})] if kind == "QPushButton" else [frozenset()]
        out: list[QColor] = []
        for pseudo in states:
            container = Selector(kind, name, target.attrs, "", pseudo, "")
            out += background_of(rules, container, palette, [])
        return out
    if target.type in ROLES:
        return [palette.color(getattr(QPalette.ColorRole, ROLES[target.type][1]))]
    return [window, *surfaces]


# Sub-controls that show a picture, not text (the picture's colours are read from its file).
GRAPHIC_SUBS = {"::indicator", "::drop-down", "::down-arrow", "::pane"}


def picture_colours(image: str | None) -> list[QColor]:
    """The stroke and fill colours of an `url(icons:NAME.svg)` picture of ours."""
    m = re.fullmatch(r"url\(icons:([\w.-]+)\)", (image or "").strip())
    if m is None:
        return []
    from pos_app.ui.theme import resources_dir

    svg = (resources_dir() / "icons" / m[1]).read_text(encoding="utf-8")
    return [QColor(c) for c in re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{3,8})"', svg)]


def pairs(qss: str, palette: QPalette, surfaces: list[QColor] | None = None) -> list[Pair]:
    """Every text colour on every background it can show on, and every focus ring."""
    rules = parse(qss)
    found: list[Pair] = []
    for target in targets(rules):
        if ":disabled" in target.pseudo or target.id in NO_TEXT:
            continue  # inactive: exempt (WCAG 1.4.3); or no text
        d = merged(rules, target)
        backgrounds = background_of(rules, target, palette, surfaces or [])
        fg_value = d.get("color")
        if fg_value is None:
            role = ROLES.get(target.type, ("WindowText", ""))[0]
            fg = palette.color(getattr(QPalette.ColorRole, role))
        else:
            c = colour(fg_value, palette)
            if c is None:
                continue
            fg = c
        size, bold = px(d.get("font-size"), 15), weight(d.get("font-weight")) >= 700
        large = size >= 24 or (size >= 18.66 and bold)
        needed = LARGE if large or target.id in BADGES else TEXT
        if target.sub:  # a sub-control (a header section): its text is the palette's
            needed = TEXT
        if target.sub in GRAPHIC_SUBS:
            # No text: what shows is its picture (a tick, an arrow) on its background.
            needed, fg_list = NON_TEXT, picture_colours(d.get("image"))
        else:
            fg_list = [fg]
        for bg in {b.name(): b for b in backgrounds}.values():  # each colour once
            for fg in fg_list:
                shown = over(fg, bg)  # a colour with alpha, as it shows on this background
                found.append(Pair(str(target), shown.name(), bg.name(), ratio(fg, bg), needed))
        ring = d.get("border-color")
        if target.sub == "::indicator" and ring not in (None, "none"):
            # A check box's or radio button's outline is what shows it is there (1.4.11).
            edge = colour(ring or "", palette)
            window = palette.color(QPalette.ColorRole.Window)
            if edge is not None:
                found.append(
                    Pair(
                        f"{target} (outline)",
                        edge.name(),
                        window.name(),
                        ratio(edge, window),
                        NON_TEXT,
                    )
                )
        if ":focus" in target.pseudo:
            ring_colour = None if ring in (None, "none") else colour(ring or "", palette)
            window = palette.color(QPalette.ColorRole.Window)
            unfocused = Selector(
                target.type, target.id, target.attrs, target.sub,
                target.pseudo - {":focus"}, target.context,
            )  # fmt: skip
            if ring_colour is None or merged(rules, unfocused).get("border") == d.get("border"):
                # No ring, or the same border as without focus: focus does not show.
                found.append(
                    Pair(f"{target} (focus ring)", ring or "none", "unchanged", 0.0, NON_TEXT)
                )
                continue
            outside = [window]
            if target.id in SITS_ON:  # next to the container it sits on, not the window
                kind, name = SITS_ON[target.id]
                container = Selector(kind, name, target.attrs, "", frozenset(), "")
                outside = background_of(rules, container, palette, [])
            for next_to in {*(o.name() for o in outside), *(b.name() for b in backgrounds)}:
                found.append(
                    Pair(
                        f"{target} (focus ring)",
                        ring_colour.name(),
                        next_to,
                        ratio(ring_colour, QColor(next_to)),
                        NON_TEXT,
                    )
                )
    return found


def palette_pairs(palette: QPalette) -> list[Pair]:
    """The palette's own text on its own backgrounds (tables, fields, tooltips, selection)."""
    role = QPalette.ColorRole
    out = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fg, bg in (
            (role.WindowText, role.Window),
            (role.Text, role.Base),
            (role.Text, role.AlternateBase),
            (role.ButtonText, role.Button),
            (role.HighlightedText, role.Highlight),
            (role.PlaceholderText, role.Base),
            (role.PlaceholderText, role.Window),
            (role.ToolTipText, role.ToolTipBase),
        ):
            f, b = palette.color(group, fg), palette.color(group, bg)
            out.append(
                Pair(
                    f"palette {group.name} {fg.name}/{bg.name}",
                    over(f, b).name(),
                    b.name(),
                    ratio(f, b),
                    TEXT,
                )
            )
    # A date box's calendar shows the days of the months before and after in this colour.
    f = palette.color(QPalette.ColorGroup.Disabled, role.Text)
    b = palette.color(QPalette.ColorGroup.Active, role.Base)
    out.append(
        Pair("calendar days of other months", over(f, b).name(), b.name(), ratio(f, b), TEXT)
    )
    return out
