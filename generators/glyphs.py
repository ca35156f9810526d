"""Which characters the documents can show, as the output stages declare it: the PDF in
templates/pdf/characters.txt, the budget charts (pictures in the Word file and the PDF) in
templates/charts/characters.txt, both made by `python -m generators.pdf.showable` from the fonts
they embed (and, for the PDF, Typst's own answer). Word and the site show any character the YAML
reader lets through; the PDF (PDF/UA-1) is the narrowest for text, the charts for a budget row.

Read as data, so the content stage answers the same question as the build without importing
an output stage."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cache

from generators import ROOT

CHARACTERS = {"pdf": ROOT / "templates" / "pdf" / "characters.txt",
              "chart": ROOT / "templates" / "charts" / "characters.txt"}


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
