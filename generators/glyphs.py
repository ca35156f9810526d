"""Which characters the documents can show, as the output stages declare it: the PDF in
templates/pdf/characters.txt, the budget charts (pictures in the Word file and the PDF) in
templates/charts/characters.txt, both made by `python -m generators.pdf.showable` from the fonts
they embed (and, for the PDF, Typst's own answer). Word and the site show any character the YAML
reader lets through; the PDF (PDF/UA-1) is the narrowest for text, the charts for a budget row.

Read as data, so the content stage answers the same question as the build without importing
an output stage."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache

from generators import ROOT

CHARACTERS = {"pdf": ROOT / "templates" / "pdf" / "characters.txt",
              "chart": ROOT / "templates" / "charts" / "characters.txt"}
FONTS = ROOT / "templates" / "pdf" / "fonts.txt"


@cache
def _ranges(output: str) -> tuple[list[int], list[int]]:
    """The first and last code point of each range of characters the output shows, in order."""
    firsts, lasts = [], []
    for line in CHARACTERS[output].read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            firsts.append(int(first, 16))
            lasts.append(int(last or first, 16))
    return firsts, lasts


def _codes(lines: list[str]):
    for line in lines:
        first, _, last = line.partition("-")
        yield int(first, 16), int(last or first, 16)


@cache
def _font_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for line in FONTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            sections[line[1:-1]] = current = []
        elif line and not line.startswith("#"):
            current.append(line)
    return sections


@cache
def _cluster() -> re.Pattern:
    """A letter (or nothing) and the marks joined to it; compiled only when a text has a mark."""
    joins = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in _codes(_font_sections()["joining"]))
    return re.compile(f"([^{joins}]?)([{joins}]+)")


@cache
def _families() -> dict[str, frozenset[int]]:
    """Each font family's characters: only read when a text has a combining mark."""
    return {name: frozenset(code for first, last in _codes(lines) for code in range(first, last + 1))
            for name, lines in _font_sections().items() if name != "joining"}


def _settable(needed: list[int]) -> bool:
    """Typst sets a letter and its marks in Arimo when Arimo has them all, else in a fallback font
    it chooses among those that have the first: safe only if every one of those has them all."""
    families = _families()
    if not needed or set(needed) <= families["Arimo"]:
        return True
    candidates = [codes for codes in families.values() if needed[0] in codes]
    return bool(candidates) and all(set(needed) <= codes for codes in candidates)


def joining(characters: set[str]) -> set[str]:
    """The characters among these that join the one before them (combining marks, format characters)."""
    firsts, lasts = _joining()
    return {char for char in characters if (index := bisect_right(firsts, ord(char)) - 1) >= 0
            and ord(char) <= lasts[index]}


@cache
def _joining() -> tuple[list[int], list[int]]:
    pairs = list(_codes(_font_sections()["joining"]))
    return [first for first, _ in pairs], [last for _, last in pairs]


def unset_clusters(text: str) -> list[tuple[str, bool]]:
    """The letters with combining marks (or marks with no letter before them) that the PDF cannot
    set, each with whether it has a letter: Typst sets a letter and the marks after it in one
    font (_settable), and an invisible character with nothing before it in none."""
    found = []
    for match in _cluster().finditer(text):
        base = match.group(1).replace("\t", " ").strip("\n")
        cluster = base + match.group(2)
        needed = [ord(char) for char in cluster if showable(char) and not _ignorable(char)]
        if not base and _ignorable(cluster[0]) or not _settable(needed):
            found.append((cluster, bool(base)))
    return found


def _ignorable(char: str) -> bool:
    """Variation selectors and the other invisible characters a font needs no glyph for."""
    return unicodedata.category(char) in ("Cf", "Cn") or "\ufe00" <= char <= "\ufe0f" \
        or "\U000e0000" <= char <= "\U000e0fff"


def showable(char: str, output: str = "pdf") -> bool:
    firsts, lasts = _ranges(output)
    index = bisect_right(firsts, ord(char)) - 1
    return index >= 0 and ord(char) <= lasts[index]


def unshowable(characters: set[str], output: str = "pdf") -> list[str]:
    """The characters among these that the output cannot show, in code point order."""
    return sorted(char for char in characters if char not in "\n\t" and not showable(char, output))


def why(char: str) -> str:
    """Why the PDF cannot show the character, in a few Swedish words."""
    category = unicodedata.category(char)
    if category == "Cf":
        return "ett osynligt formattecken som PDF/UA inte tillåter"
    if category.startswith("M"):
        return "ett kombinerande tecken som inget av PDF-filens typsnitt kan sätta på tecknet före"
    return "inget av PDF-filens typsnitt har tecknet"
