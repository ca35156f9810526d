"""Wording compared: words on ordinary spaces, a word-level redline, and of a paragraph only
the sentences that changed.

A long text is aligned sentence by sentence first (a sentence that both versions have whole
is an anchor), and word by word only within the sentences that changed; alignment.py keeps
both steps near n log n however long the text or a single changed sentence is.
"""

from __future__ import annotations

import re

from generators.changes.alignment import SMALL, opcodes
from generators.changes.matching import split_words

Ops = tuple[tuple[str, str], ...]
"""('=', 'kept words'), ('-', 'struck words'), ('+', 'new words')."""


def redline(old: str, new: str) -> Ops:
    a, b = split_words(old), split_words(new)
    if len(a) * len(b) <= SMALL:
        return tuple(_word_ops(a, b))
    ops: list[tuple[str, str]] = []
    sentences_a, sentences_b = _word_sentences(a), _word_sentences(b)
    for tag, i1, i2, j1, j2 in opcodes(sentences_a, sentences_b):
        words_a = [word for sentence in sentences_a[i1:i2] for word in sentence]
        if tag == "equal":
            ops.append(("=", " ".join(words_a)))
        else:
            ops += _word_ops(words_a, [word for sentence in sentences_b[j1:j2] for word in sentence])
    return tuple(_merged(ops))


def _word_ops(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            ops.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return ops


def _merged(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring ops of one kind as one (a kept sentence after kept words)."""
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + " " + text)
        else:
            merged.append((op, text))
    return merged


SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9(–])")
WORD_ENDS_SENTENCE = re.compile(r"[.!?:]$")
WORD_STARTS_SENTENCE = re.compile(r"^[A-ZÅÄÖ0-9(–]")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def _word_sentences(words: list[str]) -> list[tuple[str, ...]]:
    """The words cut into sentences as `sentences` cuts a text, so that the words stay exactly
    those split_words gives (a sentence may end in a non-breaking space there)."""
    found, start = [], 0
    for index in range(1, len(words)):
        if WORD_ENDS_SENTENCE.search(words[index - 1]) and WORD_STARTS_SENTENCE.match(words[index]):
            found.append(tuple(words[start:index]))
            start = index
    if start < len(words):
        found.append(tuple(words[start:]))
    return found


def changed_sentences(old: str, new: str) -> tuple[Ops, ...]:
    """Only the sentences that differ, each with its words marked."""
    a, b = sentences(old), sentences(new)
    found: list[Ops] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            found += [redline(x, y) for x, y in zip(a[i1:i2], b[j1:j2])]
        elif tag == "replace":
            found.append(redline(" ".join(a[i1:i2]), " ".join(b[j1:j2])))
        else:
            found += [(("-", s),) for s in a[i1:i2]] + [(("+", s),) for s in b[j1:j2]]
    return tuple(found)
