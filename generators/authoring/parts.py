"""Recognising a plan's parts in an imported outline, where the structure allows it.

Only what a plan written by hand shows unmistakably becomes a part with ids: a section
headed "Vision" whose first paragraph is the vision; a list under "Grunder för samverkan",
"Principer" or "Värdegrund" as the principles; a goal paragraph followed by "Delmål:" and a
list, or a list under a goals heading; the lists of target groups ("Prioriterade
målgrupper": a numbered list is in priority order); lines "75 % ..." that add up to 100 % as
the distribution, also as a table of shares; a table of years and amounts as a budget
(authoring/budget_table.py). Everything else stays text. Works on the outline in place.
"""

from __future__ import annotations

import re
import unicodedata

from generators.authoring.budget_table import budget

VISION = re.compile(r"^(vår |förbundets )?vision(en)?\b", re.IGNORECASE)
PRINCIPLES = re.compile(r"princip|grunder för|grundläggande|värdegrund|utgångspunkter|förhållningssätt", re.IGNORECASE)
GOALS = re.compile(r"^((över)?gripande |styrelsens |verksamhetens )?mål(sättning(ar)?|en)?\b(?!grupp)", re.IGNORECASE)
SUB_GOALS = re.compile(r"^delmål\b", re.IGNORECASE)
TARGET_GROUPS = re.compile(r"målgrupp", re.IGNORECASE)
OVERALL_GROUP = re.compile(r"^övergripande målgrupp", re.IGNORECASE)
SHARE = re.compile(r"^(\d{1,3})\s*%\s+(\S.*)$", re.DOTALL)
LISTS = ("punktlista", "numrerad_lista")


class _Ids:
    """Ids made from the text, unique within the document."""

    def __init__(self):
        self.used: set[str] = set()

    def __call__(self, text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.lower())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        words = [w for w in re.findall(r"[a-z0-9]+", folded) if len(w) > 2 or w.isdigit()]
        base = "-".join(words[:4]) or "del"
        candidate, count = base, 1
        while candidate in self.used:
            count += 1
            candidate = f"{base}-{count}"
        self.used.add(candidate)
        return candidate


def recognise(sections: list[dict]) -> list[str]:
    """Turn recognisable blocks into parts; return what was recognised, in Swedish."""
    ids, found = _Ids(), []
    for section in _walk(sections):
        heading = section["rubrik"]
        blocks = section.get("innehall", [])
        if VISION.match(heading) and not _has(sections, "vision"):
            found += _vision(blocks)
        if PRINCIPLES.search(heading) and not _has(sections, "principer"):
            found += _principles(blocks, ids)
        if GOALS.match(heading):
            found += _goals(blocks, ids)
        if TARGET_GROUPS.search(heading):
            found += _target_groups(blocks, ids)
        found += _distribution(blocks, ids)
        found += _tables(blocks, ids)
    return found


def _walk(sections: list[dict]):
    for section in sections:
        yield section
        yield from _walk(section.get("avsnitt", []))


def _has(sections: list[dict], kind: str) -> bool:
    return any(kind in block for section in _walk(sections) for block in section.get("innehall", []))


def _texts(items: list) -> list[str] | None:
    """The items' texts, or None where an item has a footnote a part cannot carry."""
    if any(isinstance(item, dict) for item in items):
        return None
    return list(items)


def _vision(blocks: list[dict]) -> list[str]:
    for index, block in enumerate(blocks):
        if "stycke" in block:
            blocks[index] = {"vision": block["stycke"]}
            return ["vision"]
    return []


def _principles(blocks: list[dict], ids: _Ids) -> list[str]:
    for index, block in enumerate(blocks):
        kind = next((k for k in LISTS if k in block), None)
        texts = _texts(block[kind]) if kind else None
        if texts:
            blocks[index] = {"principer": [{"id": ids(t), "text": t} for t in texts]}
            return [f"{len(texts)} principer"]
    return []


def _goals(blocks: list[dict], ids: _Ids) -> list[str]:
    found = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        label = _label(blocks[index + 1]) if index + 1 < len(blocks) else None
        listed = blocks[index + 2] if index + 2 < len(blocks) else {}
        kind = next((k for k in LISTS if k in listed), None)
        sub_goals = _texts(listed[kind]) if kind else None
        if "stycke" in block and label and SUB_GOALS.match(label) and sub_goals:
            goal = {"id": ids(block["stycke"]), "stil": "stycke", "text": block["stycke"], "delmal_rubrik": label,
                    "delmal": [{"id": ids(t), "text": t} for t in sub_goals]}
            blocks[index:index + 3] = [{"mal": [goal]}]
            found.append(f"ett mål med {len(sub_goals)} delmål")
        index += 1
    if not found:
        for index, block in enumerate(blocks):
            kind = next((k for k in LISTS if k in block), None)
            texts = _texts(block[kind]) if kind else None
            if texts:
                blocks[index] = {"mal": [{"id": ids(t), "text": t} for t in texts]}
                return [f"{len(texts)} mål"]
    return found


def _label(block: dict) -> str | None:
    return block.get("underrubrik") or block.get("stycke")


def _target_groups(blocks: list[dict], ids: _Ids) -> list[str]:
    found = []
    for index, block in enumerate(blocks):
        if "stycke" in block and OVERALL_GROUP.match(block["stycke"]) and not block["stycke"].endswith(":"):
            blocks[index] = {"malgrupper": [{"id": ids(block["stycke"]), "stil": "stycke", "text": block["stycke"]}]}
            found.append("övergripande målgrupp")
            continue
        kind = next((k for k in LISTS if k in block), None)
        texts = _texts(block[kind]) if kind else None
        if texts:
            numbered = kind == "numrerad_lista"
            blocks[index] = {"malgrupper": [
                {"id": ids(t), **({"prioritet": rank} if numbered else {}), "text": t}
                for rank, t in enumerate(texts, start=1)]}
            found.append(f"{len(texts)} målgrupper" + (" i prioritetsordning" if numbered else ""))
    return found


def _distribution(blocks: list[dict], ids: _Ids) -> list[str]:
    """Consecutive '75 % ...' paragraphs, or a list of them, that add up to 100 %."""
    found = []
    index = 0
    while index < len(blocks):
        run, end = _shares(blocks, index)
        if len(run) >= 2 and sum(int(m.group(1)) for m in run) == 100:
            shares = [{"id": ids(m.group(2)), "andel": int(m.group(1)), "text": m.group(2).strip()} for m in run]
            blocks[index:end] = [{"fordelning": shares}]
            found.append(f"fördelning i {len(shares)} andelar")
        index += 1
    return found


CAPTION = re.compile(r"^(?:Belopp i |Tabell \d+\. .*, )(kr|tkr|kkr|mkr|mnkr)$")
"""A unit line as plans write it ('Belopp i tkr'), or styrdok's caption ('Tabell 1. Budget 2021–2023, tkr')."""


def _tables(blocks: list[dict], ids: _Ids) -> list[str]:
    """Budget tables, and two-column tables of shares in per cent that add up to 100."""
    found = []
    for index in range(len(blocks) - 1, -1, -1):
        table = blocks[index].get("tabell")
        if not table:
            continue
        caption = blocks[index - 1].get("stycke", "") if index else ""
        recognised = budget(table, caption, ids)
        if recognised:
            blocks[index] = {"budget": recognised}
            if CAPTION.match(caption):  # styrdok prints this caption itself
                del blocks[index - 1]
            found.append(f"budget {recognised['ar'][0]}–{recognised['ar'][-1]} i {recognised['enhet']}")
            continue
        rows = [table["rubriker"], *table["rader"]]
        matches = [SHARE.match(f"{row[0]} {row[1]}") if len(row) == 2 else None for row in rows]
        if len(rows) >= 2 and all(matches) and sum(int(m.group(1)) for m in matches) == 100:
            blocks[index] = {"fordelning": [{"id": ids(m.group(2)), "andel": int(m.group(1)), "text": m.group(2).strip()}
                                            for m in matches]}
            found.append(f"fördelning i {len(rows)} andelar")
    return found


def _shares(blocks: list[dict], start: int):
    block = blocks[start]
    kind = next((k for k in LISTS if k in block), None)
    if kind:
        items = _texts(block[kind]) or []
        matches = [SHARE.match(t) for t in items]
        return (matches, start + 1) if items and all(matches) else ([], start)
    matches, end = [], start
    while end < len(blocks) and "stycke" in blocks[end] and SHARE.match(blocks[end]["stycke"]):
        matches.append(SHARE.match(blocks[end]["stycke"]))
        end += 1
    return matches, end
