"""Costs that grow with the input and no faster: the redline, the alignment under it, section
and item pairing, and the amounts-in-text rule, on generated inputs far beyond what a plan
holds. Sizes are chosen so that the old quadratic code took minutes on them; the tests check
what the user gets (both versions exactly, the right pairs, every finding), and a pytest run
that hangs is the failure that shows a quadratic cost came back."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from generators.changes import alignment
from generators.changes.matching import PARTNERS, candidates, pair_by_wording, pair_sections
from generators.changes.wording import changed_sentences, redline
from generators.content.prose_amounts import _disagreements
from generators.content.model import Budget

VOCABULARY = ["och", "i", "att", "Mål", "insatser.", "Deltagare", "stöd", "arbete.", "kommun", "8\u00a0000", "(se",
              "ovan)", "Region", "samverkan:", "–", "stöd!"]


def words_of(rng: random.Random, count: int, vocabulary: int) -> list[str]:
    pool = VOCABULARY + [f"ord{k}" for k in range(vocabulary)]
    return [rng.choice(pool) for _ in range(count)]


def edited(rng: random.Random, words: list[str], edits: int, vocabulary: int) -> list[str]:
    out = list(words)
    pool = VOCABULARY + [f"ord{k}" for k in range(vocabulary)]
    for _ in range(edits):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(4)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.choice(pool)
        elif kind == 1 and out:
            del out[min(at, len(out) - 1)]
        elif kind == 2:
            out[at:at] = [rng.choice(pool) for _ in range(rng.randrange(1, 30))]
        else:  # a stretch moved elsewhere
            start = rng.randrange(len(out) + 1)
            stretch = out[start:start + rng.randrange(1, 40)]
            del out[start:start + len(stretch)]
            spot = rng.randrange(len(out) + 1)
            out[spot:spot] = stretch
    return out


def sides(ops) -> tuple[str, str]:
    return (" ".join(text for op, text in ops if op in "=-"), " ".join(text for op, text in ops if op in "=+"))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([0, 5, 40, 300, 3000]), st.integers(0, 60),
       st.sampled_from([5, 50, 5000]))
def it_redlines_back_to_both_versions_exactly(seed, length, edits, vocabulary):
    """old = kept + struck words, new = kept + inserted words, for short texts (SequenceMatcher
    decides) and long ones (sentences, then anchors), with few or many distinct words."""
    rng = random.Random(seed)
    old = words_of(rng, length, vocabulary)
    new = edited(rng, old, edits, vocabulary)
    ops = redline(" ".join(old), " ".join(new))
    assert sides(ops) == (" ".join(old), " ".join(new))
    assert all(text and ops[k][0] != ops[k - 1][0] for k, (_, text) in enumerate(ops) if k), ops


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=400), st.lists(st.sampled_from("abcdefgh"), max_size=400))
def it_aligns_any_two_sequences_into_opcodes_that_cover_both(a, b):
    codes = alignment.opcodes(a, b)
    assert codes[0][1] == codes[0][3] == 0 if codes else a == b == []
    for (_, _, i2, _, j2), (_, i1, _, j1, _) in zip(codes, codes[1:]):
        assert (i2, j2) == (i1, j1)
    for tag, i1, i2, j1, j2 in codes:
        assert (tag == "equal") == (a[i1:i2] == b[j1:j2] and i2 > i1)
    if codes:
        assert codes[-1][2] == len(a) and codes[-1][4] == len(b)


def it_aligns_ordinary_edits_exactly_as_difflib_does():
    rng = random.Random(7)
    for _ in range(50):
        old = words_of(rng, rng.randrange(1, 150), 30)
        new = edited(rng, old, rng.randrange(5), 30)
        assert alignment.opcodes(old, new) == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def it_keeps_the_unchanged_words_of_a_long_paragraph():
    """A 1 MB-sized paragraph (150 000 words of a plan's common vocabulary) with 1 % of its words
    edited: the redline keeps almost all words and marks only what changed."""
    rng = random.Random(3)
    old = words_of(rng, 150_000, 3000)
    new = edited(rng, old, 500, 3000)
    ops = redline(" ".join(old), " ".join(new))
    assert sides(ops) == (" ".join(old), " ".join(new))
    kept = sum(len(text.split(" ")) for op, text in ops if op == "=")
    assert kept > 0.95 * len(old)


def it_strikes_a_huge_sentence_without_common_ground_whole():
    """No word of one version occurs once in the other: the sentence is struck and inserted
    whole rather than searched word by word."""
    old, new = " ".join(["a", "b"] * 40_000), " ".join(["b", "c", "a"] * 30_000)
    ops = redline(old, new)
    assert sides(ops) == (old, new)


def it_lists_only_the_changed_sentences_of_a_long_paragraph():
    sentences = [f"Mening {k} handlar om samverkan och stöd." for k in range(20_000)]
    changed = list(sentences)
    changed[5_000] = "Mening 5000 handlar om samverkan och arbete."
    found = changed_sentences(" ".join(sentences), " ".join(changed))
    assert found == ((("=", "Mening 5000 handlar om samverkan och"), ("-", "stöd."), ("+", "arbete.")),)


def it_pairs_thousands_of_renamed_sections_by_their_content():
    """4 000 sections whose headings all changed, in a new order: each finds its old self by
    what it says, scoring a few candidates each instead of all 16 million pairs."""
    rng = random.Random(11)
    count = 4000
    text = {k: f"Samverkan kring ämne{k} och {rng.choice(VOCABULARY)} med insats{k * 7}." for k in range(count)}
    before = {f"a{k}": (f"Kapitel {k}", text[k]) for k in range(count)}
    order = list(range(count))
    rng.shuffle(order)
    after = {f"b{k}": (f"Område {k + 1}", text[k]) for k in order}
    pairs = pair_sections(before, after, [])
    assert sorted(pairs) == sorted((f"a{k}", f"b{k}") for k in range(count))


def it_scores_a_bounded_number_of_candidates_per_text():
    rng = random.Random(5)
    before = {k: words_of(rng, 12, 50) for k in range(3000)}
    after = {k: words_of(rng, 12, 50) for k in range(3000)}
    assert len(list(candidates(before, after))) <= 2 * PARTNERS * 3000


def it_pairs_reworded_items_among_thousands():
    before = {f"m{k}": f"Deltagare i projekt{k} får stöd till arbete{k}." for k in range(3000)}
    after = {f"n{k}": f"Deltagare i projekt{k} får stöd till arbete{k} eller studier." for k in range(3000)}
    assert sorted(pair_by_wording(before, after)) == sorted((f"m{k}", f"n{k}") for k in range(3000))


def it_checks_every_amount_of_a_paragraph_that_states_thousands():
    budget = Budget.model_validate({"id": "b", "enhet": "tkr", "ar": [2030], "kostnader": {
        "rubrik": "Kostnader", "rader": [{"id": "drift", "text": "Drift", "belopp": {2030: 1600}}]}})
    stated = ", ".join(f"{1 + k % 9},{k % 10} mkr i kostnader" for k in range(20_000))
    found = list(_disagreements(f"För 2030 räknar förbundet med {stated}. Under 2031 är det 1,6 mkr i kostnader.",
                                [budget]))
    wrong = [k for k in range(20_000) if f"{1 + k % 9},{k % 10}" != "1,6"]
    assert len(found) == len(wrong)
    assert found[0] == "texten anger 1,0 mkr i kostnader för 2030 men budgettabellens summa är 1\u00a0600 tkr"


def it_typesets_one_layout_once_when_two_processes_need_it(tmp_path, monkeypatch):
    """The Word file's contents page and the PDF are rendered at once and need the same layout:
    Typst runs once (its memory grows with the rows of a document), the other waits and reads it."""
    import threading
    import time

    from generators.cache import RenderCache
    from generators.pdf import output
    from generators.pdf.markup import Markup
    from generators.pdf.typeset import Layout

    runs = []

    def slow_typeset(markup, inputs, date):
        runs.append(markup.source)
        time.sleep(0.5)
        return Layout(b"%PDF", (2, 3))

    monkeypatch.setattr(output, "typeset", slow_typeset)
    cache, results = RenderCache(tmp_path / "cache"), []
    ask = lambda: results.append(output.cached_typeset(Markup("= Lista"), {}, None, cache))  # noqa: E731
    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runs == ["= Lista"] and results == [Layout(b"%PDF", (2, 3))] * 2


def it_keeps_replaced_versions_out_of_the_menu_on_every_page():
    """The menu is on every page: with every version in it, the site grew with the square of
    their number. It has the plan in force, the drafts and the archive page, nothing per version."""
    from generators.content.loading import load_content
    from generators.cover import standings
    from generators.templating import phrases
    from generators.web.navigation import ARCHIVE, menu
    from tests.conftest import CONTENT

    plans = [loaded.model for loaded in load_content(CONTENT).plans]
    many = [plan.model_copy(update={"id": f"{plan.id}-{k}"}) for k in range(40) for plan in plans[:2]]
    for versions in (plans, plans + many):
        entries = menu(versions, standings(versions, phrases()), phrases())
        assert entries == [{"Gällande plan: Mål- och inriktningsplan 2022–2026": "planer/mal-och-inriktningsplan-2022-2026.md"},
                           {ARCHIVE: "planer/index.md"}]


def it_finds_each_versions_successor_as_before():
    """standings by bisection gives what the scan over all later versions gave, for a chain of
    versions of two kinds, some naming what they replace."""
    from types import SimpleNamespace

    from generators.cover import standing_of, standings
    from generators.templating import phrases

    rng = random.Random(2)
    versions = [SimpleNamespace(id=f"v{k}", kind=rng.choice(["verksamhetsplan", "mal-och-inriktningsplan"]),
                                status=rng.choice(["antagen", "antagen", "utkast"]), start_year=2000 + k // 2,
                                end_year=2000 + k // 2, period=str(2000 + k // 2), adopted=None, replaces=f"v{rng.randrange(k)}" if k and rng.random() < 0.3
                                else None) for k in range(300)]

    def slow(version):  # the definition: of the later adopted plans naming it the first to take effect (own
        key = lambda v: (v.start_year, "", v.id)  # noqa: E731   kind first), else the next of its kind
        later = sorted((v for v in versions if v.status == "antagen" and key(v) > key(version)), key=key)
        naming = sorted((v for v in later if v.replaces == version.id),
                        key=lambda v: (v.start_year, v.kind != version.kind))
        return naming[0] if naming else next((v for v in later if v.kind == version.kind), None)

    found = standings(versions, phrases())
    for version in versions:
        expected = slow(version) if version.status == "antagen" else None
        assert found[version.id].successor is expected
        assert standing_of(version, versions, phrases()).successor is expected
