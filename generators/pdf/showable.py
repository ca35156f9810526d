"""Which characters the PDF can show, declared as data: `python -m generators.pdf.showable`
writes templates/pdf/characters.txt, which the content stage reads (generators/glyphs.py)
without importing this stage.

PDF/UA-1 refuses a character no font has (an emoji, a Chinese character), some format
characters even where a font has them (U+FEFF, U+0600) and a combining mark no font can put on
the letter before it (U+20DD, U+0E31). The candidates are the characters of the fonts the PDF
is set in (Arimo and the fonts built into Typst) and the invisible ones that need no glyph;
each is then put to Typst after a letter, in body text and in a heading, as it stands in a
plan, so the list is Typst's answer, not a guess from the fonts' tables. Rerun it when Typst,
Arimo or matplotlib changes; a test says when they have. It takes some five minutes.

The budget charts in the Word file and the PDF are pictures matplotlib draws (generators/charts.py):
a budget row's text in bold Arimo, and what Arimo lacks in DejaVu Sans Bold, so they show what
DejaVu Sans Bold has: the same run writes that font's characters to templates/charts/characters.txt,
which `check` asks about a budget row's text.
"""

from __future__ import annotations

import hashlib
import io
import struct
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

from generators import ROOT
from generators.escaping import typst as escape
from generators.pdf.markup import Markup
from generators.pdf.typeset import typeset

CHARACTERS = ROOT / "templates" / "pdf" / "characters.txt"
CHART_CHARACTERS = ROOT / "templates" / "charts" / "characters.txt"
FONTS = ROOT / "templates" / "pdf" / "fonts.txt"
_INPUTS = {"title": "Prov", "author": "", "keywords": "", "footer-before": "", "footer-between": "",
           "footer-after": "", "mark": ""}
_NEVER_READ = {*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF}
"""Control characters: the YAML reader refuses them, so no content string holds one."""


def fonts_stamp() -> str:
    """What the answer depends on: the Typst version (its own fonts and rules), Arimo's file and
    the chart font's file."""
    import fontpkg_arimo
    arimo = fontpkg_arimo.ROOT / "files" / "Arimo[wght].ttf"
    return (f"typst {version('typst')}, Arimo sha256 {_digest(arimo)}, "
            f"DejaVu Sans Bold sha256 {_digest(chart_font_path())}")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def chart_font_path() -> Path:
    """The font the charts fall back to where Arimo has no glyph (generators/charts.py), and whose
    characters they can therefore show: DejaVu Sans, bold as a row's label."""
    import matplotlib
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"


def _families() -> dict[str, set[int]]:
    """Family -> the characters every style of it has (regular, bold, italic: a heading is bold),
    for Arimo and the fonts Typst carries inside its library (read by finding each font's table
    directory there: Typst lists them nowhere else)."""
    import fontpkg_arimo
    import typst
    from fontTools.ttLib import TTFont

    families = {"Arimo": set(TTFont(fontpkg_arimo.ROOT / "files" / "Arimo[wght].ttf", lazy=True).getBestCmap())}
    library = next(Path(typst.__file__).parent.glob("_typst*"))
    data = library.read_bytes()
    for magic in (b"\x00\x01\x00\x00", b"OTTO"):
        start = data.find(magic)
        while start >= 0:
            font = _font_at(data, start)
            if font is not None:
                family, codes = font["name"].getDebugName(1), set(font.getBestCmap())
                families[family] = families[family] & codes if family in families else codes
            start = data.find(magic, start + 1)
    if len(families) < 3:
        raise SystemExit("Typsts inbyggda typsnitt hittades inte i dess bibliotek")
    return families


def _font_at(data: bytes, start: int):
    """The font whose table directory starts at start, or None where the bytes only look like one."""
    from fontTools.ttLib import TTFont
    tables = struct.unpack(">H", data[start + 4:start + 6])[0]
    entries = [data[start + 12 + 16 * i:start + 28 + 16 * i] for i in range(tables)]
    if not 5 <= tables <= 40 or not any(entry[:4] == b"cmap" for entry in entries):
        return None
    try:
        end = max(offset + length for _, _, offset, length in (struct.unpack(">4sIII", e) for e in entries))
        return TTFont(io.BytesIO(data[start:start + end]), lazy=True)
    except Exception:  # noqa: BLE001 - bytes that only looked like a font
        return None


def _invisible(code: int) -> bool:
    """Format characters and the other default-ignorable ones, which Typst may show without a glyph."""
    return unicodedata.category(chr(code)) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE0FFF \
        or 0x180B <= code <= 0x180F or code in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0)


def _joins(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf") or _invisible(ord(char))


def _shows(characters: list[str]) -> bool:
    text = " ".join("a" + escape(char) for char in characters)
    try:
        typeset(Markup(f"#par[{text}]\n#heading(level: 1)[{text}]\n#heading-pages()"), _INPUTS, None)
    except Exception:  # noqa: BLE001 - any refusal, whatever Typst calls it, means "cannot show"
        return False
    return True


def showable(candidates: list[str]) -> list[str]:
    """The candidates Typst shows, halving each group it refuses until the refused stand alone."""
    shown, groups = [], [candidates]
    while groups:
        group = groups.pop()
        if _shows(group):
            shown += group
        elif len(group) > 1:
            middle = len(group) // 2
            groups += [group[:middle], group[middle:]]
    return sorted(shown)


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def main() -> None:
    families = _families()
    _write_fonts(families)
    codes = set().union(*families.values()) | {code for code in range(0x110000) if _invisible(code)}
    candidates = [chr(code) for code in sorted(codes - _NEVER_READ) if not 0xD800 <= code <= 0xDFFF]
    groups = [candidates[i:i + 1000] for i in range(0, len(candidates), 1000)]
    shown = [char for group in groups for char in showable(group)]
    # A character that joins the letter before it (a mark, a format character) is written into
    # the PDF's text of that letter's glyph, and Typst checks that text only where the glyph is
    # first used: each is tried again alone, after a letter not yet used.
    codes = [ord(char) for char in shown if not _joins(char) or _shows([char])]
    _write(CHARACTERS, codes, ["The characters the PDF can show (Typst, PDF/UA-1, Arimo and Typst's own fonts), each",
                               "after a letter; every other character is refused by `styrdok check`."])
    print(f"{len(codes)} tecken kan visas i PDF-filen", file=sys.stderr)
    chart = sorted(set(_chart_font().getBestCmap()) - _NEVER_READ)
    _write(CHART_CHARACTERS, chart, ["The characters the budget charts can show (matplotlib, DejaVu Sans Bold); a budget",
                                     "row's text with any other is refused by `styrdok check`."])
    print(f"{len(chart)} tecken kan visas i diagrammen", file=sys.stderr)


def _write_fonts(families: dict[str, set[int]]) -> None:
    """What a combining mark needs: the characters that join the one before them, and each font
    family's characters, since the letter and its marks must come from one font."""
    joining = [code for code in range(0x110000) if _joins(chr(code))]
    sections = [("joining", joining)] + [(family, sorted(codes)) for family, codes in sorted(families.items())]
    lines = ["# A letter and the combining marks after it are set in one font: the characters that join the",
             "# one before them, and the characters of each font family the PDF is set in (every style).",
             f"# Made by `python -m generators.pdf.showable` from {fonts_stamp()}; do not edit."]
    for name, codes in sections:
        lines.append(f"[{name}]")
        lines += [f"{first:04X}" if first == last else f"{first:04X}-{last:04X}" for first, last in _ranges(codes)]
    FONTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _chart_font():
    from fontTools.ttLib import TTFont
    return TTFont(chart_font_path(), lazy=True)


def _write(path: Path, codes: list[int], about: list[str]) -> None:
    lines = [f"# {line}" for line in about] + \
        [f"# Made by `python -m generators.pdf.showable` from {fonts_stamp()}; do not edit."]
    lines += [f"{first:04X}" if first == last else f"{first:04X}-{last:04X}" for first, last in _ranges(codes)]
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
