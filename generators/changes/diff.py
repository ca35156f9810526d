"""What changed between two versions, item by item: vision, principles, goals, target groups,
distribution, budget lines per year, projects, members and the sections of the outline.

Items are matched by id, and where ids differ by the similarity of their wording, so a
reworded goal reads as reworded, with a word-level redline, rather than as removed and added.
Two versions of different kinds are compared on the areas they share; an area only one of
them has is reported once as such.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Literal

from generators.content.model import (
    AnnualReview,
    Organisation,
    PlanVersion,
    Section,
    VersionBase,
)

Kind = Literal["tillagd", "borttagen", "andrad", "omformulerad", "flyttad", "bara-i-gammal", "bara-i-ny"]
SIMILAR = 0.5
"""Two items with different ids are one reworded item when this share of their words agree."""
UNIT_IN_KRONOR = {"kr": 1, "tkr": 1000, "kkr": 1000, "mkr": 1_000_000, "mnkr": 1_000_000}


@dataclass(frozen=True)
class Change:
    kind: Kind
    area: str
    """vision, princip, mal, delmal, malgrupp, fordelning, budgetrad, projekt, medlem, avsnitt."""
    id: str
    field: str = ""
    """What changed: text, prioritet, belopp[2022], rubrik, position ..."""
    old: object = None
    new: object = None
    redline: tuple[tuple[str, str], ...] = ()
    """Word-level ops for a reworded text: ('=', 'ord'), ('-', 'ord'), ('+', 'ord')."""
    extra: dict = dataclasses.field(default_factory=dict, compare=False)
    """For budget lines: the change in kronor and per cent."""

    def as_json(self) -> dict:
        data = asdict(self)
        data["redline"] = [list(op) for op in self.redline]
        return data


def split_words(text: str) -> list[str]:
    """Words on ordinary spaces only: '8\u00a0000' (a non-breaking space) is one word."""
    return [word for word in text.split(" ") if word]


def redline(old: str, new: str) -> tuple[tuple[str, str], ...]:
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


def similarity(old: str, new: str, at_least: float = 0.0) -> float:
    """The share of words two texts agree on; 0 as soon as cheap upper bounds fall below at_least."""
    matcher = SequenceMatcher(None, split_words(old.lower()), split_words(new.lower()), autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


# --- Items per area ------------------------------------------------------------------------------

Items = dict[str, dict[str, dict]]
"""area -> id -> fields (always with 'text', the wording used to match items with other ids)."""


def items(version: VersionBase, organisation: Organisation) -> Items:
    result: Items = {"medlem": _members(version, organisation)}
    if isinstance(version, AnnualReview):
        result["maluppfoljning"] = {f.goal: {"text": f.measure or "", "kvinnor": f.women, "man": f.men}
                                    for f in version.goal_follow_ups}
        result["insats"] = {e.id: {"text": e.name, "beslut": e.decision} for e in version.efforts}
        return result
    for _, block in version.walk_blocks():
        _block_items(block, result)
    result["avsnitt"] = _sections(version.sections)
    return {area: found for area, found in result.items() if found}


def _block_items(block, result: Items) -> None:
    add = lambda area, key, **fields: result.setdefault(area, {}).__setitem__(key, fields)  # noqa: E731
    kind, value = block.kind, block.value
    if kind == "vision":
        add("vision", "vision", text=value)
    elif kind == "principer":
        for position, principle in enumerate(value, 1):
            add("princip", principle.id, text=principle.text, nummer=position)
    elif kind == "mal":
        for goal in value:
            add("mal", goal.id, text=goal.text)
            for sub_goal in goal.sub_goals:
                add("delmal", sub_goal.id, text=sub_goal.text)
    elif kind == "malgrupper":
        for group in value:
            add("malgrupp", group.id, text=group.text, prioritet=group.priority)
    elif kind == "fordelning":
        for share in value:
            add("fordelning", share.id, text=share.text, andel=share.percent)
    elif kind == "budget":
        for part_key, part in value.parts():
            for row in part.rows:
                add("budgetrad", f"{part_key}/{row.id}", text=row.text, belopp=dict(row.amounts), enhet=value.unit)
            if part.total:
                add("budgetrad", f"{part_key}/summa", text=part.total.text, belopp=dict(part.total.amounts),
                    enhet=value.unit)
        if value.result:
            add("budgetrad", "resultat", text=value.result.text, belopp=dict(value.result.amounts), enhet=value.unit)
    elif kind == "projekt":
        for project in value.projects:
            add("projekt", project.id, text=f"{project.name} {project.place or ''}".strip(), inriktning=project.focus,
                start=project.start, slut=project.end, total_kostnad=project.total_cost, kostnad_ar=project.year_cost)


def _members(version: VersionBase, organisation: Organisation) -> dict[str, dict]:
    """Each member with the name it had when the version began (Landstinget Sörmland until 2018)."""
    members = {}
    for member in organisation.members:
        name = member.name
        for former in sorted(member.former_names, key=lambda f: f.until_year):
            if version.start_year <= former.until_year:
                name = former.name
                break
        members[member.id] = {"text": name}
    return members


def _sections(sections: list[Section], parent: str = "") -> dict[str, dict]:
    found: dict[str, dict] = {}
    for position, section in enumerate(sections):
        key = section.id or section.heading.lower()
        key = f"{parent}/{key}" if parent else key
        found[key] = {"text": section.heading, "rubrik": section.heading, "nummer": section.number,
                      "position": position, "forald": parent, "innehall": _section_text(section)}
        found.update(_sections(section.sections, key))
    return found


PROSE = ("stycke", "underrubrik", "punktlista", "numrerad_lista", "tabell", "signatur")
"""Blocks that are a section's own wording; goals, budgets and the like are compared item by item."""


def _section_text(section: Section) -> str:
    texts = []
    for block in section.blocks:
        if block.kind not in PROSE:
            continue
        value = block.value
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts += [item.text for item in value]
        else:
            texts += [" ".join(value.headings)] + [" ".join(row) for row in value.rows]
    return " ".join(texts)


# --- Comparing --------------------------------------------------------------------------------------

def diff_versions(old: VersionBase, new: VersionBase, organisation: Organisation) -> list[Change]:
    old_items, new_items = items(old, organisation), items(new, organisation)
    changes: list[Change] = []
    for area in _ordered_areas(old_items, new_items):
        before, after = old_items.get(area, {}), new_items.get(area, {})
        if not before:
            changes.append(Change("bara-i-ny", area, area, new=len(after)))
        elif not after:
            changes.append(Change("bara-i-gammal", area, area, old=len(before)))
        else:
            changes += _compare_area(area, before, after)
    return changes


AREAS = ["vision", "princip", "mal", "delmal", "malgrupp", "fordelning", "budgetrad", "projekt", "medlem",
         "maluppfoljning", "insats", "avsnitt"]


def _ordered_areas(old_items: Items, new_items: Items) -> list[str]:
    present = set(old_items) | set(new_items)
    return [area for area in AREAS if area in present]


def _compare_area(area: str, before: dict[str, dict], after: dict[str, dict]) -> list[Change]:
    pairs = [(key, key) for key in before if key in after]
    only_old = [key for key in before if key not in after]
    only_new = [key for key in after if key not in before]
    pairs += _pair_by_wording(before, after, only_old, only_new)
    paired_old = {old for old, _ in pairs}
    paired_new = {new for _, new in pairs}
    changes: list[Change] = []
    for old_key, new_key in pairs:
        changes += _compare_item(area, old_key, new_key, before[old_key], after[new_key])
    if area == "avsnitt":
        changes += _moved_sections(pairs, before, after)
    changes += [Change("borttagen", area, key, old=before[key]["text"]) for key in before if key not in paired_old]
    changes += [Change("tillagd", area, key, new=after[key]["text"]) for key in after if key not in paired_new]
    return changes


def _pair_by_wording(before, after, only_old, only_new) -> list[tuple[str, str]]:
    """Items whose ids differ but whose wording is similar are the same item reworded."""
    scored = sorted(
        ((similarity(before[o]["text"], after[n]["text"], SIMILAR), i, j, o, n)
         for i, o in enumerate(only_old) for j, n in enumerate(only_new)),
        key=lambda entry: (-entry[0], entry[1], entry[2]),
    )
    pairs, used_old, used_new = [], set(), set()
    for score, _, _, old_key, new_key in scored:
        if score < SIMILAR:
            break
        if old_key not in used_old and new_key not in used_new:
            pairs.append((old_key, new_key))
            used_old.add(old_key)
            used_new.add(new_key)
    return pairs


def _compare_item(area: str, old_key: str, new_key: str, old: dict, new: dict) -> list[Change]:
    key = old_key if old_key == new_key else f"{old_key} → {new_key}"
    changes = [dataclasses.replace(change, extra={"rubrik": new["text"], **change.extra})
               for change in _item_changes(area, key, old, new)]
    return changes


def _item_changes(area: str, key: str, old: dict, new: dict) -> list[Change]:
    changes: list[Change] = []
    if area == "medlem" and old["text"] != new["text"]:
        return [Change("andrad", area, key, "namn", old["text"], new["text"])]
    if old["text"] != new["text"]:
        changes.append(Change("omformulerad", area, key, "text", old["text"], new["text"],
                              redline(old["text"], new["text"])))
    if area == "budgetrad":
        return changes + _compare_amounts(key, old, new)
    for name in sorted(set(old) | set(new)):
        if name in ("text", "position", "forald", "nummer") or old.get(name) == new.get(name):
            continue
        if name in ("innehall", "rubrik"):
            if name == "innehall":
                changes.append(Change("omformulerad", area, key, name, old[name], new[name],
                                      redline(old[name] or "", new[name] or "")))
            continue
        changes.append(Change("andrad", area, key, name, old.get(name), new.get(name)))
    return changes


def _compare_amounts(key: str, old: dict, new: dict) -> list[Change]:
    changes = []
    old_scale, new_scale = UNIT_IN_KRONOR[old["enhet"]], UNIT_IN_KRONOR[new["enhet"]]
    common = sorted(set(old["belopp"]) & set(new["belopp"]))
    if not common:  # e.g. 'Summa' of 2007–2008 against 'Summa' of 2021–2023: no year to compare
        return changes + [Change("andrad", "budgetrad", key, "ar", sorted(old["belopp"]), sorted(new["belopp"]))]
    for year in common:
        before, after = old["belopp"][year], new["belopp"][year]
        difference = after * new_scale - before * old_scale
        if difference == 0:
            continue
        extra = {"enhet_gammal": old["enhet"], "enhet_ny": new["enhet"], "forandring_kr": difference,
                 "forandring_procent": round(100 * difference / (before * old_scale), 1) if before else None}
        changes.append(Change("andrad", "budgetrad", key, f"belopp[{year}]", before, after, extra=extra))
    return changes


def _moved_sections(pairs, before, after) -> list[Change]:
    """A section is moved when it leaves the order the other matched sections keep."""
    changes = []
    by_parent: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for old_key, new_key in pairs:
        by_parent.setdefault((before[old_key]["forald"], after[new_key]["forald"]), []).append((old_key, new_key))
    for (old_parent, new_parent), siblings in by_parent.items():
        old_order = sorted(siblings, key=lambda pair: before[pair[0]]["position"])
        new_order = sorted(siblings, key=lambda pair: after[pair[1]]["position"])
        matcher = SequenceMatcher(None, old_order, new_order, autojunk=False)
        kept = {pair for block in matcher.get_matching_blocks() for pair in old_order[block.a:block.a + block.size]}
        for old_key, new_key in siblings:
            if (old_key, new_key) not in kept or old_parent != new_parent:
                key = old_key if old_key == new_key else f"{old_key} → {new_key}"
                changes.append(Change("flyttad", "avsnitt", key, "position",
                                      before[old_key]["position"] + 1, after[new_key]["position"] + 1))
    return changes


def consecutive_pairs(plans: list[PlanVersion]) -> list[tuple[PlanVersion, PlanVersion]]:
    """Each plan with the one before it: by 'ersatter' where stated, else by start year."""
    ordered = sorted(plans, key=lambda plan: (plan.start_year, plan.id))
    by_id = {plan.id: plan for plan in ordered}
    pairs = []
    for index, plan in enumerate(ordered[1:], 1):
        previous = by_id.get(plan.replaces) if plan.replaces else ordered[index - 1]
        pairs.append((previous or ordered[index - 1], plan))
    return pairs
