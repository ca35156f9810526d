"""Wording compared: words on ordinary spaces, a word-level redline, and of a paragraph only
the sentences that changed."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from generators.changes.matching import split_words

Ops = tuple[tuple[str, str], ...]
"""('=', 'kept words'), ('-', 'struck words'), ('+', 'new words')."""


def redline(old: str, new: str) -> Ops:
    a, b = split_words(old), split_words(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return tuple(ops)


SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9(–])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def changed_sentences(old: str, new: str) -> tuple[Ops, ...]:
    """Only the sentences that differ, each with its words marked."""
    a, b = sentences(old), sentences(new)
    found: list[Ops] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            found += [redline(x, y) for x, y in zip(a[i1:i2], b[j1:j2])]
        elif tag == "replace":
            found.append(redline(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
        else:
            found += [(("-", s),) for s in a[i1:i2]] + [(("+", s),) for s in b[j1:j2]]
    return tuple(found)
