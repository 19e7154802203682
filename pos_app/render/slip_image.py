"""A picture of what a thermal printer prints, made FROM the ESC/POS bytes of a slip
(render/escpos_slip.py): the README's slip images and the tests that decode them.

A strict interpreter of exactly the commands our slips send, nothing more: any other
command, an unknown code page, a print mode we do not draw, or a barcode wider than the
paper (which a printer drops) raises SlipImageError, so the picture can never show what
the printer would not print. No maintained Python library renders ESC/POS to an image.

The printer's grid: 203 dpi; 576 dots printable on 80 mm paper, 384 on 58 mm; font A is
12x24 dots (48 or 32 columns); ESC ! doubles width and/or height, ESC E is bold (drawn
as a double strike), ESC a aligns a line; a line feeds 30 dots (1/6 inch, taller when
the line is). A line longer than the paper wraps, as on the printer. The native QR
(GS ( k) is drawn by the qrcode library from the data, module size and error correction
in the bytes; the Code 128 (GS k, code set B) from python-barcode's symbol tables, at the
module width and height in the bytes. The cut (GS V) is a dashed line. Text is decoded in
the code page that ESC t selected. The font is DejaVu Sans Mono where the system has it
(the printer's own bitmap font differs; the grid does not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DOTS = {58: 384, 80: 576}  # printable width of the paper, in dots
CHAR_W, CHAR_H = 12, 24  # font A
LINE_FEED = 30  # default line spacing, in dots
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")

# ESC t n -> Python codec (Epson's numbering; python-escpos's default profile)
CODE_PAGES = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
}
QR_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}  # GS ( k function 169's n


class SlipImageError(ValueError):
    """Bytes the interpreter will not draw: they are not what our slips send."""


@dataclass
class _Style:
    bold: bool = False
    wide: bool = False
    tall: bool = False
    align: int = 0  # 0 left, 1 centre, 2 right
    code_page: str = "cp437"


@dataclass
class _Char:
    text: str
    bold: bool
    wide: bool
    tall: bool


@dataclass
class _State:
    style: _Style = field(default_factory=_Style)
    line: list[_Char] = field(default_factory=list)
    line_align: int = 0
    qr_data: bytes | None = None
    qr_size: int = 3
    qr_ec: str = "L"
    bar_height: int = 162
    bar_width: int = 3


class _Paper:
    """The paper as it comes out: blocks of pixels stacked top to bottom."""

    def __init__(self, dots: int) -> None:
        self.dots = dots
        self.blocks: list[Image.Image] = []

    def feed(self, dots: int) -> None:
        self.blocks.append(Image.new("L", (self.dots, dots), 255))

    def place(self, picture: Image.Image, align: int, what: str) -> None:
        if picture.width > self.dots:
            raise SlipImageError(
                f"{what} is {picture.width} dots wide; the paper has {self.dots}: "
                "the printer would not print it"
            )
        block = Image.new("L", (self.dots, picture.height), 255)
        x = (0, (self.dots - picture.width) // 2, self.dots - picture.width)[align]
        block.paste(picture, (x, 0))
        self.blocks.append(block)

    def cut(self) -> None:
        block = Image.new("L", (self.dots, 24), 255)
        draw = ImageDraw.Draw(block)
        for x in range(0, self.dots, 16):
            draw.line([(x, 12), (x + 8, 12)], fill=120, width=2)
        self.blocks.append(block)

    def image(self) -> Image.Image:
        height = sum(b.height for b in self.blocks) or 1
        out = Image.new("L", (self.dots, height), 255)
        y = 0
        for block in self.blocks:
            out.paste(block, (0, y))
            y += block.height
        return out


def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT_FILE.exists():
        return ImageFont.truetype(str(FONT_FILE), 20)
    return ImageFont.load_default(size=20)


def _glyph(ch: _Char, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> Image.Image:
    cell = Image.new("L", (CHAR_W, CHAR_H), 255)
    draw = ImageDraw.Draw(cell)
    left, _top, right, _bottom = draw.textbbox((0, 0), ch.text, font=font)
    x = (CHAR_W - (right - left)) // 2 - left
    draw.text((x, 1), ch.text, font=font, fill=0)
    if ch.bold:  # the printer's emphasis: a double strike, one dot to the right
        draw.text((x + 1, 1), ch.text, font=font, fill=0)
    size = (CHAR_W * (2 if ch.wide else 1), CHAR_H * (2 if ch.tall else 1))
    return cell.resize(size, Image.Resampling.NEAREST) if size != cell.size else cell


def _print_line(
    paper: _Paper, st: _State, font: ImageFont.FreeTypeFont | ImageFont.ImageFont
) -> None:
    """LF: print the buffered line (wrapping at the paper's edge), then feed."""
    rows: list[list[_Char]] = [[]]
    width = 0
    for ch in st.line:
        w = CHAR_W * (2 if ch.wide else 1)
        if width + w > paper.dots:
            rows.append([])
            width = 0
        rows[-1].append(ch)
        width += w
    for row in rows:
        height = max((CHAR_H * (2 if c.tall else 1) for c in row), default=CHAR_H)
        line = Image.new("L", (sum(CHAR_W * (2 if c.wide else 1) for c in row) or 1, height), 255)
        x = 0
        for c in row:
            glyph = _glyph(c, font)
            line.paste(glyph, (x, height - glyph.height))
            x += glyph.width
        block = Image.new("L", (line.width, max(LINE_FEED, height + 6)), 255)
        block.paste(line, (0, block.height - height - 3))
        paper.place(block, st.line_align, "a line")
    st.line = []


def _qr(st: _State) -> Image.Image:
    import qrcode
    import qrcode.constants

    if st.qr_data is None:
        raise SlipImageError("GS ( k print (function 181) with no QR data stored")
    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(error_correction=levels[st.qr_ec], box_size=st.qr_size, border=0)
    code.add_data(st.qr_data)
    code.make(fit=True)
    picture: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    return picture.convert("L")


def _code128(data: bytes, st: _State) -> Image.Image:
    """Code 128 as the printer draws `{B...`: code set B throughout, checksum, stop."""
    from barcode.charsets import code128

    text = data.decode("ascii", "replace")
    if not text.startswith("{B") or "{" in text[2:]:
        raise SlipImageError(f"Code 128 data {text!r}: only code set B ({{B...) is drawn")
    values = [code128.START_CODES["B"]]
    for c in text[2:]:
        if c not in code128.B:
            raise SlipImageError(f"Code 128 code set B has no {c!r}")
        values.append(code128.B[c])
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    # the stop symbol, then its 2-module termination bar
    modules = "".join(code128.CODES[v] for v in [*values, check]) + code128.STOP + "11"
    w = st.bar_width
    picture = Image.new("L", (len(modules) * w, st.bar_height), 255)
    draw = ImageDraw.Draw(picture)
    for i, bit in enumerate(modules):
        if bit == "1":
            x = i * w
            draw.rectangle([x, 0, x + w - 1, st.bar_height - 1], fill=0)
    return picture


def render(data: bytes, paper_mm: int) -> Image.Image:
    """The printed slip, the printable width of `paper_mm` paper (grey levels, white paper)."""
    if paper_mm not in DOTS:
        raise SlipImageError(f"paper of {paper_mm} mm: 58 or 80")
    paper, st, font = _Paper(DOTS[paper_mm]), _State(), _font()
    i, n = 0, len(data)

    def need(count: int, what: str) -> bytes:
        if i + count > n:
            raise SlipImageError(f"{what} cut short at byte {i}")
        return data[i : i + count]

    while i < n:
        b = data[i]
        if b == 0x0A:  # LF
            _print_line(paper, st, font)
            i += 1
        elif b == 0x1B:  # ESC
            cmd, arg = need(3, "ESC")[1], data[i + 2] if i + 2 < n else None
            if cmd == ord("@"):
                st.style, st.line = _Style(), []
                i += 2
                continue
            if arg is None:
                raise SlipImageError(f"ESC {cmd:#04x} cut short at byte {i}")
            if cmd == ord("!"):
                if arg & ~0x38:
                    raise SlipImageError(f"ESC ! {arg:#04x}: only bold, double width/height")
                st.style.bold = bool(arg & 0x08)
                st.style.tall, st.style.wide = bool(arg & 0x10), bool(arg & 0x20)
            elif cmd == ord("E"):
                st.style.bold = bool(arg & 1)
            elif cmd == ord("a"):
                if arg not in (0, 1, 2, 48, 49, 50):
                    raise SlipImageError(f"ESC a {arg}: not an alignment")
                st.style.align = arg % 48
                if not st.line:  # the printer takes it at the start of a line only
                    st.line_align = st.style.align
            elif cmd == ord("t"):
                if arg not in CODE_PAGES:
                    raise SlipImageError(f"ESC t {arg}: a code page this picture cannot decode")
                st.style.code_page = CODE_PAGES[arg]
            elif cmd == ord("d"):
                if st.line:
                    _print_line(paper, st, font)
                paper.feed(LINE_FEED * arg)
            else:
                raise SlipImageError(f"unknown command ESC {chr(cmd)!r} at byte {i}")
            i += 3
        elif b == 0x1D:  # GS
            cmd = need(2, "GS")[1]
            if cmd == ord("(") and need(4, "GS ( k")[2] == ord("k"):
                size = data[i + 3] + 256 * need(5, "GS ( k")[4]
                body = need(5 + size, "GS ( k")[5:]
                if size < 3 or body[0] != 49:
                    raise SlipImageError(f"GS ( k at byte {i}: only the QR code (cn 49)")
                fn, rest = body[1], body[2:]
                if fn == 65:  # model
                    if rest[:1] != b"2":
                        raise SlipImageError("QR model: only model 2")
                elif fn == 67:  # module size
                    st.qr_size = rest[0]
                elif fn == 69:  # error correction
                    if rest[0] not in QR_EC:
                        raise SlipImageError(f"QR error correction {rest[0]}")
                    st.qr_ec = QR_EC[rest[0]]
                elif fn == 80 and rest[:1] == b"0":  # store the data
                    st.qr_data = rest[1:]
                elif fn == 81 and rest[:1] == b"0":  # print
                    if st.line:
                        raise SlipImageError("a QR code in the middle of a line")
                    paper.place(_qr(st), st.style.align, "the QR code")
                else:
                    raise SlipImageError(f"QR function {fn}: not one our slips use")
                i += 5 + size
                continue
            arg = need(3, "GS")[2]
            if cmd == ord("h"):
                st.bar_height = arg
            elif cmd == ord("w"):
                st.bar_width = arg
            elif cmd == ord("f"):
                pass  # the HRI font: no HRI is printed (GS H 0)
            elif cmd == ord("H"):
                if arg not in (0, 48):
                    raise SlipImageError("GS H: human-readable text under a barcode")
            elif cmd == ord("k"):
                if arg != 73:
                    raise SlipImageError(f"GS k {arg}: only Code 128 (73)")
                length = need(4, "GS k")[3]
                if st.line:
                    raise SlipImageError("a barcode in the middle of a line")
                paper.place(
                    _code128(need(4 + length, "GS k")[4:], st), st.style.align, "the barcode"
                )
                i += 4 + length
                continue
            elif cmd == ord("V"):
                if arg not in (0, 1, 48, 49):
                    raise SlipImageError(f"GS V {arg}: only a full or partial cut")
                if st.line:
                    _print_line(paper, st, font)
                paper.cut()
            else:
                raise SlipImageError(f"unknown command GS {chr(cmd)!r} at byte {i}")
            i += 3
        elif b < 0x20:
            raise SlipImageError(f"control byte {b:#04x} at byte {i}: not one our slips use")
        else:
            if not st.line:
                st.line_align = st.style.align
            s = st.style
            st.line.append(_Char(bytes([b]).decode(s.code_page), s.bold, s.wide, s.tall))
            i += 1
    if st.line:
        raise SlipImageError("text left unprinted: the slip does not end its last line")
    return paper.image()


def on_paper(printed: Image.Image, margin: int = 24) -> Image.Image:
    """The printed area on its roll: paper margins and a thin edge, for a README."""
    out = Image.new("RGB", (printed.width + 2 * margin, printed.height + 2 * margin), "white")
    out.paste(printed.convert("RGB"), (margin, margin))
    ImageDraw.Draw(out).rectangle([0, 0, out.width - 1, out.height - 1], outline=(170, 170, 170))
    return out
