"""Measuring text fidelity: how much of a seed's wording, in order, a text reproduces.

Words are compared folded (lower case, no accents, no punctuation), so that formatting and
OCR's lost accents do not count as differences; the table of contents of a seed is left out,
since every output makes its own.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import yaml

TOC_LINE = re.compile(r"\t\d+\s*$")
# OCR misreadings of the 2007 scan that are unambiguous inside a word.
OCR = str.maketrans({"6": "o", "&": "a"})


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    if re.search(r"[a-z]", word):
        word = word.translate(OCR)
    return re.sub(r"[^a-z0-9]", "", word)


UNIT = re.compile(r"(?<=\d)\u00a0(?=(?:kr|tkr|kkr|mkr|mnkr)\b)")


def words(text: str) -> list[str]:
    # Split on ASCII whitespace and dashes only: '8\u00a0000' stays one word, as it is printed;
    # a unit after a figure ('750\u00a0kr') is a word of its own, as in the seeds.
    folded = (fold(w) for w in re.split(r"[ \t\n\r\f\v/\-–—]+", UNIT.sub(" ", text)))
    return [w for w in folded if w]


# An OCR bullet glyph (v, v', v", v/ ...) alone on its word, and a word hyphenated at a line end.
BULLET = re.compile(r"(?m)(?<!\S)v['\"’/]?(?=\s)")
LINE_BREAK_HYPHEN = re.compile(r"(?<=[a-zåäö])- *\n\s*(?=[a-zåäö])")


def seed_words(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if not TOC_LINE.search(line) and line.strip() != "Innehåll"]
    text = LINE_BREAK_HYPHEN.sub("", BULLET.sub(" ", "\n".join(lines)))
    # Thousands are printed with a space in the seeds ('8 000') and with U+00A0 by styrdok.
    return words(re.sub(r"(?<=\d) (?=\d{3}\b)", "", text))


def content_words(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return words(" ".join(_strings(data)))


def _strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif data is not None and not isinstance(data, bool):
        yield str(data)


def word_recall(expected: list[str], actual: list[str]) -> float:
    """The share of the expected words that the actual text has, in the same order."""
    if not expected:
        return 1.0
    matcher = SequenceMatcher(None, expected, actual, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)
