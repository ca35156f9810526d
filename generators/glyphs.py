"""Which characters the documents can show, as the PDF stage declares it in
templates/pdf/characters.txt (made by `python -m generators.pdf.showable` from the fonts the PDF
embeds and Typst's own answer). Word and the site show any character the YAML reader lets
through; the PDF (PDF/UA-1) is the narrowest, so its list is the one `check` asks.

Read as data, so the content stage answers the same question as the build without importing
an output stage."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cache

from generators import ROOT

CHARACTERS = ROOT / "templates" / "pdf" / "characters.txt"


@cache
def _ranges() -> tuple[list[int], list[int]]:
    """The first and last code point of each range of showable characters, in order."""
    firsts, lasts = [], []
    for line in CHARACTERS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            firsts.append(int(first, 16))
            lasts.append(int(last or first, 16))
    return firsts, lasts


def showable(char: str) -> bool:
    firsts, lasts = _ranges()
    index = bisect_right(firsts, ord(char)) - 1
    return index >= 0 and ord(char) <= lasts[index]


def unshowable(characters: set[str]) -> list[str]:
    """The characters among these that the PDF cannot show, in code point order."""
    return sorted(char for char in characters if char not in "\n\t" and not showable(char))


def why(char: str) -> str:
    """Why the PDF cannot show the character, in a few Swedish words."""
    category = unicodedata.category(char)
    if category == "Cf":
        return "ett osynligt formattecken som PDF/UA inte tillåter"
    if category.startswith("M"):
        return "ett kombinerande tecken som inget av PDF-filens typsnitt kan sätta på tecknet före"
    return "inget av PDF-filens typsnitt har tecknet"
