"""Two sequences aligned in about n log n time and linear memory, whatever their length.

difflib's SequenceMatcher is exact but quadratic or worse: on two versions of a 16 000-word
paragraph it takes half a minute. Up to SMALL (the product of the two lengths) it still
decides, so every ordinary edit is aligned exactly as before. Beyond that, the stretch is
cut at anchors first: the common beginning and end, then the elements (or runs of a few)
that occur once in each side, kept where their order agrees (a longest increasing run,
patience diff's idea).
Between anchors the same is done again, at most DEPTH times; a stretch that is still larger
than SMALL and has no anchor is replaced whole rather than searched word by word.

Takes any two sequences of hashable elements; gives difflib-style opcodes or matching blocks.
"""

from __future__ import annotations

import bisect
from collections import Counter
from difflib import SequenceMatcher
from typing import Hashable, Sequence

SMALL = 40_000
"""Stretches with at most this product of lengths (200 × 200 words) go to SequenceMatcher."""
DEPTH = 12
"""How often a stretch is cut at its unique elements before the rest is replaced whole."""
GRAMS = (1, 3, 8)
"""The lengths of runs tried as anchors, shortest first."""

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """('equal' | 'replace' | 'delete' | 'insert', i1, i2, j1, j2) covering both sequences."""
    found, i, j = [], 0, 0
    for start_a, start_b, size in matching_blocks(a, b):
        if i < start_a and j < start_b:
            found.append(("replace", i, start_a, j, start_b))
        elif i < start_a:
            found.append(("delete", i, start_a, j, start_b))
        elif j < start_b:
            found.append(("insert", i, start_a, j, start_b))
        if size:
            found.append(("equal", start_a, start_a + size, start_b, start_b + size))
        i, j = start_a + size, start_b + size
    return found


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    """(i, j, size) with a[i:i+size] == b[j:j+size], increasing in both, adjacent ones joined,
    ending with (len(a), len(b), 0) as difflib's do."""
    if len(a) * len(b) <= SMALL:
        return [tuple(block) for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()]
    blocks: list[tuple[int, int, int]] = []
    stack = [(0, len(a), 0, len(b), 0)]
    while stack:  # a stack, not recursion: thousands of stretches must not reach Python's limit
        alo, ahi, blo, bhi, depth = stack.pop()
        blocks += _stretch(a, b, alo, ahi, blo, bhi, depth, stack)
    blocks.sort()
    return _joined(blocks) + [(len(a), len(b), 0)]


def _stretch(a, b, alo: int, ahi: int, blo: int, bhi: int, depth: int, stack: list) -> list[tuple[int, int, int]]:
    """The blocks found directly in one stretch; the stretches between its anchors go on the stack."""
    found = []
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    if head:
        found.append((alo, blo, head))
    alo, blo = alo + head, blo + head
    tail = 0
    while ahi - tail > alo and bhi - tail > blo and a[ahi - tail - 1] == b[bhi - tail - 1]:
        tail += 1
    if tail:
        found.append((ahi - tail, bhi - tail, tail))
    ahi, bhi = ahi - tail, bhi - tail
    if alo == ahi or blo == bhi:
        return found
    if (ahi - alo) * (bhi - blo) <= SMALL:
        matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        return found + [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size]
    if depth >= DEPTH:
        return found  # no more cutting: replaced whole
    anchors = _anchors(a, b, alo, ahi, blo, bhi)
    if not anchors:
        return found  # nothing occurs once on each side: replaced whole
    found += anchors
    edges = [(alo, blo, 0)] + anchors + [(ahi, bhi, 0)]
    for (i1, j1, size), (i2, j2, _) in zip(edges, edges[1:]):
        if i2 > i1 + size or j2 > j1 + size:
            stack.append((i1 + size, i2, j1 + size, j2, depth + 1))
    return found


def _anchors(a, b, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int]]:
    """Runs of GRAMS elements that occur once in each stretch, as (i, j, size), the longest
    chain whose order agrees: single elements first; in a text of common words, where none
    occurs once, runs of three or eight words mostly do."""
    for size in GRAMS:
        grams_a = [tuple(a[i:i + size]) for i in range(alo, ahi - size + 1)]
        grams_b = [tuple(b[j:j + size]) for j in range(blo, bhi - size + 1)]
        count_a, count_b = Counter(grams_a), Counter(grams_b)
        where_b = {gram: blo + j for j, gram in enumerate(grams_b) if count_b[gram] == 1}
        pairs = [(alo + i, where_b[gram]) for i, gram in enumerate(grams_a) if count_a[gram] == 1 and gram in where_b]
        chain, last_i, last_j = [], alo - size, blo - size
        for i, j in _increasing(pairs):
            if i >= last_i + size and j >= last_j + size:  # runs that overlap are one run
                chain.append((i, j, size))
                last_i, last_j = i, j
        if chain:
            return chain
    return []


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (in order of i) whose j increase too: n log n."""
    tails: list[int] = []  # the j ending the best run of each length
    ends: list[int] = []  # index into pairs of that run's last pair
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        previous[index] = ends[length - 1] if length else -1
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
    run, index = [], ends[-1] if ends else -1
    while index != -1:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _joined(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    joined: list[tuple[int, int, int]] = []
    for i, j, size in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + size)
        else:
            joined.append((i, j, size))
    return joined


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """SequenceMatcher.ratio() over the blocks above: twice the matched elements over both lengths."""
    total = len(a) + len(b)
    return 2.0 * sum(size for _, _, size in matching_blocks(a, b)) / total if total else 1.0
