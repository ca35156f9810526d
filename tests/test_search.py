"""The site's search as a citizen uses it: a word is found typed with or without å, ä and ö,
the plan in force comes first, and every result leads to its page with the word highlighted."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.test_site import browser, out, page, server  # noqa: F401 - fixtures

CURRENT = "planer/mal-och-inriktningsplan-2022-2026/"


def plain(word: str) -> str:
    """The word as typed on a keyboard without å, ä and ö."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def words_of_the_plan_in_force(out, count: int = 5) -> list[str]:
    """Words of seven letters or more with å, ä or ö, from the plan in force as the index has it."""
    index = json.loads((out / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in index["docs"]
                    if doc["location"].startswith(CURRENT))
    words = sorted({w.lower() for w in re.findall(r"\w{7,}", text) if re.search("[åäöÅÄÖ]", w)})
    assert len(words) >= count
    return words[::len(words) // count][:count]


def _search(page, server, query: str) -> list[str]:  # noqa: F811
    page.goto(server + "/")
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent.trim() !== '' && !/nitiali/i.test(m.textContent); }""", timeout=30000)
    page.wait_for_function("() => performance.getEntriesByType('resource').some(r => r.name.includes('search_index'))")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.wait_for_timeout(300)  # the last keystroke's results
    return page.locator(".md-search-result__item a[href]").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("typed", ["as written", "without å, ä and ö"])
def it_finds_the_plan_in_force_first_and_highlights_the_word(page, server, out, typed):  # noqa: F811
    for word in words_of_the_plan_in_force(out):
        query = word if typed == "as written" else plain(word)
        links = _search(page, server, query)
        assert CURRENT in links[0], (query, links[:3])
        for link in links:
            highlighted = re.search(r"[?&]h=([^&#]*)", link)
            assert highlighted and highlighted.group(1), (query, link)
        target = next(link for link in links if CURRENT in link)
        page.goto(target)
        page.locator("article mark").first.wait_for(timeout=10000)
        marked = [m.lower() for m in page.locator("article mark").all_inner_texts()]
        assert any(m.startswith(word[:len(m)]) and len(m) >= 4 for m in marked), (query, target, marked)


def it_leaves_the_screen_readers_words_out_of_the_search_previews(out):  # noqa: F811
    """'Struket:' and 'Tillagt:' are read out on change pages but never shown: a search preview
    of a change page shows the text, not them; the page itself still has them."""
    index = json.loads((out / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = list((out / "site" / "andringar").rglob("index.html"))
    struck = [re.sub(r"<[^>]+>", "", match) for page in pages
              for match in re.findall(r"Struket: </span>(.{20,}?)</del>", page.read_text(encoding="utf-8"))]
    assert struck
    text = " ".join(doc["text"] for doc in index["docs"] if "andringar" in doc["location"])
    assert any(passage[:20] in text for passage in struck)
    assert not [passage for passage in struck if f"Struket: {passage[:20]}" in text]
