"""Which part of the old version is which part of the new: pairing by id, by what an item
names, by wording, and for sections by heading and content together; and which paired
items left the order the others keep (moved).

Every score is symmetric, so comparing A with B pairs the same things as B with A.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import product
from typing import Callable, Hashable, Iterable, Iterator, Sequence, TypeVar

from generators.changes import alignment

K = TypeVar("K", bound=Hashable)

SIMILAR = 0.5
"""Two items with different ids are one reworded item when this share of their words agree."""
SECTION_MATCH = 0.3
"""Sections are one when heading and content similarity, averaged, reach this."""
SHARED_CONTENT = 0.12
"""Sections whose headings only partly agree must share at least this much content (tf-idf cosine)."""
ALL_PAIRS = 10_000
"""Up to this many possible pairs every pair is scored; beyond, only pairs that share rare words."""
POSTINGS = 400
"""How many entries of the word index one text looks through for its partners, rarest words first."""
PARTNERS = 8
"""How many partners, those sharing the most rare words, one text is scored against."""
STOP_WORDS = {"och", "i", "av", "för", "med", "till", "på", "att", "som", "en", "ett", "det", "den", "de", "är",
              "om", "the"}


def split_words(text: str) -> list[str]:
    """Words on ordinary spaces only: '8\u00a0000' (a non-breaking space) is one word."""
    return [word for word in text.split(" ") if word]


def similarity(old: str, new: str, at_least: float = 0.0) -> float:
    """The share of words two texts agree on; 0 as soon as cheap upper bounds fall below at_least."""
    a, b = sorted((old.lower(), new.lower()))  # the same score both ways round
    matcher = SequenceMatcher(None, split_words(a), split_words(b), autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    if len(matcher.a) * len(matcher.b) <= alignment.SMALL:
        return matcher.ratio()
    return alignment.ratio(matcher.a, matcher.b)  # difflib's ratio is quadratic on long texts


def candidates(before: dict[K, Iterable[str]], after: dict[K, Iterable[str]]) -> Iterator[tuple[K, K]]:
    """The pairs worth scoring: all of them while they are few; else, both ways round, each
    text with the PARTNERS texts of the other side that share the most of its rarest words
    (an inverted index read for at most POSTINGS entries per text), so the work grows with the
    number of texts, not with their product."""
    if len(before) * len(after) <= ALL_PAIRS:
        yield from product(before, after)
        return
    found: set[tuple[K, K]] = set()
    for ours, theirs, swap in ((after, before, False), (before, after, True)):
        index: dict[str, list[K]] = {}
        for key, tokens in theirs.items():
            for token in set(tokens):
                index.setdefault(token, []).append(key)
        for key, tokens in ours.items():
            for partner in _partners(set(tokens), index):
                found.add((key, partner) if swap else (partner, key))
    yield from sorted(found, key=lambda pair: (str(pair[0]), str(pair[1])))


def _partners(tokens: set[str], index: dict[str, list[K]]) -> list[K]:
    shared: Counter = Counter()
    budget = POSTINGS
    for token in sorted(tokens, key=lambda token: (len(index.get(token, ())), token)):
        postings = index.get(token, ())
        if budget <= 0:
            break
        shared.update(postings[:budget])
        budget -= len(postings)
    return [partner for partner, _ in shared.most_common(PARTNERS)]


def greedy(scored: Iterable[tuple[float, str, K, K]], threshold: float) -> list[tuple[K, K]]:
    """Best pairs first, each side used once. `scored` is (score, tie-break text, old, new)."""
    pairs, used_old, used_new = [], set(), set()
    for score, _, old, new in sorted(scored, key=lambda entry: (-entry[0], entry[1])):
        if score < threshold:
            break
        if old not in used_old and new not in used_new:
            pairs.append((old, new))
            used_old.add(old)
            used_new.add(new)
    return pairs


def pair_by_wording(before: dict[K, str], after: dict[K, str], threshold: float = SIMILAR) -> list[tuple[K, K]]:
    """Items whose wording is similar are the same item reworded."""
    pairs = candidates({key: split_words(text.lower()) for key, text in before.items()},
                       {key: split_words(text.lower()) for key, text in after.items()})
    scored = [(similarity(before[old], after[new], threshold),
               min(before[old], after[new]) + "\0" + max(before[old], after[new]), old, new) for old, new in pairs]
    return greedy(scored, threshold)


def pair_by(before: dict[K, object], after: dict[K, object]) -> list[tuple[K, K]]:
    """Items with the same identity (an id, what a budget row names), in document order."""
    waiting: dict[object, list[K]] = {}
    for key, identity in after.items():
        if identity is not None:
            waiting.setdefault(identity, []).append(key)
    pairs = []
    for key, identity in before.items():
        if identity is not None and waiting.get(identity):
            pairs.append((key, waiting[identity].pop(0)))
    return pairs


# --- Sections --------------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in STOP_WORDS]


def heading_similarity(a: str, b: str) -> float:
    """Dice over heading words, where a word matches its inflections ('målgrupp', 'målgrupper')."""
    if a.strip().lower() == b.strip().lower():
        return 1.0
    left, right = set(words(a)), set(words(b))
    if not left or not right:
        return 0.0
    same = lambda x, y: x == y or (min(len(x), len(y)) >= 5 and (x.startswith(y) or y.startswith(x)))  # noqa: E731
    hits = sum(1 for x in left if any(same(x, y) for y in right)) + sum(
        1 for y in right if any(same(x, y) for x in left))
    return hits / (len(left) + len(right))


class Cosine:
    """tf-idf cosine over a fixed set of texts: words that few sections use weigh the most."""

    def __init__(self, texts: Sequence[str]):
        counts = [Counter(words(text)) for text in texts]
        documents = Counter(word for count in counts for word in count)
        total = len(texts)
        idf = {word: math.log((1 + total) / (1 + seen)) + 1 for word, seen in documents.items()}
        self.vectors = []
        for count in counts:
            vector = {word: n * idf[word] for word, n in count.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors.append({word: v / norm for word, v in vector.items()})

    def __call__(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(word, 0.0) for word, v in a.items())


def pair_sections(before: dict[K, tuple[str, str]], after: dict[K, tuple[str, str]],
                  fixed: list[tuple[K, K]]) -> list[tuple[K, K]]:
    """Sections as (heading, text): the pairs in `fixed` (same id) and then the best of heading
    and content together, so 'Uppföljning och utvärdering' with its SUS paragraphs finds
    'Uppföljning/Utvärdering' with SUS paragraphs rather than a goals list of the same name."""
    done_old, done_new = {o for o, _ in fixed}, {n for _, n in fixed}
    old_keys = [k for k in before if k not in done_old]
    new_keys = [k for k in after if k not in done_new]
    cosine = Cosine([before[k][1] for k in old_keys] + [after[k][1] for k in new_keys])
    old_rank = {key: index for index, key in enumerate(old_keys)}
    new_rank = {key: len(old_keys) + index for index, key in enumerate(new_keys)}
    tokens = lambda side, key: [f"rubrik:{w}" for w in words(side[key][0])] + words(side[key][1])  # noqa: E731
    scored = []
    for old, new in candidates({key: tokens(before, key) for key in old_keys},
                               {key: tokens(after, key) for key in new_keys}):
        heading = heading_similarity(before[old][0], after[new][0])
        content = cosine(old_rank[old], new_rank[new])
        if heading < 1.0 and content < SHARED_CONTENT:
            continue  # 'Insatser' is not 'Fördelning av insatser' unless they say much the same
        tie = min(before[old][0], after[new][0]) + "\0" + max(before[old][0], after[new][0])
        scored.append(((heading + content) / 2, tie, old, new))
    return fixed + greedy(scored, SECTION_MATCH)


# --- Order -----------------------------------------------------------------------------------------

def moved(pairs: list[tuple[K, K]], old_rank: Callable[[K], float], new_rank: Callable[[K], float]) -> set[tuple[K, K]]:
    """The fewest pairs whose moving explains the new order: those outside a longest increasing
    run of new positions taken in old order (a longest common subsequence of the two orders)."""
    ordered = sorted(pairs, key=lambda pair: old_rank(pair[0]))
    ranks = [new_rank(new) for _, new in ordered]
    tails: list[int] = []  # index into ordered of the smallest tail of an increasing run of each length
    previous = [-1] * len(ordered)
    for index, rank in enumerate(ranks):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if ranks[tails[middle]] < rank:
                low = middle + 1
            else:
                high = middle
        previous[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    kept = set()
    index = tails[-1] if tails else -1
    while index != -1:
        kept.add(ordered[index])
        index = previous[index]
    return {pair for pair in pairs if pair not in kept}
